"""The Directory health page: headline, both worklists, the filter in the URL, and its downloads."""

from __future__ import annotations

import pytest

from coverage.listings.health.report import directory_health
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

    from coverage.listings.health.link_results import RESULTS_FILE

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
        assert "website not answering since 2026-11-30" in teams.loc["leeds-imhs", "problems"]
        assert "find its new page" in teams.loc["leeds-imhs", "action"]
        assert teams.loc["livpip", "link_state"] == "ok"
    finally:
        path.unlink()


def _two_checks(atlas) -> dict:
    """Two runs by hand: Leeds' website worked on 1 November and is dead on 1 December; Liverpool's recovers."""
    from coverage.listings.health import link_history

    web = dict(zip(atlas.teams["team_id"], atlas.teams["website"]))

    def site(team, state):
        return {"team_id": team, "name": f"<b>{team}</b>", "field": "website", "url": web[team], "state": state}

    first = {"checked_on": "2026-11-01", "links": [site("leeds-imhs", "ok"), site("livpip", "dead")]}
    second = {"checked_on": "2026-12-01", "links": [site("leeds-imhs", "dead"), site("livpip", "ok")]}
    return link_history.carry_history(second, first)


def test_the_dates_of_the_link_checks_and_what_changed_between_them(atlas):
    import os
    from pathlib import Path

    from coverage.listings.health.link_results import RESULTS_FILE, save_results

    path = Path(os.environ["ATLAS_STATE_DIR"]) / RESULTS_FILE
    save_results(_two_checks(atlas), path)
    try:
        at = open_page("health")
        said = " ".join(m.value for m in at.markdown).replace("\\", "")  # the page escapes markdown
        assert (
            "Links last checked on 2026-12-01. Since the check before, on 2026-11-01: "
            "1 newly dead, 1 recovered, 0 moved (2 changes in all)." in said
        )
        changes = next(d.value for d in at.dataframe if "change" in d.value.columns)
        assert changes[["team_id", "before", "now", "change"]].values.tolist() == [
            ["leeds-imhs", "ok", "dead", "newly dead"],
            ["livpip", "dead", "ok", "recovered"],
        ]
        assert changes.loc[0, "team"] == "<b>leeds-imhs</b>"  # shown as text in the table, not as markup
        teams = next(d.value for d in at.dataframe if "problems" in d.value.columns).set_index("team_id")
        assert "website not answering since 2026-12-01" in teams.loc["leeds-imhs", "problems"]
        assert teams.loc["livpip", "link_state"] == "ok"
        assert not any("not yet checked" in i.value for i in at.info)
    finally:
        path.unlink()


def test_with_no_link_check_the_page_says_how_one_is_run():
    at = open_page("health")
    said = " ".join(i.value for i in at.info)
    assert "Links not yet checked: run `python -m coverage check-links`" in said
    assert "an operator runs this check on a schedule (see deploy/README)" in said
    assert len(at.dataframe) == 3 and not any("change" in d.value.columns for d in at.dataframe)
    # No check: the headline says so rather than "0 of 25 websites work".
    assert {m.label: m.value for m in at.metric}["Websites that work"] == "not checked yet"
