"""python -m coverage directory-health: the page's rows, as CSV, JSON or a table."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from coverage.cli import main
from coverage.listings.health.report import directory_health
from coverage.model.assumptions import Assumptions
from coverage.model.health_scope import Scope


@pytest.fixture(autouse=True)
def no_link_check(monkeypatch, tmp_path):
    monkeypatch.setenv("ATLAS_STATE_DIR", str(tmp_path))  # no saved link check: every website 'not yet checked'


def _run(capsys, *argv) -> tuple[int, str, str]:
    code = main(["directory-health", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_teams_csv_has_the_columns_and_the_page_rows(capsys, atlas):
    code, out, err = _run(capsys, "--list", "teams", "--format", "csv")
    assert code == 0
    frame = pd.read_csv(io.StringIO(out), dtype=str, keep_default_na=False)
    needed = ["team_id", "name", "counted", "evidence_year", "link_state", "families_source", "problems", "action"]
    assert set(needed) <= set(frame.columns)
    page = directory_health(atlas, Assumptions(), results=None)
    assert list(frame["team_id"]) == list(page.teams["team_id"])
    assert "# United Kingdom: 25 services counted of 51 published" in err


def test_areas_json_for_a_nation_names_each_area_with_the_disagreement(capsys, atlas):
    code, out, _ = _run(capsys, "--list", "areas", "--format", "json", "--nation", "Northern Ireland")
    rows = json.loads(out)
    assert code == 0
    page = directory_health(atlas, Assumptions(), Scope("Northern Ireland"), results=None)
    assert [r["area_code"] for r in rows] == list(page.areas["area_code"])
    ni = next(r for r in rows if r["area_code"] == "N92000002")
    assert ni["area_name"] == "Northern Ireland" and "a dated report (2025-06) found no team" in ni["disagreement"]


def test_greater_manchester_reported_but_not_listed(capsys):
    _, out, _ = _run(capsys, "--list", "areas", "--format", "csv")
    frame = pd.read_csv(io.StringIO(out), dtype=str, keep_default_na=False)
    # "counts none" where a service of another kind is listed there (Stockport, Tameside, Manchester)
    reported = frame[frame["disagreement"].str.contains("reports a team here, but the directory (?:lists|counts) none")]
    assert sorted(reported["area_name"]) == [
        "Bolton", "Bury", "Manchester", "Rochdale", "Salford", "Stockport", "Tameside", "Trafford",
    ]  # fmt: skip


def test_every_counted_service_without_recent_evidence_is_on_the_worklist(capsys):
    _, out, _ = _run(capsys, "--list", "teams", "--format", "csv")
    frame = pd.read_csv(io.StringIO(out), dtype=str, keep_default_na=False)
    counted = frame[frame["counted"] == "yes"]
    old = counted[(counted["evidence_year"] == "") | (counted["evidence_year"] < "2024")]
    assert len(old) == 17  # 25 counted, 8 with dated evidence from 2024 on
    assert old["problems"].str.contains("no dated evidence").all()


def test_a_bad_code_or_window_is_refused_with_a_message(capsys):
    code, _, err = _run(capsys, "--list", "teams", "--region", "E99999999")
    assert code == 2 and "not a known region code" in err
    with pytest.raises(SystemExit):
        main(["directory-health", "--list", "teams", "--window", "11"])


def test_kent_names_its_listed_service_rather_than_no_team(capsys):
    _, out, _ = _run(capsys, "--list", "areas", "--format", "csv")
    frame = pd.read_csv(io.StringIO(out), dtype=str, keep_default_na=False).set_index("area_code")
    kent = frame.loc["E10000016", "disagreement"]
    assert "no team listed" not in kent
    assert "a service is listed here, not counted as a specialised team: Parent Infant Mental Health Service" in kent


def test_the_team_list_says_since_when_a_website_is_dead_and_what_changed(capsys, atlas, tmp_path):
    from coverage.listings.health import link_history
    from coverage.listings.health.link_results import RESULTS_FILE, save_results

    web = dict(zip(atlas.teams["team_id"], atlas.teams["website"]))

    def site(team, state):
        return {"team_id": team, "name": team, "field": "website", "url": web[team], "state": state}

    first = {"checked_on": "2026-11-01", "links": [site("leeds-imhs", "ok"), site("livpip", "moved")]}
    second = {"checked_on": "2026-12-01", "links": [site("leeds-imhs", "dead"), site("livpip", "moved")]}
    save_results(link_history.carry_history(second, first), tmp_path / RESULTS_FILE)
    _, out, err = _run(capsys, "--list", "teams", "--format", "csv")
    frame = pd.read_csv(io.StringIO(out), dtype=str, keep_default_na=False).set_index("team_id")
    assert "website not answering since 2026-12-01" in frame.loc["leeds-imhs", "problems"]
    assert "website moved (since 2026-11-01)" in frame.loc["livpip", "problems"]  # moved at both checks
    assert "update the listing to the new address" in frame.loc["livpip", "action"]
    assert (
        "# Links last checked on 2026-12-01. Since the check before, on 2026-11-01: 1 newly dead, 0 recovered, 0 moved"
        in err
    )
    assert "#   leeds-imhs website: newly dead" in err


def test_with_no_link_check_the_command_says_how_to_run_one(capsys):
    _, _, err = _run(capsys, "--list", "teams", "--format", "csv")
    assert "# Links not yet checked: run python -m coverage check-links." in err
