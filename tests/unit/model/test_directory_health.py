"""Directory health on the small synthetic atlas: headline, team worklist, area worklist, by hand.

Need = births x 15%, births being babies aged 0 by default: Upshire (U1) 1,000 + 500 -> 225;
Gamma City (U2) 300 -> 45; the Welsh board (HW) 200 -> 30.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from coverage.listings.health.link_history import team_link_states
from coverage.model.area_worklist import area_worklist, listed_not_counted
from coverage.model.assumptions import Assumptions
from coverage.model.atlas import load_atlas
from coverage.model.capacity import counted
from coverage.model.gaps import all_levels
from coverage.model.health import headline, since_year
from coverage.model.health_scope import Scope, areas_in_scope, services_in_scope
from coverage.model.listing_flags import FLAG_COLUMNS, empty_flags
from coverage.model.services import fold_services
from coverage.model.team_worklist import team_worklist
from tests import synthetic

TODAY = dt.date(2026, 12, 4)
A = Assumptions()


@pytest.fixture(scope="module")
def atlas(tmp_path_factory):
    teams = [
        synthetic.team(
            "a", "utla", "U1", last_verified="2025-03-01", families_per_year=50, website="https://a.example"
        ),
        synthetic.team("b", "utla", "U2", status="unknown", year_established=2015),
        synthetic.team("c", "health", "HW", nation="Wales", kind="borderline", website="https://c.example"),
        synthetic.team("d", "utla", "U1", status="closed"),
    ]
    return load_atlas(synthetic.write(tmp_path_factory.mktemp("health"), teams))


@pytest.fixture(scope="module")
def tables(atlas):
    return all_levels(atlas, A)


RESULTS = {
    "checked_on": "2026-11-30",
    "links": [{"team_id": "a", "field": "website", "url": "https://a.example", "state": "ok"}],
}


def _flags(*rows) -> pd.DataFrame:
    return pd.DataFrame([dict(dict.fromkeys(FLAG_COLUMNS, ""), **r) for r in rows]) if rows else empty_flags()


def test_the_window_counts_back_whole_years():
    assert since_year(2, TODAY) == 2024 and since_year(1, TODAY) == 2025


def test_headline_per_scope(atlas):
    states = team_link_states(RESULTS, atlas.teams["team_id"], atlas.teams["website"])
    h = headline(atlas.teams, A, states, "2026-11-30", 2, TODAY).set_index("scope")
    uk = h.loc["United Kingdom"]
    assert (uk["services_counted"], uk["published_count"], uk["evidence_in_window"]) == (2, 51, 1)
    assert (uk["families_reported"], uk["families_assumed"]) == (1, 1)
    assert (uk["links_ok"], uk["links_no_website_listed"], uk["links_last_checked"]) == (1, 1, "2026-11-30")
    wales = h.loc["Wales"]
    assert wales["services_counted"] == 0 and wales["published_count"] != wales["published_count"]  # unknown
    assert wales["published_note"].startswith("unknown: no published count")


def test_team_worklist_orders_by_need_and_names_each_problem(atlas, tables):
    states = team_link_states(RESULTS, atlas.teams["team_id"], atlas.teams["website"])
    flags = _flags({"team_id": "b", "flag": "funder_ended", "detail": "the funder closed", "seen": "2025-03"})
    w = team_worklist(atlas.teams, A, tables, states, flags, 2024)
    assert list(w["team_id"]) == ["a", "b", "c", "d"]
    assert list(w["need_served"]) == [225, 45, 30, 225]
    assert list(w["counted"]) == ["yes", "yes", "no", "no"]
    a, b, c, d = (w.iloc[i] for i in range(4))
    assert a["problems"] == "none found" and a["link_state"] == "ok" and a["families_source"] == "reported"
    assert b["problems"] == (
        "a source says its funder ended in 2025: the funder closed; no dated evidence since 2015; status unknown; "
        "families a year assumed; no website listed"
    )
    assert b["action"].startswith("ask the team or its commissioner whether it still runs; ask the team to confirm")
    assert a["why_here"].endswith("number 1 of the 2 counted services by need")
    assert c["why_here"].startswith("not counted (kind: borderline)") and c["link_state"] == "not yet checked"
    assert d["why_here"].startswith("closed")


def test_area_worklist_names_each_disagreement(atlas, tables):
    reports = pd.DataFrame(
        [
            ("utla", "U2", "Gamma City", "", "team_reported", "https://r.example/1", "2025", ""),
            ("health", "HW", "Welsh Board", "", "none_found", "https://r.example/2", "2024-06", ""),
            ("health", "H1", "Health One", "", "none_found", "https://r.example/3", "2023", ""),
        ],
        columns=["area_level", "area_codes", "area_names", "report", "kind", "source_url", "seen", "notes"],
    )
    flags = _flags(
        {
            "team_id": "a",
            "flag": "fixed_term_area",
            "detail": "until March",
            "area_level": "utla",
            "area_codes": "U2",
            "source_url": "https://f.example",
        }
    )
    w = area_worklist(tables, reports, flags, {"a": "Team A"}).set_index("area_code")
    assert list(w.index) == ["W92000004", "H1", "HW", "U2"]  # nation first; then health areas by need; then councils
    assert w.loc["W92000004", "disagreement"] == "no team listed anywhere in the nation"
    assert w.loc["H1", "disagreement"] == "a dated report (2023) found no team here, but a team is now listed"
    assert w.loc["HW", "disagreement"] == "a dated report (2024-06) found no team here, and none is listed"
    assert w.loc["U2", "disagreement"] == "Team A served it for a fixed term only: until March"  # U2 has team b
    assert "U1" not in w.index  # a Family Hubs council, but a team is listed there


def test_scope_filters_services_and_areas(atlas):
    services = fold_services(atlas.teams)
    wales = services_in_scope(services, atlas.atoms, atlas.atom_index, Scope("Wales"))
    assert list(services.loc[wales, "team_id"]) == ["c"]
    h2 = services_in_scope(services, atlas.atoms, atlas.atom_index, Scope(health="H2"))
    # Beta (in Upshire) is split 60% H1 / 40% H2, so Upshire's services reach into H2 as well as Gamma City's
    assert list(services.loc[h2, "team_id"]) == ["a", "b", "d"]
    r1 = services_in_scope(services, atlas.atoms, atlas.atom_index, Scope("England", region="R1"))
    assert list(services.loc[r1, "team_id"]) == ["a", "d"]
    keep = areas_in_scope(
        pd.Series(["utla", "utla"]), pd.Series(["U1", "U2"]), atlas.atoms, atlas.atom_index, Scope(region="R2")
    )
    assert list(keep) == [False, True]


def test_an_area_with_only_an_uncounted_service_names_it(atlas, tables):
    services = fold_services(atlas.teams)
    uncounted = listed_not_counted(services, counted(services, A), atlas.atoms, atlas.atom_index)
    assert uncounted[("nation", "W92000004")] == ["C (borderline)"]  # the closed d is not listed as running
    assert ("utla", "U1") not in uncounted
    w = area_worklist(
        tables,
        pd.DataFrame(columns=["area_level", "area_codes", "kind", "source_url", "seen"]),
        _flags(),
        {},
        uncounted,
    )
    wales = w.set_index("area_code").loc["W92000004", "disagreement"]
    assert wales == (
        "no counted team listed anywhere in the nation; a service is listed here, not counted as a specialised "
        "team: C (borderline)"
    )


def test_two_link_checks_show_the_dates_and_what_changed(atlas):
    """Run one: a works, c is dead. Run two: a is dead, c has recovered (b has no website; d is closed)."""
    from coverage.listings.health import link_history
    from coverage.listings.health.report import directory_health

    def site(team, state):
        return {
            "team_id": team,
            "name": team.upper(),
            "field": "website",
            "url": f"https://{team}.example",
            "state": state,
        }

    first = {"checked_on": "2026-11-01", "links": [site("a", "ok"), site("c", "dead")]}
    second = {"checked_on": "2026-12-01", "links": [site("a", "dead"), site("c", "ok")]}
    results = link_history.carry_history(dict(second, teams=["a", "b", "c", "d"]), first)
    report = directory_health(atlas, A, today=TODAY, results=results)
    assert (report.checked_on, report.previous_checked_on) == ("2026-12-01", "2026-11-01")
    assert report.link_changes[["team_id", "change"]].values.tolist() == [["a", "newly dead"], ["c", "recovered"]]
    assert report.change_counts == {"newly dead": 1, "recovered": 1, "moved": 0}
    uk = report.headline.set_index("scope").loc["United Kingdom"]  # counted: a (dead) and b (no website)
    assert (uk["links_ok"], uk["links_dead"], uk["links_no_website_listed"]) == (0, 1, 1)
    teams = report.teams.set_index("team_id")
    assert teams.loc["a", "problems"] == "website not answering since 2026-12-01"
    assert teams.loc["a", "action"] == "find its new page"
    assert (
        teams.loc["b", "problems"].endswith("no website listed")
        and "ask the team for its page" in teams.loc["b", "action"]
    )
    wales = directory_health(atlas, A, Scope("Wales"), today=TODAY, results=results)
    assert wales.link_changes["team_id"].tolist() == ["c"] and wales.change_counts["recovered"] == 1
