"""Cost to close the gap: teams needed and their yearly cost, hand-computed with their bands."""

import pandas as pd
import pytest

from coverage.model import costs
from coverage.model.assumptions import COST_PER_TEAM_YEAR, Assumptions


def areas() -> pd.DataFrame:
    # A: need 250, capacity 50. B: need 100, capacity 120 (already past its need).
    return pd.DataFrame({"need_per_year": [250.0, 100.0], "capacity_per_year": [50.0, 120.0]})


def test_the_cost_band_comes_from_the_published_figures():
    # £67.3m / 3 years / 153 councils = £146,623.09; Kent £2,059,928 x 12/31 = £797,391.48; Haringey £265,955.
    assert COST_PER_TEAM_YEAR["low"].value == 146_623
    assert COST_PER_TEAM_YEAR["central"].value == 265_955
    assert COST_PER_TEAM_YEAR["high"].value == 797_391
    for sourced in COST_PER_TEAM_YEAR.values():
        assert sourced.source and sourced.label


def test_teams_and_cost_for_a_set_of_areas_with_their_bands():
    c = costs.cost_to_close(areas(), Assumptions(), families_per_team=100)
    # central 15%: A 250-50=200 -> 2 teams; B none.
    assert c.teams == 2
    # low 10%: A 250x10/15=166.7-50=116.7 -> 2 teams; B 66.7 < 120 -> none.
    assert c.teams_low == 2
    # high 22%: A 250x22/15=366.7-50=316.7 -> 4; B 146.7-120=26.7 -> 1.
    assert c.teams_high == 5
    assert c.cost == 2 * 265_955
    assert c.cost_low == 2 * 146_623
    assert c.cost_high == 5 * 797_391
    assert not c.closed


def test_target_and_own_cost_per_team_move_the_figures():
    a = Assumptions(target_reach=0.5).with_cost_per_team(1_000_000)
    c = costs.cost_to_close(areas(), a, families_per_team=100)
    # 50% of 250 = 125 - 50 = 75 -> 1 team; high: 183.3-50 = 133.3 -> 2 (B: 73.3 < 120).
    assert (c.teams, c.teams_high) == (1, 2)
    assert c.cost == 1_000_000
    assert c.cost_high == 2 * 1_000_000  # the user's figure widened the band's top
    assert "your own figure" in costs.rests_on(c)


def test_an_area_past_its_need_costs_nothing():
    c = costs.cost_to_close(areas().iloc[[1]], Assumptions(target_reach=0.5), families_per_team=100)
    assert c.closed and c.cost_high == 0
    assert costs.headline(c).startswith("No extra team")


def test_headline_gives_both_bands():
    text = costs.headline(costs.cost_to_close(areas(), Assumptions(), families_per_team=100))
    assert text == (
        "2 more teams of 100 families a year would bring it to 100% of estimated need (band 2-5), "
        "costing about £532k a year (band £293k-£4.0m)."
    )


def test_a_cost_outside_the_range_is_refused():
    with pytest.raises(ValueError, match="cost_per_team"):
        Assumptions(cost_per_team=5)
    with pytest.raises(ValueError, match="low-high band"):
        Assumptions(cost_per_team=100_000)  # below the low end without widening the band


def test_the_council_count_behind_the_low_figure_is_the_atlas_own():
    from coverage.model.assumptions import ENGLISH_COUNCILS
    from coverage.model.atlas import load_atlas

    councils = load_atlas().level_areas("utla")
    assert (councils["nation"] == "England").sum() == ENGLISH_COUNCILS
