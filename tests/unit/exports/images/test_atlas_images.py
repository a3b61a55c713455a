"""PNG and SVG maps and charts through the Chromium renderer, and the renderer's life cycle."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
from PIL import Image

from coverage.exports import images
from coverage.exports.provenance import date_text
from coverage.present.metrics import BLUES, NO_TEAM_COLOUR
from tests.unit.exports.support import (
    TODAY,
    squash,
)

pytestmark = pytest.mark.slow  # drives Chromium or a subprocess per test


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


def _share_near(img: Image.Image, colour: str, tolerance: int = 14) -> float:
    """Share of pixels within ``tolerance`` of a colour (maps are drawn at 90% opacity on white)."""
    target = _rgb(colour)
    # what the colour looks like at 90% opacity over white
    seen = tuple(round(0.9 * c + 0.1 * 255) for c in target)
    small = img.convert("RGB").resize((270, 270), Image.NEAREST)
    raw = small.tobytes()
    px = [raw[i : i + 3] for i in range(0, len(raw), 3)]
    hits = sum(1 for p in px if all(abs(p[i] - seen[i]) <= tolerance for i in range(3)))
    return hits / len(px)


def test_map_png_is_the_right_size_and_shows_several_classes(atlas, assumptions, renderer):
    data = images.map_export(atlas, "utla", "reach", assumptions, size="social", today=TODAY, renderer=renderer)
    img = Image.open(io.BytesIO(data))
    assert img.format == "PNG" and img.size == (1080, 1080)
    assert len(img.convert("RGB").getcolors(1 << 20)) > 50  # not blank
    assert _share_near(img, NO_TEAM_COLOUR) > 0.02  # areas with no team
    blues = [c for c in BLUES if _share_near(img, c) > 0.0005]
    assert len(blues) >= 2, "expected at least two reach classes besides 'no team'"


def test_map_svg_parses_and_carries_title_and_footer(atlas, assumptions, renderer):
    data = images.map_export(
        atlas, "health", "unmet", assumptions, fmt="svg", size="wide", today=TODAY, renderer=renderer
    )
    root = ET.fromstring(data)
    assert root.tag.endswith("svg")
    assert (root.get("width"), root.get("height")) == ("1200", "675")
    words = squash(" ".join(" ".join(t.itertext()) for t in root.iter() if t.tag.endswith("text")))
    assert "Unmet need for parent-infant relationship teams, by health area" in words
    for piece in (
        "Open Government Licence v3.0",
        "ONS mid-2022 population estimates",
        date_text(TODAY),
        "Assumptions:",
        "Need = annual births x 15%",
    ):
        assert piece in words, piece


@pytest.mark.parametrize("size,pixels", [("social", (1080, 1080)), ("wide", (1200, 675)), ("print", (2480, 1754))])
def test_chart_png_sizes(atlas, assumptions, renderer, size, pixels):
    data = images.chart_export(atlas, "utla", "need", assumptions, size=size, top=10, today=TODAY, renderer=renderer)
    img = Image.open(io.BytesIO(data))
    assert img.size == pixels
    assert len(img.convert("RGB").getcolors(1 << 22)) > 20
