"""What scenarios do to coverage, worked out by hand on the synthetic atlas (and one on the real atlas)."""

from __future__ import annotations

import pytest

from coverage.model import scenario as S
from coverage.model import scenario_effect
from coverage.model.assumptions import Assumptions
from coverage.model.atlas import load_atlas
from tests import synthetic

A = Assumptions(
    prevalence=0.1,
    prevalence_low=0.1,
    prevalence_high=0.2,
    families_per_team=100,
    families_per_team_low=50,
    families_per_team_high=150,
)


@pytest.fixture
def atlas(tmp_path):
    teams = [
        synthetic.team("gone", "lad", "E1", status="closed", families_per_year=500),
        synthetic.team("gamma", "lad", "E3"),
    ]
    return load_atlas(synthetic.write(tmp_path / "data", teams))


def area(result, level, code):
    return result[level].set_index("area_code").loc[code]


def test_team_added_to_a_split_district(atlas):
    sc = S.from_dict(
        {
            "version": 1,
            "changes": [
                {
                    "action": "add",
                    "team_id": "beta-new",
                    "area_level": "lad",
                    "area_codes": ["E2"],
                    "families_per_year": 50,
                }
            ],
        },
        atlas,
    )
    r = scenario_effect.compare(atlas, sc, A)
    # E2 is 60% in H1 and 40% in H2: 30 and 20 families a year.
    assert area(r, "health", "H1")["capacity_per_year_change"] == pytest.approx(30)
    assert area(r, "health", "H2")["capacity_per_year_change"] == pytest.approx(20)
    assert area(r, "health", "H1")["teams_after"] == 1
    # H1 need = 10% of 1300 births = 130; reach 0 -> 30/130.
    assert area(r, "health", "H1")["reach_after"] == pytest.approx(30 / 130)
    assert area(r, "health", "HW")["changed"] == False  # noqa: E712


def test_team_serving_two_nations_borders(atlas):
    sc = S.from_dict(
        {
            "version": 1,
            "changes": [
                {
                    "action": "add",
                    "team_id": "border",
                    "area_level": "lad",
                    "area_codes": ["E3", "W1"],
                    "wte": 4,
                    "families_per_wte": 25,
                }
            ],
        },
        atlas,
    )
    r = scenario_effect.compare(atlas, sc, A)
    # 4 WTE x 25 = 100 families, split by births 300 : 200.
    assert area(r, "nation", "E92000001")["capacity_per_year_change"] == pytest.approx(60)
    assert area(r, "nation", "W92000004")["capacity_per_year_change"] == pytest.approx(40)
    assert area(r, "nation", "W92000004")["status_before"] == "no team listed"
    assert area(r, "nation", "W92000004")["status_after"] == "meets target"  # need 20, capacity 40


def test_closed_team_reopened_and_an_open_one_closed(atlas):
    sc = S.from_dict(
        {"version": 1, "changes": [{"action": "reopen", "team_id": "gone"}, {"action": "close", "team_id": "gamma"}]},
        atlas,
    )
    r = scenario_effect.compare(atlas, sc, A)
    assert area(r, "lad", "E1")["capacity_per_year_after"] == pytest.approx(500)
    assert area(r, "lad", "E1")["status_after"] == "meets target"  # 500 >= 100 need
    assert area(r, "lad", "E3")["capacity_per_year_after"] == 0
    assert area(r, "lad", "E3")["teams_after"] == 0


def test_resize_by_scale_uses_the_assumed_size_when_unknown(atlas):
    sc = S.from_dict({"version": 1, "changes": [{"action": "resize", "team_id": "gamma", "scale": 1.5}]}, atlas)
    r = scenario_effect.compare(atlas, sc, A)
    assert area(r, "lad", "E3")["capacity_per_year_after"] == pytest.approx(150)


def test_teams_to_target_and_sensitivity(atlas):
    table = scenario_effect.compare(atlas, S.Scenario(), A)["lad"]
    table = table.rename(columns={"capacity_per_year_before": "capacity_per_year"})
    # Need 100, 50, 30 (+E3 has 100 capacity), 20: at 100% target with 100-family teams: 1 + 1 + 0 + 1.
    assert scenario_effect.teams_to_target(table, 1.0, 100) == 3
    sens = scenario_effect.sensitivity(table, A, 1.0, 100, cost_per_team_year=1000.0).set_index("prevalence_band")
    # High prevalence (20%): need 200, 100, 60, 40 -> 2 + 1 + 0 + 1 teams.
    assert sens.at["high", "teams_needed"] == 4
    assert sens.at["high", "annual_cost"] == 4000.0
    assert sens.at["central", "teams_needed"] == 3


def test_a_team_added_on_the_real_atlas_counts_once_at_every_level():
    """Kent (a county with no counted team) gains 100 families a year, and so do exactly the areas above it.

    Speed is measured by tests/bench/bench_engine.py, not here.
    """
    atlas = load_atlas()
    sc = S.Scenario(changes=(S.Change("add", "t", "T", "utla", ("E10000016",), 100.0),))
    r = scenario_effect.compare(atlas, sc, Assumptions())
    assert set(r) == {"utla", "lad", "health", "region", "nation"}
    for level, table in r.items():
        change = table["capacity_per_year_change"]
        assert change.sum() == pytest.approx(100), level
        assert (change >= -1e-9).all(), level
    assert r["utla"].set_index("area_code").at["E10000016", "capacity_per_year_change"] == pytest.approx(100)
    assert r["nation"].set_index("area_name").at["England", "capacity_per_year_change"] == pytest.approx(100)
    assert r["utla"]["changed"].sum() == 1


def test_uk_change_and_scope(atlas):
    sc = S.from_dict({"version": 1, "changes": [{"action": "reopen", "team_id": "gone"}]}, atlas)
    uk = scenario_effect.uk_change(scenario_effect.compare(atlas, sc, A))
    # Need 10% of 2,000 births = 200; before: gamma's assumed 100; after: + gone's 500.
    assert uk["need_per_year"] == pytest.approx(200)
    assert uk["capacity_before"] == pytest.approx(100) and uk["capacity_after"] == pytest.approx(600)
    assert uk["reach_after"] == pytest.approx(3.0)
    councils = scenario_effect.compare(atlas, S.Scenario(), A)["utla"].assign(family_hubs=[True, False, False])
    assert list(scenario_effect.councils_in_scope(councils, "Family Hubs authorities")["area_code"]) == ["U1"]
    assert list(scenario_effect.councils_in_scope(councils, "Wales")["area_code"]) == ["W1"]
    assert len(scenario_effect.councils_in_scope(councils, "UK")) == 3


def test_teams_counted_before_and_after(atlas):
    sc = S.from_dict(
        {
            "version": 1,
            "changes": [
                {"action": "reopen", "team_id": "gone"},
                {"action": "add", "team_id": "n1", "area_level": "lad", "area_codes": ["W1"], "families_per_year": 10},
            ],
        },
        atlas,
    )
    assert scenario_effect.teams_counted(atlas, sc, A) == (1, 3)
