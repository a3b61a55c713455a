"""The health headline's sentence about the link check: when it ran and what changed since the one before."""

from __future__ import annotations

from coverage.model.health import link_check_words


def test_never_checked_says_how_a_check_is_run_in_words():
    words = link_check_words("", "", {}, 0)
    assert words.startswith("Links not yet checked: run python -m coverage check-links.")
    assert "an operator runs this check on a schedule (see deploy/README)" in words


def test_the_first_check_has_nothing_to_compare_with():
    assert link_check_words("2026-11-01", "", {}, 0) == (
        "Links last checked on 2026-11-01; it was the first check, so nothing to compare with yet."
    )


def test_the_changes_since_the_check_before_are_counted():
    counts = {"newly dead": 1, "recovered": 1, "moved": 0}
    assert link_check_words("2026-12-01", "2026-11-01", counts, 4) == (
        "Links last checked on 2026-12-01. Since the check before, on 2026-11-01: "
        "1 newly dead, 1 recovered, 0 moved (4 changes in all)."
    )
    assert link_check_words("2026-12-01", "2026-11-01", counts, 1).endswith("(1 change in all).")
