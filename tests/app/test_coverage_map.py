"""The coverage map (home page): the engine's figures and classes, filters, live recompute, hostile links."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from coverage.model.assumptions import Assumptions
from coverage.model.gaps import area_table, summary
from coverage.present.metrics import METRICS, format_value
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
    assert metrics["Teams counted"] == f"{int(uk['teams'])} of 51"
    assert metrics["Need a year"] == format_value(uk["need_per_year"], "int")
    assert metrics["Reach of listed teams"] == format_value(uk["reach"], "pct")


NONE_COUNTED = ("no team listed", "team reported, not listed", "service listed, not counted")


def reach_class(teams: int, reported: bool, reach: float, uncounted: int = 0) -> str:
    """The legend statement an area's reach belongs under, written out by hand from the class rule."""
    if teams == 0:
        if reported:
            return "team reported, not listed"
        return "service listed, not counted" if uncounted else "no team listed"
    for upper, label in [(0.05, "under 5%"), (0.10, "5% to under 10%"), (0.25, "10% to under 25%")]:
        if reach < upper:
            return "team listed: " + label
    return "team listed: " + (
        "25% to under 50%" if reach < 0.5 else "50% to under 100%" if reach < 1 else "100% or more"
    )


def map_classes(at) -> tuple[dict[str, str], dict[str, int]]:
    """Each area's legend statement on the drawn map, and the count each legend entry claims."""
    spec = plotly_specs(at)[0]
    trace = spec["data"][0]
    legend = [t["name"] for t in spec["data"] if t.get("showlegend")]
    names = [n.rsplit(" (", 1)[0] for n in legend]
    counts = {n.rsplit(" (", 1)[0]: int(n.rsplit(" (", 1)[1].rstrip(")")) for n in legend}
    return {code: names[int(i)] for code, i in zip(trace["locations"], decoded(trace["z"]))}, counts


def test_reach_map_puts_each_council_in_its_hand_computed_class(atlas):
    at = run(PAGES[0], level="utla", metric="reach")
    no_errors(at)
    table = area_table(atlas, "utla", Assumptions())
    want = {
        r.area_code: reach_class(r.teams, r.team_reported, r.reach, r.uncounted_services) for r in table.itertuples()
    }
    got, counts = map_classes(at)
    assert got == want
    assert counts == {label: list(want.values()).count(label) for label in counts}
    # The offline style: no tile server is contacted.
    assert plotly_specs(at)[0]["layout"]["map"]["style"] == "white-bg"


@pytest.mark.parametrize(
    "level,metric", [("health", "unmet"), ("lad", "teams_per_10k"), ("nation", "need"), ("region", "deprivation")]
)
def test_map_classes_follow_the_engine_values_in_order(atlas, level, metric):
    """Every area is drawn; a higher class never holds a smaller value than a lower class."""
    at = run(PAGES[0], level=level, metric=metric)
    no_errors(at)
    table = area_table(atlas, level, Assumptions()).set_index("area_code")
    got, _ = map_classes(at)
    assert sorted(got) == sorted(table.index)
    column = METRICS[metric].column
    legend = list(dict.fromkeys(plotly_legend_order(at)))
    ranked = [
        (legend.index(label), table.at[code, column])
        for code, label in got.items()
        if label not in (*NONE_COUNTED, "unknown")
    ]
    ranked.sort()
    values = [v for _, v in ranked]
    assert values == sorted(values), f"{metric} classes out of order on the {level} map"
    if METRICS[metric].no_team_class:
        none = {c for c, label in got.items() if label in NONE_COUNTED}
        assert none == set(table.index[table["teams"] == 0])


def plotly_legend_order(at) -> list[str]:
    return [t["name"].rsplit(" (", 1)[0] for t in plotly_specs(at)[0]["data"] if t.get("showlegend")]


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
