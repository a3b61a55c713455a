"""A listed service that does not count names the area's state in words (Kent's borderline PIMHS, #20).

Synthetic atlas (tests/synthetic.py): council U1 holds districts E1 and E2 (E2 split 60% H1 /
40% H2), council U2 holds E3 (in H2), Wales is W1 (board HW). Figures are hand-checked: the
counts never change, only the state's words.
"""

from __future__ import annotations

import pytest

from coverage.model.assumptions import Assumptions
from coverage.model.atlas import load_atlas
from coverage.model.gaps import (
    AREA_STATUSES,
    EVIDENCE_NONE,
    EVIDENCE_UNCOUNTED,
    STATUS_NO_TEAM,
    STATUS_SOME,
    STATUS_UNCOUNTED,
    all_levels,
    status_words,
    summary,
)
from coverage.model.uncounted import reason, state_words
from tests import synthetic

pytestmark = pytest.mark.unit

A = Assumptions(families_per_team=100, families_per_team_low=50, families_per_team_high=150)
T = synthetic.team


def tables(tmp_path, teams, a=A):
    atlas = load_atlas(synthetic.write(tmp_path / "data", teams))
    return {k: v.set_index("area_code") for k, v in all_levels(atlas, a).items()}, summary(atlas, a)


def test_a_borderline_service_alone_reads_listed_not_counted_and_counts_nothing(tmp_path):
    t, uk = tables(tmp_path, [T("pimhs", "utla", "U2", kind="borderline")])
    row = t["utla"].loc["U2"]
    assert row["teams"] == 0 and row["capacity_per_year"] == 0
    assert row["status"] == STATUS_UNCOUNTED and row["evidence"] == EVIDENCE_UNCOUNTED
    assert row["uncounted_services"] == 1 and row["uncounted_team_ids"] == "pimhs"
    assert row["uncounted_reasons"] == "borderline"
    assert state_words(row["uncounted_services"], row["uncounted_reasons"]) == (
        "a service is listed here, not counted as a specialised team: borderline"
    )
    # U1 has nothing listed; H2 holds E3, so it reads the same; the UK total is unchanged (0 teams).
    assert t["utla"].at["U1", "status"] == STATUS_NO_TEAM and t["utla"].at["U1", "evidence"] == EVIDENCE_NONE
    assert t["health"].at["H2", "status"] == STATUS_UNCOUNTED
    assert t["health"].at["H1", "status"] == STATUS_NO_TEAM
    assert uk.iloc[0]["teams"] == 0


def test_a_counted_team_outranks_an_uncounted_service(tmp_path):
    teams = [T("pimhs", "utla", "U2", kind="borderline"), T("real", "utla", "U2", families_per_year=15)]
    t, _ = tables(tmp_path, teams)
    row = t["utla"].loc["U2"]
    assert row["teams"] == 1 and row["status"] == STATUS_SOME
    assert row["uncounted_team_ids"] == "pimhs"  # still carried, for the profile and exports


def test_closed_services_never_make_an_area_listed(tmp_path):
    t, _ = tables(tmp_path, [T("gone", "utla", "U2", status="closed")])
    assert t["utla"].at["U2", "status"] == STATUS_NO_TEAM
    assert t["utla"].at["U2", "uncounted_services"] == 0


def test_two_services_with_their_distinct_reasons(tmp_path):
    teams = [
        T("b-other", "utla", "U1", kind="other"),
        T("a-border", "lad", "E1", kind="borderline"),
        T("c-border", "lad", "E2", kind="borderline"),
    ]
    t, _ = tables(tmp_path, teams)
    row = t["utla"].loc["U1"]
    assert row["uncounted_services"] == 3
    assert row["uncounted_team_ids"] == "a-border;b-other;c-border"
    assert row["uncounted_reasons"] == "borderline; another kind of parent-infant service"
    assert state_words(3, row["uncounted_reasons"]) == (
        "3 services are listed here, not counted as specialised teams: "
        "borderline; another kind of parent-infant service"
    )


def test_a_counting_choice_is_named_as_the_reason(tmp_path):
    old = [T("old", "utla", "U2", last_verified="2015-05-01")]
    t, _ = tables(tmp_path, old, Assumptions(evidence_since=2020))
    assert t["utla"].at["U2", "status"] == STATUS_UNCOUNTED
    assert t["utla"].at["U2", "uncounted_reasons"] == "no dated evidence from 2020 on"


def test_reason_words_follow_the_counting_rule_in_order():
    class Row:
        kind, status, confidence = "specialised", "unknown", "unconfirmed"

    strict = Assumptions(count_unknown_status=False, counted_confidence=frozenset({"verified"}))
    assert reason(Row, strict) == "not known whether it is still running"
    assert reason(Row, Assumptions(counted_confidence=frozenset({"verified"}))) == (
        "listing from a source that does not confirm it"
    )
    Row.kind = "other"
    assert reason(Row, strict) == "another kind of parent-infant service"


def test_every_status_is_known_and_state_words_blank_without_services():
    assert STATUS_UNCOUNTED in AREA_STATUSES
    assert state_words(0, "") == ""


def test_status_words_never_say_no_team_where_a_service_is_listed():
    listed = "a service is listed here, not counted as a specialised team: borderline"
    assert status_words({"evidence": "team listed", "status": "some provision", "listed_not_counted": listed}) == (
        "team listed; some provision"
    )
    uncounted = {"evidence": EVIDENCE_UNCOUNTED, "status": STATUS_UNCOUNTED, "listed_not_counted": listed}
    assert status_words(uncounted) == listed
    reported = {"evidence": "team reported, not listed", "status": "team reported, not listed"}
    assert status_words({**reported, "listed_not_counted": listed}) == f"team reported, not listed; {listed}"
    assert status_words({**reported, "listed_not_counted": ""}) == "team reported, not listed"
    assert status_words({"evidence": EVIDENCE_NONE, "status": STATUS_NO_TEAM, "listed_not_counted": ""}) == (
        "no team listed"
    )
