"""Assumptions refuse values outside their ranges."""

from __future__ import annotations

from dataclasses import replace

import pytest

from coverage.model.assumptions import Assumptions
from coverage.model.gaps import area_table


def test_bad_assumptions_are_refused():
    with pytest.raises(ValueError, match="prevalence"):
        Assumptions(prevalence=1.5)
    with pytest.raises(ValueError, match="births_basis"):
        Assumptions(births_basis="guess")
    with pytest.raises(ValueError, match="unknown level"):
        area_table(None, "ward", Assumptions())


def test_counting_choices_keep_only_what_decides_which_services_count():
    mine = Assumptions(
        births_basis="registered",
        counted_kinds=frozenset({"specialised", "borderline"}),
        counted_confidence=frozenset({"verified"}),
        count_unknown_status=False,
        evidence_since=2020,
        min_part_share=0.2,
    )
    scaled = mine.with_prevalence(0.3).with_families_per_team(80).with_cost_per_team(500_000)
    scaled = replace(scaled, target_reach=0.5)
    # Prevalence, team size, cost and target go back to their defaults; the counting choices stay.
    assert scaled.counting_choices() == mine.counting_choices()
    kept = scaled.counting_choices()
    assert (kept.prevalence, kept.prevalence_low, kept.prevalence_high) == (0.15, 0.10, 0.22)
    assert kept.families_per_team == Assumptions().families_per_team
    assert kept.cost_per_team == Assumptions().cost_per_team and kept.target_reach == 1.0
    assert kept.births_basis == "registered" and kept.counted_kinds == {"specialised", "borderline"}
    assert kept.counted_confidence == {"verified"} and kept.count_unknown_status is False
    assert kept.evidence_since == 2020 and kept.min_part_share == 0.2
    # Any counting choice changed makes them differ.
    assert replace(mine, evidence_since=2021).counting_choices() != mine.counting_choices()
    assert replace(mine, births_basis="age0").counting_choices() != mine.counting_choices()
