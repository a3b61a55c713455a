"""The 3D coverage map agrees with the 2D one: same classes, colours, legend and figures."""

from __future__ import annotations

import json

import pytest

from coverage.model.assumptions import Assumptions
from coverage.model.atlas import load_atlas
from coverage.model.gaps import area_table
from coverage.present import area_deck
from coverage.present.decks import payload_bytes, rgba
from coverage.present.figures import choropleth
from coverage.present.metrics import METRICS, classify, format_value

pytestmark = pytest.mark.unit

A = Assumptions()
SPOT_CHECKS = ("E06000001", "S12000049", "W06000015")  # Hartlepool, Glasgow City, Cardiff
PAYLOAD_LIMIT = 300_000  # bytes gzipped, per deck


@pytest.fixture(scope="module")
def atlas():
    return load_atlas()


@pytest.fixture(scope="module")
def councils(atlas):
    return area_table(atlas, "utla", A)


def features(deck) -> dict[str, dict]:
    spec = json.loads(deck.to_json())
    return {f["properties"]["tip"].splitlines()[0]: f["properties"] for f in spec["layers"][0]["data"]["features"]}


@pytest.mark.parametrize("metric", ["reach", "unmet"])
def test_legend_matches_the_2d_maps_legend(atlas, councils, metric):
    fig = choropleth(atlas.boundaries("utla"), councils, metric)
    legend_2d = [t.name for t in fig.data if t.type == "scattermap"]
    assert [f"{label} ({n})" for label, _, n in area_deck.legend_entries(councils, metric)] == legend_2d


@pytest.mark.parametrize("code", SPOT_CHECKS)
def test_spot_checked_area_has_the_2d_class_colour_figures_and_height(atlas, councils, code):
    deck = area_deck.area_deck_3d(atlas.boundaries("utla"), councils, "reach")
    row = councils.set_index("area_code").loc[code]
    props = features(deck)[row["area_name"]]
    idx, labels, colours = classify(METRICS["reach"], councils)
    i = idx[councils.index[councils["area_code"] == code][0]]
    assert props["fill"] == rgba(colours[i], area_deck.FILL_ALPHA)
    assert f"Class: {labels[i]}" in props["tip"]
    assert f"Reach of listed teams: {format_value(row['reach'], 'pct')}" in props["tip"]
    assert f"Unmet need: {format_value(row['unmet_need_per_year'], 'int')} a year" in props["tip"]
    tallest = councils["unmet_need_per_year"].max()
    extent_m = (councils["max_lat"].max() - councils["min_lat"].min()) * area_deck.METRES_PER_DEGREE_LAT
    expected = row["unmet_need_per_year"] / tallest * extent_m * area_deck.TALLEST_SHARE
    assert props["elevation"] == pytest.approx(expected, abs=1)


def test_hover_text_is_the_2d_hover_as_plain_text():
    import pandas as pd

    table = pd.DataFrame(
        {
            "area_name": ["A & <b>B</b>"],
            "teams": [1],
            "need_per_year": [100.0],
            "capacity_per_year": [50.0],
            "reach": [0.5],
            "reach_low": [0.4],
            "reach_high": [0.6],
            "unmet_need_per_year": [50.0],
            "status": ["some provision"],
        }
    )
    text = area_deck.plain_hover(table)[0]
    assert text.splitlines()[0] == "A & <b>B</b>"  # the name as typed; shown as text by the deck
    assert "Reach of listed teams: 50.0% (40.0% to 60.0%)" in text and "<br>" not in text


def test_fixed_camera_per_view(atlas, councils):
    uk = json.loads(area_deck.area_deck_3d(atlas.boundaries("utla"), councils, "reach").to_json())
    wales = councils[councils["nation"] == "Wales"]
    one = json.loads(area_deck.area_deck_3d(atlas.boundaries("utla"), wales, "reach").to_json())
    for spec in (uk, one):
        assert spec["initialViewState"]["pitch"] == area_deck.PITCH
        assert spec["mapStyle"] == "__MAP_STYLE__"
    assert one["initialViewState"]["zoom"] > uk["initialViewState"]["zoom"] + 1  # a nation is framed closer
    assert -5.5 < one["initialViewState"]["longitude"] < -2.5


@pytest.mark.parametrize("level", ["utla", "lad", "health", "region", "nation"])
def test_each_3d_deck_is_under_the_payload_limit(atlas, level):
    deck = area_deck.area_deck_3d(atlas.boundaries(level), area_table(atlas, level, A), "reach")
    raw, gz = payload_bytes(deck)
    assert gz < PAYLOAD_LIMIT, (level, raw, gz)
