"""Making user-supplied text inert where it is shown: the one escaping rule for the whole app.

Team names, notes, unresolved areas, reviewers' names and reasons, scenario fields and file
contents come from people; wherever they are shown they must read as the literal text, never
as links, images or HTML:

- ``md`` for anything Streamlit renders as markdown: ``st.markdown``, captions, alerts
  (``st.error``/``st.warning``/``st.info``), expander labels, widget labels and help tooltips,
  and every cell of an ``st.table`` (it renders cells as markdown, unlike ``st.dataframe``);
- ``web_link`` for a link to an address from the data (only plain http(s) becomes a link);
- ``markup`` for HTML-like targets: plotly hover labels and PDF (reportlab) paragraphs.

Tables (``st.dataframe``), ``st.text`` and code blocks show text as text already. Spreadsheet
and GIS exports are guarded separately against formulas (``coverage.exports.safety``).
"""

from __future__ import annotations

import html
import re

from coverage.model.directory import URL

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&$:])")
# Streamlit's markdown (remark-gfm) turns bare URLs, www. names and emails into links by searching
# the text *after* escapes are resolved, so backslashes cannot stop it; an invisible word joiner
# (U+2060) inside each trigger does, and reads the same.
JOINER = "\u2060"
_WWW = re.compile(r"(?i)\b(www)\.")


def _unlinked(text: str) -> str:
    text = text.replace("://", ":" + JOINER + "//")
    text = _WWW.sub(lambda m: m.group(1) + JOINER + ".", text)
    return text.replace("@", "@" + JOINER)


def md(text) -> str:
    """Escape every markdown (and HTML-significant) character with a backslash, stop autolinks; one line."""
    plain = _unlinked("" if text is None else str(text))
    return _MD_SPECIAL.sub(r"\\\1", plain).replace("\r", " ").replace("\n", " ")


def _plain_web_address(text: str) -> bool:
    """The directory's one web-address rule, and no backslash or backtick: markdown reads those two
    inside a link's target, so an address holding one is shown as text, not linked."""
    return URL.fullmatch(text) is not None and "\\" not in text and "`" not in text


def web_link(label: str, url) -> str:
    """A markdown link to ``url`` only if it is a plain http(s) address; anything else is shown as text.

    A listing's website comes from people: ``javascript:`` or ``<img ...>`` in a link's target would
    be a link or an element made from their text, so such a value is escaped like any other.
    """
    text = "" if url is None else str(url).strip()
    if not _plain_web_address(text):
        return f"{md(label)}: {md(text)}"
    return f"[{md(label)}]({text.replace('(', '%28').replace(')', '%29')})"


_MARKUP_SIGNS = re.compile(r"!?\[[^\]]*\]\(|<[a-z/!]|javascript:|\*\*|__", re.IGNORECASE)
_ADDRESS = re.compile(r"https?:|www\.", re.IGNORECASE)


def looks_like_markup(text) -> bool:
    """True if the text holds something a Markdown or HTML renderer would turn into an element.

    The app shows such text as its literal characters everywhere; a reviewer is told, so a name
    carrying an image or a link is seen for what it is before it is approved. A field that is just
    a plain web address (a website, a source) is what it claims to be and is not flagged.
    """
    plain = "" if text is None else str(text)
    if _MARKUP_SIGNS.search(plain):
        return True
    return bool(_ADDRESS.search(plain)) and not _plain_web_address(plain.strip())


def markup(text) -> str:
    """Escape text for HTML-like markup (plotly labels, reportlab paragraphs): ``& < >`` become entities.

    Neither target reads attributes from text that has no ``<``, so quotes stay as typed (and a
    PDF's neutralised spreadsheet text keeps its leading apostrophe).
    """
    return html.escape("" if text is None else str(text), quote=False)
