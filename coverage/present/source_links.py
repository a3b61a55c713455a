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
    """One short line on how complete the listing is, each published count with its source as a link.

    ``rows`` are ``benchmarks.completeness`` rows (scope, counted, published, published_source).
    Scopes without a published count are named together at the end, so the line stays one line.
    """
    parts, unpublished = [], []
    for row in rows:
        published = _published(row["published"])
        if published is None:
            unpublished.append(md(row["scope"]))
            continue
        parts.append(
            f"{md(row['scope'])} {int(row['counted'])} of {published} published ({titled_link(row['published_source'])})"
        )
    if unpublished:
        names = ", ".join(unpublished[:-1]) + (" or " if len(unpublished) > 1 else "") + unpublished[-1]
        parts.append(f"no published count for {names}")
    return "; ".join(parts) + "."
