"""Choropleths drawn from a boundary file's URL carry no geometry; from a dict, only the areas shown."""

from __future__ import annotations

import pandas as pd
import pytest

from coverage.present.figures import choropleth

pytestmark = pytest.mark.unit

URL = "/app/static/utla.geojson?v=abc"


def square(code: str, x: float) -> dict:
    ring = [[x, 50.0], [x + 1, 50.0], [x + 1, 51.0], [x, 51.0], [x, 50.0]]
    return {
        "type": "Feature",
        "id": code,
        "properties": {"code": code},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def table(codes) -> pd.DataFrame:
    n = len(codes)
    return pd.DataFrame(
        {
            "area_code": codes,
            "area_name": [f"Area {c}" for c in codes],
            "teams": [0] + [1] * (n - 1),
            "need_per_year": [100.0] * n,
            "capacity_per_year": [0.0] + [50.0] * (n - 1),
            "reach": [0.0] + [0.5] * (n - 1),
            "reach_low": [0.0] * n,
            "reach_high": [0.0] + [0.6] * (n - 1),
            "unmet_need_per_year": [100.0] + [50.0] * (n - 1),
            "status": ["no team"] + ["some provision"] * (n - 1),
            "min_lon": [0.0] * n,
            "min_lat": [50.0] * n,
            "max_lon": [3.0] * n,
            "max_lat": [51.0] * n,
        }
    )


def test_a_url_is_passed_through_to_the_area_trace_and_the_highlight():
    fig = choropleth(URL, table(["A", "B"]), "reach", highlight="B")
    maps = [t for t in fig.data if t.type == "choroplethmap"]
    assert [t.geojson for t in maps] == [URL, URL]
    assert list(maps[0].locations) == ["A", "B"]
    assert list(maps[1].locations) == ["B"]
    assert len(fig.to_json()) < 20_000  # codes, values and hover text only


def test_a_dict_is_cut_to_the_areas_in_the_table():
    geojson = {"type": "FeatureCollection", "features": [square("A", 0), square("B", 1), square("C", 2)]}
    fig = choropleth(geojson, table(["A", "B"]), "reach", highlight="A")
    maps = [t for t in fig.data if t.type == "choroplethmap"]
    assert [f["properties"]["code"] for f in maps[0].geojson["features"]] == ["A", "B"]
    assert [f["properties"]["code"] for f in maps[1].geojson["features"]] == ["A"]
