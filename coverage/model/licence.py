"""The licence most of the atlas's public data is published under, named in one place.

The build writes it into the manifest beside each source, a data refresh writes it beside each
newer vintage, and every export's caption names it when the manifest does. One spelling lets the
caption find the licence in the manifest by plain comparison, however the text is later edited.
"""

from __future__ import annotations

OGL = "Open Government Licence v3.0"
