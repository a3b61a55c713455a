"""The team worklist's website problems: each link state in words, with the date the check first saw it."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from coverage.model.listing_flags import empty_flags
from coverage.model.team_worklist import problems_of


def service(link_state: str, link_since: str = "") -> SimpleNamespace:
    """A service with nothing wrong but its website: active, dated 2025, families reported, listing reported."""
    return SimpleNamespace(
        status="active",
        evidence_year=2025.0,
        families_per_year=40.0,
        confidence="reported",
        link_state=link_state,
        link_since=link_since,
    )


@pytest.mark.parametrize(
    "state,since,expected",
    [
        ("ok", "2026-10-01", []),
        ("dead", "2026-11-02", [("website not answering since 2026-11-02", "find its new page")]),
        ("moved", "2026-10-01", [("website moved (since 2026-10-01)", "update the listing to the new address")]),
        (
            "refused",
            "2026-12-01",
            [("website points inside the network or is refused (since 2026-12-01)", "find its public page")],
        ),
        ("not a web address", "2026-12-01", [("website is not a web address", "correct the address")]),
        ("no website listed", "", [("no website listed", "ask the team for its page")]),
        ("not yet checked", "", [("website not yet checked", "run the link check")]),
        ("dead", "", [("website not answering since an unknown date", "find its new page")]),
    ],
)
def test_each_link_state_is_a_problem_with_its_action(state, since, expected):
    assert problems_of(service(state, since), 2024, empty_flags()) == expected
