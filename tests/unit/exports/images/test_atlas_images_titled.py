"""Any chart a page draws downloads like the map: Compare's side by side with its title, assumptions and sources."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import plotly.graph_objects as go
import pytest

from coverage.exports import images
from coverage.exports.provenance import date_text
from coverage.model import ranking
from coverage.model.gaps import all_levels
from coverage.present.area_bars import bar_chart
from tests.unit.exports.support import TODAY, squash

pytestmark = pytest.mark.slow


def test_side_by_side_chart_exports_with_its_provenance(atlas, assumptions, renderer):
    chosen = ranking.picked_areas(all_levels(atlas, assumptions), [("utla", "E10000016"), ("utla", "W06000015")])
    fig = bar_chart(chosen, "reach", order="as_given", labels=["Kent (council)", "Cardiff (council)"], title="page")
    title = "Reach of listed teams in 2 chosen areas: Kent (council), Cardiff (council)"
    data = images.titled_export(fig, title, atlas, assumptions, fmt="svg", size="wide", today=TODAY, renderer=renderer)
    root = ET.fromstring(data)
    words = squash(" ".join(" ".join(t.itertext()) for t in root.iter() if t.tag.endswith("text")))
    assert title in words
    assert "page" not in words.split()  # the page's own chart title gave way to the export's
    for piece in ("Kent (council)", "Cardiff (council)", "Open Government Licence v3.0", date_text(TODAY)):
        assert piece in words, piece


def test_an_unknown_size_is_refused(atlas, assumptions):
    with pytest.raises(ValueError, match="unknown size"):
        images.titled_export(go.Figure(), "t", atlas, assumptions, size="poster")
