"""The Directory health page: headline, both worklists, the filter in the URL, and its downloads."""

from __future__ import annotations

import pytest

from coverage.listings.directory_health import directory_health
from coverage.model.assumptions import Assumptions
from tests.app.pages import open_page

pytestmark = [pytest.mark.apptest, pytest.mark.slow]


def test_headline_and_worklists_for_the_uk(atlas):
    at = open_page("health")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Services counted"] == "25 of 51"
    evidence = next(v for k, v in metrics.items() if k.startswith("Dated evidence from"))
    assert int(evidence.split(" of ")[0]) >= 8
    teams, areas = at.dataframe[1].value, at.dataframe[2].value
    expected = directory_health(atlas, Assumptions(), results=None)  # no link check saved in tests
    assert list(teams["team_id"]) == list(expected.teams["team_id"])  # the CLI's rows, in the same order
    assert list(areas["area_code"]) == list(expected.areas["area_code"])
    assert teams.loc[0, "counted"] == "yes"


def test_a_region_in_the_url_filters_both_lists_and_stays_in_the_url():
    at = open_page("health", hnation="England", hregion="E12000002", window="3")
    assert at.selectbox(key="h_region").value == "E12000002"
    assert at.number_input(key="h_window").value == 3
    teams = at.dataframe[1].value
    assert "babs-knowsley" in set(teams["team_id"]) and "oxpip" not in set(teams["team_id"])
    assert at.metric[1].label == "Dated evidence from 2023 on"
    assert at.query_params["hregion"] in ("E12000002", ["E12000002"])
    assert at.dataframe[0].value.iloc[0]["Where"] == "North West"


def test_a_bad_value_in_the_url_says_so_and_falls_back():
    at = open_page("health", hnation="Atlantis", window="99", hhealth="<b>x</b>")
    warnings = " ".join(w.value for w in at.warning)
    assert "is not a nation" in warnings and "from 1 to 10" in warnings and "not a known health code" in warnings
    assert "<b>" not in warnings
    assert at.selectbox(key="h_nation").value == "UK"


def test_the_nation_filter_narrows_to_northern_ireland():
    at = open_page("health", hnation="Northern Ireland")
    areas = at.dataframe[2].value
    assert {"N92000002", "WHSCT", "BHSCT", "NHSCT"} <= set(areas["area_code"])
    assert set(at.dataframe[1].value["nation"]) == {"Northern Ireland"}


def test_the_last_link_check_shows_in_the_headline_and_the_worklist(atlas):
    import json
    import os
    from pathlib import Path

    from coverage.listings.links import RESULTS_FILE

    path = Path(os.environ["ATLAS_STATE_DIR"]) / RESULTS_FILE
    web = dict(zip(atlas.teams["team_id"], atlas.teams["website"]))
    path.write_text(
        json.dumps(
            {
                "checked_on": "2026-11-30",
                "links": [
                    {"team_id": "livpip", "field": "website", "url": web["livpip"], "state": "ok"},
                    {"team_id": "leeds-imhs", "field": "website", "url": web["leeds-imhs"], "state": "dead"},
                ],
            }
        ),
        encoding="utf-8",
    )
    try:
        at = open_page("health")
        assert {m.label: m.value for m in at.metric}["Websites that work"] == "1 of 25"
        teams = at.dataframe[1].value.set_index("team_id")
        assert "website not answering at the last check (2026-11-30)" in teams.loc["leeds-imhs", "problems"]
        assert "find its new page" in teams.loc["leeds-imhs", "action"]
        assert teams.loc["livpip", "link_state"] == "ok"
    finally:
        path.unlink()
