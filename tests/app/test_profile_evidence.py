"""AppTest: the map legend's evidence states, a Greater Manchester profile and an NI trust profile."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.support.apptest import open_app

pytestmark = pytest.mark.apptest


def run(page: str | None = None, **params) -> AppTest:
    at = open_app(page or None, params=params, timeout=90)
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    return "\n".join(m.value for m in list(at.markdown) + list(at.caption))


def test_map_legend_names_the_three_evidence_states_and_the_headline_says_how_complete():
    at = run()
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    legend = [t["name"].rsplit(" (", 1)[0] for t in spec["data"] if t.get("showlegend")]
    assert legend[:3] == ["no team listed", "team reported, not listed", "service listed, not counted"]
    assert all(name.startswith("team listed: ") for name in legend[3:])
    counts = {
        t["name"].rsplit(" (", 1)[0]: int(t["name"].rsplit("(", 1)[1].rstrip(")"))
        for t in spec["data"]
        if t.get("showlegend")
    }
    assert counts["team reported, not listed"] == 8  # seven GM localities and Tameside (borderline, not counted)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Teams counted"].endswith(" of 51")
    # The source is a titled link now (it was "(Jun 2024; Parent-Infant Foundation, 10 Jun 2024 (https://...))").
    assert (
        "England: 18 teams counted (18 listed) of 38 published "
        "([Parent\\-Infant Foundation, 10 Jun 2024](https://parentinfantfoundation.org.uk/?p=7917))"
    ) in texts(at)


def test_greater_manchester_locality_profile_says_reported_not_listed_with_its_source():
    at = run("pages/profile.py", area="E08000001", level="utla")
    body = texts(at)
    assert "**Status:** team reported, not listed" in body
    assert "a lower bound" in body
    assert "hub\\.gmintegratedcare\\.org\\.uk" in body or "hub.gmintegratedcare.org.uk" in body
    assert "(2025)" in body
    assert "Reach of listed teams" in [m.label for m in at.metric]


def test_ni_trust_profile_shows_its_reports_and_marks_the_area_share_estimate():
    at = run("pages/profile.py", area="SEHSCT", level="health")
    body = texts(at)
    assert "**Status:** team listed; some provision" in body
    assert "ABC PiP" in body or "Parent Infant" in body
    assert "**Estimate:**" in body and "land area" in body
    west = texts(run("pages/profile.py", area="WHSCT", level="health"))
    assert "found none here" in west and "(2025\\-06)" in west  # markdown-escaped date
    assert "westerntrust\\.hscni\\.net" in west


def test_evidence_since_in_the_url_reaches_the_sidebar_and_the_figures():
    at = run(since="2024")
    assert at.sidebar.selectbox(key="since").value == 2024
    assert at.metric[0].value == "8 of 51"  # pass 4 dated Fife (June 2024) and Blackpool PAIRS (Nov 2024)
    assert at.query_params.get("since") in ("2024", ["2024"])
