"""A team's facts and the reason it is not counted read as words, never as the directory's codes."""

from __future__ import annotations

import math
from types import SimpleNamespace

import pytest

from coverage.model.assumptions import Assumptions
from coverage.model.profile import why_not_counted
from coverage.present.team_words import facts_line

pytestmark = pytest.mark.unit


def team(**changes):
    base = dict(
        host_organisation="Tees, Esk and Wear Valleys NHS Foundation Trust",
        status="unknown",
        confidence="reported",
        kind="other",
        evidence_year=math.nan,
        families_per_year=math.nan,
        share_in_area=0.151,
        same_service_as="",
    )
    return SimpleNamespace(**{**base, **changes})


def test_facts_line_spells_each_code_out():
    line = facts_line(team())
    assert line == (
        "Tees, Esk and Wear Valleys NHS Foundation Trust · not known whether it is still running"
        " · listing reported by a public source · latest evidence: no dated evidence"
        " · 15.1% of its capacity counted in this area"
        " · families a year not published, so the sidebar's team size is assumed"
    )
    for code in ("status unknown", "confidence", "capacity assumed"):
        assert code not in line


def test_facts_line_with_a_published_size_and_a_dated_source():
    line = facts_line(team(host_organisation="", status="active", evidence_year=2024.0, families_per_year=107.0))
    assert line.startswith("host not stated · running · ")
    assert "latest evidence: 2024" in line and line.endswith("107 families a year (published)")


@pytest.mark.parametrize(
    "changes,assumptions,reason",
    [
        ({}, Assumptions(), "it is another kind of parent-infant service, a kind not counted"),
        ({"status": "closed"}, Assumptions(), "it has closed"),
        (
            {"kind": "specialised", "confidence": "unconfirmed"},
            Assumptions(counted_confidence=frozenset({"verified", "reported"})),
            "its listing is from a source that does not confirm it, which is not counted",
        ),
        (
            {"kind": "specialised"},
            Assumptions(count_unknown_status=False),
            "not known whether it is still running, and only teams known to run are counted",
        ),
    ],
)
def test_why_not_counted_in_words(changes, assumptions, reason):
    assert why_not_counted(team(**changes), assumptions) == reason


def test_a_grouped_row_names_its_service_not_its_id():
    row = team(same_service_as="norfolk-pimhat")
    names = {"norfolk-pimhat": "PIMHAT (Parent Infant Mental Health Attachment Team)"}
    assert why_not_counted(row, Assumptions(), names) == (
        "counted once, as part of PIMHAT (Parent Infant Mental Health Attachment Team)"
    )
    assert why_not_counted(row, Assumptions()) == "counted once, as part of norfolk-pimhat"  # no names given
