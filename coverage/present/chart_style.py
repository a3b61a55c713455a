"""How text reads on every chart: one font, and long names wrapped rather than cut off.

Maps, bar charts and the timeline share these, on screen and in exported images, so a chart
looks the same wherever it is drawn.
"""

from __future__ import annotations

from coverage.present.text import markup as esc  # plotly labels render a subset of HTML

FONT = "Source Sans Pro, Arial, sans-serif"
NAME_WRAP = 28


def wrap_name(name: str, width: int = NAME_WRAP) -> str:
    """A long area name over two or more lines (``<br>``) so bar labels are never clipped."""
    words, lines, line = str(name).split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "<br>".join(esc(x) for x in lines)
