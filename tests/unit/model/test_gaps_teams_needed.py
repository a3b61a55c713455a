"""The one "teams needed" figure: council by council, whole teams in each, then summed."""

from __future__ import annotations

import pandas as pd
import pytest

from coverage.model import benchmarks, gaps, scenario_effect
from coverage.model.assumptions import Assumptions
from coverage.model.atlas import load_atlas

pytestmark = pytest.mark.unit

COUNCILS = pd.DataFrame({"need_per_year": [250.0, 100.0, 0.0], "capacity_per_year": [0.0, 120.0, 0.0]})


def test_whole_teams_per_council_then_summed():
    # 250 need at 100% with teams of 100: ceil(2.5) = 3; the second already meets it; the third has no need.
    assert gaps.teams_needed_in(COUNCILS, 1.0, 100) == 3
    # At 50%: 125 -> ceil(1.25) = 2; 50 - 120 < 0 -> 0.
    assert gaps.teams_needed_in(COUNCILS, 0.5, 100) == 2
    # Doubling need (the high band): 500 -> 5; 200 - 120 = 80 -> 1.
    assert gaps.teams_needed_in(COUNCILS, 1.0, 100, prevalence_scale=2.0) == 6


def test_plan_and_methods_give_the_same_figure_for_england():
    atlas = load_atlas()
    a = Assumptions()
    councils = gaps.area_table(atlas, "utla", a)
    plan = scenario_effect.sensitivity(
        scenario_effect.councils_in_scope(councils, "England"), a, a.target_reach, a.families_per_team
    )
    central = int(plan.set_index("prevalence_band").at["central", "teams_needed"])
    assert central == benchmarks.england_teams_needed(atlas, a)
    # ... and it is what the profile shows for each English council, summed.
    england = councils[councils["nation"] == "England"]
    assert central == int(england["teams_needed"].sum())
