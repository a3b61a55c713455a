"""Making user-supplied text inert where it is shown.

Team names and notes come from people editing the directory; in Streamlit markdown they
must read as the literal text, never as links, images or HTML.
"""

from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&$:])")


def md(text) -> str:
    """Escape every markdown (and HTML-significant) character with a backslash."""
    return _MD_SPECIAL.sub(r"\\\1", "" if text is None else str(text)).replace("\n", " ")
