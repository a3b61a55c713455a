"""What a reviewer sees for a suggestion: each proposed field against its current value."""

from __future__ import annotations

import math

import pandas as pd

from coverage.listings.workflow import review

CURRENT = pd.DataFrame(
    {
        "team_id": ["oxpip", "other"],
        "name": ["OXPIP", "Other"],
        "families_per_year": [277.0, math.nan],
        "area_codes": [("E10000025",), ()],
    }
)


def test_a_correction_shows_now_and_proposed_as_text():
    sub = {"team_id": "oxpip", "proposed": {"families_per_year": "150", "area_codes": "E10000025;E06000001"}}
    assert review.proposal_rows(sub, CURRENT) == [
        {"Field": "families_per_year", "Now": "277", "Proposed": "150"},
        {"Field": "area_codes", "Now": "E10000025", "Proposed": "E10000025;E06000001"},
    ]


def test_an_unknown_figure_shows_blank_not_nan():
    sub = {"team_id": "other", "proposed": {"families_per_year": "40"}}
    assert review.proposal_rows(sub, CURRENT)[0]["Now"] == ""


def test_a_new_team_has_nothing_now():
    sub = {"team_id": None, "proposed": {"name": "<b>New</b>"}}
    assert review.proposal_rows(sub, CURRENT) == [{"Field": "name", "Now": "", "Proposed": "<b>New</b>"}]


def test_reviewer_edits_only_when_something_changed():
    proposed = {"families_per_year": 150, "name": "X"}
    assert review.reviewer_edits({"families_per_year": "150", "name": "X"}, proposed) is None
    assert review.reviewer_edits({"families_per_year": "160", "name": "X"}, proposed) == {
        "families_per_year": "160",
        "name": "X",
    }
