"""The PDF briefing's page 1: the locator map's legend fits under the map, and the comparison chart is on the
page whole, with tick labels that neither overlap each other nor the axis title, nor run off the image.

The chart reaches the PDF as a raster image (plotly drawn by Chromium through kaleido, placed by reportlab),
so ``pdftotext`` cannot see its tick labels. The slow test therefore checks two things that can each fail:
where the image sits in the PDF (``pdfimages`` and ``pdftotext -bbox-layout``), and the tick-label layout of
the same figure at the same size rendered as SVG by the same renderer (the PNG is a rasterisation of that
layout), with each label's box measured in Liberation Sans, the face Chromium uses for the chart's "Arial".
"""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from itertools import combinations
from pathlib import Path

import pytest
from PIL import ImageFont

from coverage.exports import briefing
from coverage.exports.briefing import document, figures, typeset
from coverage.model import profile
from coverage.model.gaps import area_table
from tests.support.prerequisites import unavailable
from tests.unit.exports.support import need

KENT = "E10000016"
FONT_FILE = Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")
SYMBOL_PX = 40  # a legend entry's marker and the gap before its text (plotly's itemwidth is 30)
LINE_EM = 1.35  # a legend row's height, in font sizes
SVG = "{http://www.w3.org/2000/svg}"


def font(size: float) -> ImageFont.FreeTypeFont:
    if not FONT_FILE.exists():
        unavailable(f"{FONT_FILE} is not installed (apt-get install fonts-liberation)")
    return ImageFont.truetype(str(FONT_FILE), round(size))


def test_locator_legend_fits_under_the_map(atlas, assumptions):
    """Every class name fits in its column, and every row in the band kept for the legend (two to a row, the
    names ran into each other and off the map's right edge); only the classes the map shows are listed."""
    table = area_table(atlas, "utla", assumptions)
    fig = figures.locator_map(atlas, "utla", KENT, table)
    legend = fig.layout.legend
    size = legend.font.size
    names = [t.name for t in fig.data if t.showlegend is not False and t.name and t.type == "scattermap"]
    shown = table[table["area_code"].isin(figures.locator_codes(atlas, "utla", KENT))]
    assert all(not n.endswith("(0)") for n in names), names
    assert sum(int(n.rsplit("(", 1)[1].rstrip(")")) for n in names) == len(shown)  # every area in a listed class
    column = figures.LOCATOR_W * legend.entrywidth if legend.entrywidthmode == "fraction" else legend.entrywidth
    widest = max(font(size).getlength(n) for n in names)
    assert widest + SYMBOL_PX <= column, (widest, column, max(names, key=len))
    per_row = round(1 / legend.entrywidth) if legend.entrywidthmode == "fraction" else 1
    rows = -(-len(names) // per_row) + 1  # and the title, above
    band = fig.layout.margin.b
    assert rows * size * LINE_EM <= band, (rows, size, band)
    assert fig.layout.height == figures.LOCATOR_MAP_H + band


def _boxes(svg: bytes) -> dict[str, list[tuple[str, tuple[float, float, float, float]]]]:
    """Each x tick, y tick and axis-title text of a plotly SVG with its box (left, top, right, bottom) in px."""
    out: dict[str, list] = {"xtick": [], "ytick": [], "xtitle": []}
    root = ET.fromstring(svg)
    parents = {child: parent for parent in root.iter() for child in parent}
    for node in root.iter(f"{SVG}text"):
        kind = node.get("class") or parents[node].get("class")
        kind = "xtitle" if kind == "annotation-text" else kind  # the axis note stands under the ticks
        if kind not in out or not (node.text or "").strip():
            continue
        size = float(re.search(r"font-size:\s*([\d.]+)px", node.get("style", "")).group(1))
        dx, dy = 0.0, 0.0
        at = node
        while at is not None:  # plotly moves text by its own translate and its groups' (annotations)
            move = re.search(r"translate\(([-\d.e]+),\s*([-\d.e]+)\)", at.get("transform", ""))
            if move:
                dx, dy = dx + float(move.group(1)), dy + float(move.group(2))
            at = parents.get(at)
        x, y = float(node.get("x", 0)) + dx, float(node.get("y", 0)) + dy
        width = font(size).getlength(node.text)
        left = {"middle": x - width / 2, "end": x - width}.get(node.get("text-anchor"), x)
        out[kind].append(
            (node.text, (left, y - 0.91 * size, left + width, y + 0.22 * size))
        )  # the face's ascent, descent
    return out


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.slow
def test_kent_briefing_chart_on_page_one_with_clear_ticks(atlas, assumptions, renderer, tmp_path):
    for program in ("pdftoppm", "pdftotext", "pdfimages"):
        need(program)
    pdf = tmp_path / "kent.pdf"
    pdf.write_bytes(briefing.briefing_export(atlas, "utla", KENT, assumptions, renderer=renderer))
    # The page as a person sees it (the test's evidence; look at it when the layout changes).
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    assert next(tmp_path.glob("page*.png")).stat().st_size > 20_000

    comp = profile.comparison(atlas, "utla", KENT, assumptions)
    chart_h = figures.CHART_H(len(comp))
    # The chart is a raster image on page 1, at the size it was drawn.
    listing = subprocess.run(["pdfimages", "-list", "-f", "1", "-l", "1", str(pdf)], capture_output=True, text=True)
    sizes = {
        (int(c[3]), int(c[4])) for c in (line.split() for line in listing.stdout.splitlines()[2:]) if c[2] == "image"
    }
    assert (1000 * document.IMAGE_SCALE, chart_h * document.IMAGE_SCALE) in sizes, listing.stdout

    # ... placed whole between its heading and the note under it, above the page's footer.
    layout = subprocess.run(
        ["pdftotext", "-bbox-layout", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    page = ET.fromstring(re.sub(r'xmlns="[^"]+"', "", layout, count=1).encode()).find(".//page")
    lines = [
        (" ".join(w.text for w in line.iter("word")), float(line.get("yMin")), float(line.get("yMax")))
        for line in page.iter("line")
    ]
    heading = next(y1 for text, _, y1 in lines if text == "How it compares")
    note = next(y0 for text, y0, _ in lines if text.startswith(("The target reach", "The dashed orange line")))
    footer = next(y0 for text, y0, _ in lines if text.startswith("Source: ONS"))
    drawn_h = (float(page.get("width")) - 2 * typeset.MARGIN) * chart_h / 1000
    assert note - heading >= drawn_h - 1, (heading, note, drawn_h)
    assert note < footer, (note, footer)

    # The same figure at the same size, as SVG: its tick labels and axis title, measured.
    svg = renderer.render(
        figures.comparison_chart(comp, assumptions.target_reach), fmt="svg", width=1000, height=chart_h
    )
    boxes = _boxes(svg)
    assert "0%" in [text for text, _ in boxes["xtick"]], boxes["xtick"]
    assert len(boxes["xtick"]) >= 3 and len(boxes["xtitle"]) == 1, boxes
    assert [text for text, _ in boxes["ytick"]][::-1] == [
        f"{s}: {n}" if s != "UK" else "United Kingdom" for s, n in zip(comp["scope"], comp["area_name"])
    ]
    every = [item for kind in boxes.values() for item in kind]
    for text, (left, top, right, bottom) in every:
        assert left >= 0 and top >= 0 and right <= 1000 and bottom <= chart_h, (text, (left, top, right, bottom))
    for kind in ("xtick", "ytick"):
        for (a, box_a), (b, box_b) in combinations(boxes[kind], 2):
            assert not _overlap(box_a, box_b), (a, box_a, b, box_b)
    title, title_box = boxes["xtitle"][0]
    for text, box in boxes["xtick"] + boxes["ytick"]:
        assert not _overlap(box, title_box), (text, box, title, title_box)
