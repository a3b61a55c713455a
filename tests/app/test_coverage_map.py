"""The coverage map (home page): the engine's figures and classes, filters, live recompute, hostile links."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from coverage.model.assumptions import Assumptions
from coverage.model.gaps import area_table, summary
from coverage.present.metrics import METRICS, classify, format_value
from tests.app.apprun import PAGES, no_errors, run


def plotly_specs(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def decoded(values):
    """Plotly ships numeric arrays as typed base64 ('bdata'); decode to a list."""
    if isinstance(values, dict) and "bdata" in values:
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=np.dtype(values["dtype"])).tolist()
    return list(values)


def test_home_headline_figures_match_the_engine(atlas):
    at = run(PAGES[0])
    no_errors(at)
    uk = summary(atlas, Assumptions()).iloc[0]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Teams counted"] == str(int(uk["teams"]))
    assert metrics["Need a year"] == format_value(uk["need_per_year"], "int")
    assert metrics["Reach"] == format_value(uk["reach"], "pct")


@pytest.mark.parametrize(
    "level,metric",
    [("utla", "reach"), ("health", "unmet"), ("lad", "teams_per_10k"), ("nation", "need"), ("region", "deprivation")],
)
def test_map_locations_and_classes_match_the_engine(atlas, level, metric):
    at = run(PAGES[0], level=level, metric=metric)
    no_errors(at)
    spec = plotly_specs(at)[0]
    trace = spec["data"][0]
    table = area_table(atlas, level, Assumptions())
    expected_idx, labels, _ = classify(METRICS[metric], table)
    assert sorted(trace["locations"]) == sorted(table["area_code"])
    got = dict(zip(trace["locations"], decoded(trace["z"])))
    want = dict(zip(table["area_code"], expected_idx))
    assert got == want
    legend = [t["name"] for t in spec["data"] if t.get("showlegend")]
    assert [n.rsplit(" (", 1)[0] for n in legend] == labels
    # The offline style: no tile server is contacted.
    assert spec["layout"]["map"]["style"] == "white-bg"


def test_nation_filter_limits_the_map(atlas):
    at = run(PAGES[0], nation="Wales")
    no_errors(at)
    locs = plotly_specs(at)[0]["data"][0]["locations"]
    assert len(locs) == 22 and all(c.startswith("W06") for c in locs)


def test_changing_prevalence_recomputes_live(atlas):
    at = run(PAGES[0])
    at.slider(key="prev").set_value(10.0).run()
    no_errors(at)
    uk = summary(atlas, Assumptions().with_prevalence(0.10)).iloc[0]
    assert {m.label: m.value for m in at.metric}["Need a year"] == format_value(uk["need_per_year"], "int")
    assert at.query_params["prev"] == "0.1"


@pytest.mark.parametrize(
    "params",
    [
        {"level": "<script>alert(1)</script>"},
        {"prev": "abc"},
        {"prev": "5"},
        {"metric": "'; DROP TABLE"},
        {"fpt": "-3"},
        {"conf": "nonsense"},
        {"area": 'E06000001"><img src=x>'},
        {"target": "NaN"},
        {"nation": "Atlantis"},
        {"level": "x" * 5000},
    ],
)
def test_hostile_query_parameters_get_a_friendly_message(params):
    at = run(PAGES[0], **params)
    no_errors(at)
    assert at.warning, "a message explains the value was not used"
    assert "<script>" not in " ".join(w.value for w in at.warning)
