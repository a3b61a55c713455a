"""The link checker: network code that fetches every listed website and source page, safely.

``outside`` makes one request that cannot reach inside the network (its own vetted client on
the standard library's ``http.client``, not requests); ``crawler`` checks every link with
per-host manners and redirect handling; ``live`` picks the directory to check, the live one (the
corrections store's newest version). Only the command line (``check-links``) imports this;
pages read the results through ``coverage.listings.health``.
"""
