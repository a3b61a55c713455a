"""Sources shown as titled links: "Parent-Infant Foundation, 11 Dec 2025" linking to its page, not a bare URL.

The engine keeps a source as one string, ``"<title> (<url>)"`` (readable in a CSV or a log); a page
reads better with the title as the link's text. Titles are escaped like any other text; only an
http(s) address with no spaces or brackets becomes a link target, anything else stays plain text.
"""

from __future__ import annotations

import math
import re

from coverage.present.text import md

_TITLED = re.compile(r"^(?P<title>.+?) \((?P<url>https?://[^\s()<>\[\]]+)\)$")


def titled_link(source: str) -> str:
    """Markdown for one source: ``[title](url)`` when it has the "title (url)" shape, else the escaped text."""
    text = "" if source is None else str(source).strip()
    found = _TITLED.match(text)
    if not found:
        return md(text)
    return f"[{md(found['title'])}]({found['url']})"


def _published(value) -> int | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return int(value)


def completeness_line(rows) -> str:
    """How complete the listing is, a sentence per scope, each published count with its source as a link.

    ``rows`` are ``benchmarks.completeness`` rows (scope, counted, listed, published, published_source);
    the wording follows ``benchmarks.completeness_sentence``, with the source's title as the link's text.
    """
    sentences = []
    for row in rows:
        counted = f"{md(row['scope'])}: {int(row['counted'])} teams counted ({int(row['listed'])} listed)"
        published = _published(row["published"])
        if published is None:
            sentences.append(f"{counted}; no published count.")
        else:
            sentences.append(f"{counted} of {published} published ({titled_link(row['published_source'])}).")
    return " ".join(sentences)
