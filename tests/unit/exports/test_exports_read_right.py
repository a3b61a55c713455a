"""Exported images that read right: the Wales council chart's title claims no ranking of equal values, its
ticks are unique, no two texts overprint each other; the Wales map image names Wales and lists only the
classes it shows.

Text boxes come from the SVG the renderer draws (the PNG is a rasterisation of the same layout): each text
line's position after its groups' translations, measured in Liberation Sans, the face Chromium uses.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from itertools import combinations

import pytest

from coverage.exports import images
from coverage.model.gaps import area_table
from tests.unit.exports.briefing.test_figures_layout import SVG, _overlap, font

pytestmark = pytest.mark.slow


def wales(atlas, assumptions):
    table = area_table(atlas, "utla", assumptions)
    return table[table["nation"] == "Wales"]


def text_boxes(svg: bytes) -> list[tuple[str, tuple[float, float, float, float], str]]:
    """Every non-empty line of text with its box (left, top, right, bottom) in px and its class."""
    root = ET.fromstring(svg)
    parents = {child: parent for parent in root.iter() for child in parent}
    out = []
    for node in root.iter(f"{SVG}text"):
        style = node.get("style", "")
        found = re.search(r"font-size:\s*([\d.]+)px", style)
        size = float(found.group(1)) if found else 12.0  # plotly's default, for a text with no size of its own
        dx = dy = 0.0
        at = node
        while at is not None:
            move = re.search(r"translate\(([-\d.e]+),\s*([-\d.e]+)\)", at.get("transform", ""))
            if move:
                dx, dy = dx + float(move.group(1)), dy + float(move.group(2))
            at = parents.get(at)
        base_x, base_y = float(node.get("x", 0)) + dx, float(node.get("y", 0)) + dy
        # Plotly writes each line of a multi-line text as a tspan of class "line", moved down by its dy.
        lines = [
            ("".join(t.itertext()), t.get("x"), t.get("dy"))
            for t in node.findall(f"{SVG}tspan")
            if t.get("class") == "line" and "".join(t.itertext()).strip()
        ]
        if not lines and "".join(node.itertext()).strip():
            lines = [("".join(node.itertext()), None, None)]
        for text, x, line_dy in lines:
            left = float(x) + dx if x is not None else base_x
            y = base_y + (float(line_dy.rstrip("em")) * size if line_dy else 0.0)
            width = font(size).getlength(text)
            left = {"middle": left - width / 2, "end": left - width}.get(node.get("text-anchor"), left)
            kind = node.get("class") or parents[node].get("class") or ""
            out.append((text.strip(), (left, y - 0.91 * size, left + width, y + 0.22 * size), kind))
    return out


def test_wales_council_chart_reads_right(atlas, assumptions, renderer):
    svg = images.chart_export(
        atlas,
        "utla",
        "reach",
        assumptions,
        fmt="svg",
        size="social",
        table=wales(atlas, assumptions),
        renderer=renderer,
    )
    boxes = text_boxes(svg)
    words = " ".join(text for text, _, _ in boxes)
    # Every Welsh council is at 0%: the title says so instead of claiming "the 15 with the highest".
    assert "highest" not in words
    assert "Reach of listed teams is 0% in all 22 councils in Wales (15 shown)" in " ".join(words.split())
    ticks = [text for text, _, kind in boxes if kind == "xtick"]
    assert ticks == sorted(set(ticks), key=lambda t: int(t[:-1])), ticks  # unique, in order
    assert len(ticks) >= 3
    for (a, box_a, _), (b, box_b, _) in combinations(boxes, 2):
        assert not _overlap(box_a, box_b), (a, box_a, b, box_b)


def test_wales_map_names_wales_and_lists_only_classes_shown(atlas, assumptions, renderer):
    svg = images.map_export(
        atlas,
        "utla",
        "reach",
        assumptions,
        fmt="svg",
        size="social",
        table=wales(atlas, assumptions),
        renderer=renderer,
    )
    words = " ".join(text for text, _, _ in text_boxes(svg))
    assert "by council (upper tier), Wales" in words
    legend = [text for text, _, cls in text_boxes(svg) if cls == "legendtext"]
    assert legend == ["no team listed (19)", "service listed, not counted (3)"], legend


def test_titles_name_the_place_and_equal_values():
    assert (
        images.chart_title("Reach", "utla", 15, 22, "Wales", "0%")
        == "Reach is 0% in all 22 councils in Wales (15 shown)"
    )
    assert images.chart_title("Reach", "utla", 15, 218) == "Reach: the 15 councils with the highest, of 218"
    assert images.map_title("reach", "utla", "Wales").endswith(", Wales")
