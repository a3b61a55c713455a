"""The suggestion and review workflow: from a member of the public's suggestion to a new directory version.

``corrections`` checks and applies suggested changes and new teams (with ``web_address``, the
rules a listed link must meet); ``confirmations`` handles "this listing is still right";
``review`` turns approvals, undos and imports into validated versions; ``bulk`` decides many
open suggestions at once; ``history`` tells a listing's history in plain words; ``public`` and
``listing`` say a listing in the words the public sees; ``directory_import`` reads a whole
uploaded directory safely. Imported by the pages and the command line (and the pipeline's link
checker, for the web-address rules and re-reading a stored version); built on the store and the model.
"""
