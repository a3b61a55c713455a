"""Gaps on a tiny hand-checked atlas (tests/synthetic.py): population, need, capacity, reach, status."""

from __future__ import annotations

import math

import pytest

from coverage.model.assumptions import Assumptions
from coverage.model.atlas import load_atlas
from coverage.model.gaps import STATUS_MEETS, STATUS_NO_TEAM, STATUS_SOME, area_table, summary
from tests import synthetic

A = Assumptions(
    prevalence=0.1,
    prevalence_low=0.1,
    prevalence_high=0.2,
    families_per_team=100,
    families_per_team_low=50,
    families_per_team_high=150,
)


def atlas_with(tmp_path, teams):
    return load_atlas(synthetic.write(tmp_path / "data", teams))


def by_code(table):
    return table.set_index("area_code")


def test_population_1001_is_ages_0_and_1_plus_pregnancies(tmp_path):
    t = by_code(area_table(atlas_with(tmp_path, []), "lad", A))
    # E1: 1000 + 900 + 270/365 * 1000
    assert t.at["E1", "population_1001"] == pytest.approx(1900 + 270 / 365 * 1000)
    assert t.at["E1", "need_per_year"] == pytest.approx(100)
    assert t.at["E1", "status"] == STATUS_NO_TEAM
    assert t.at["E1", "reach"] == 0
    assert t.at["E1", "teams_needed"] == 1


def test_split_district_is_apportioned_by_share_not_best_fit(tmp_path):
    t = by_code(area_table(atlas_with(tmp_path, []), "health", A))
    # H1 = E1 + 60% of E2; H2 = 40% of E2 + E3
    assert t.at["H1", "annual_births"] == pytest.approx(1000 + 0.6 * 500)
    assert t.at["H2", "annual_births"] == pytest.approx(0.4 * 500 + 300)
    assert t["annual_births"].sum() == pytest.approx(2000)


def test_team_serving_two_areas_is_split_by_births(tmp_path):
    # Known capacity 150 families a year across E1 (1000 births) and E3 (300 births).
    atlas = atlas_with(tmp_path, [synthetic.team("duo", "lad", "E1;E3", families_per_year=130)])
    t = by_code(area_table(atlas, "lad", A))
    assert t.at["E1", "capacity_per_year"] == pytest.approx(100)
    assert t.at["E3", "capacity_per_year"] == pytest.approx(30)
    assert t.at["E1", "reach"] == pytest.approx(1.0)
    assert t.at["E1", "status"] == STATUS_MEETS
    assert t.at["E3", "reach"] == pytest.approx(1.0)
    assert t.at["E2", "status"] == STATUS_NO_TEAM
    # A known figure has no band.
    assert t.at["E1", "capacity_low"] == t.at["E1", "capacity_high"] == pytest.approx(100)
    # Both councils see the team; it is one team UK-wide.
    u = by_code(area_table(atlas, "utla", A))
    assert u.at["U1", "teams"] == 1 and u.at["U2", "teams"] == 1
    assert summary(atlas, A).iloc[0]["teams"] == 1


def test_unknown_capacity_uses_the_assumed_band(tmp_path):
    atlas = atlas_with(tmp_path, [synthetic.team("solo", "utla", "U2")])
    t = by_code(area_table(atlas, "utla", A))
    assert t.at["U2", "capacity_per_year"] == pytest.approx(100)
    assert t.at["U2", "capacity_low"] == pytest.approx(50)
    assert t.at["U2", "capacity_high"] == pytest.approx(150)
    assert t.at["U2", "teams_known_capacity"] == 0
    # need 30 (10% of 300): reach 100/30; low = 50 / (20% of 300) ; high = 150 / 30
    assert t.at["U2", "reach"] == pytest.approx(100 / 30)
    assert t.at["U2", "reach_low"] == pytest.approx(50 / 60)
    assert t.at["U2", "reach_high"] == pytest.approx(5.0)
    assert t.at["U2", "unmet_need_per_year"] == 0


def test_team_in_a_split_district_reaches_both_icbs(tmp_path):
    atlas = atlas_with(tmp_path, [synthetic.team("beta", "lad", "E2", families_per_year=50)])
    h = by_code(area_table(atlas, "health", A))
    assert h.at["H1", "capacity_per_year"] == pytest.approx(30)
    assert h.at["H2", "capacity_per_year"] == pytest.approx(20)
    assert h.at["H1", "teams"] == 1 and h.at["H2", "teams"] == 1
    assert h.at["HW", "status"] == STATUS_NO_TEAM


def test_health_level_team_counts_at_council_region_and_nation(tmp_path):
    atlas = atlas_with(tmp_path, [synthetic.team("h2", "health", "H2", families_per_year=50)])
    u = by_code(area_table(atlas, "utla", A))
    # H2 = 200 births from E2 (in U1) + 300 from E3 (U2): capacity splits 20 / 30
    assert u.at["U1", "capacity_per_year"] == pytest.approx(20)
    assert u.at["U2", "capacity_per_year"] == pytest.approx(30)
    n = by_code(area_table(atlas, "nation", A))
    assert n.at["E92000001", "capacity_per_year"] == pytest.approx(50)
    assert n.at["W92000004", "capacity_per_year"] == 0


def test_closed_team_never_counts_and_options_filter(tmp_path):
    teams = [
        synthetic.team("gone", "lad", "E1", status="closed", families_per_year=500),
        synthetic.team("maybe", "lad", "E3", status="unknown", confidence="unconfirmed"),
        synthetic.team("edge", "lad", "W1", kind="borderline", nation="Wales"),
    ]
    atlas = atlas_with(tmp_path, teams)
    t = by_code(area_table(atlas, "lad", A))
    assert t.at["E1", "teams"] == 0
    assert t.at["E3", "teams"] == 1
    assert t.at["W1", "teams"] == 0  # borderline not counted by default
    strict = Assumptions(**{**A.__dict__, "count_unknown_status": False})
    assert by_code(area_table(atlas, "lad", strict)).at["E3", "teams"] == 0
    verified_only = Assumptions(**{**A.__dict__, "counted_confidence": frozenset({"verified", "reported"})})
    assert by_code(area_table(atlas, "lad", verified_only)).at["E3", "teams"] == 0
    with_borderline = Assumptions(**{**A.__dict__, "counted_kinds": frozenset({"specialised", "borderline"})})
    assert by_code(area_table(atlas, "lad", with_borderline)).at["W1", "teams"] == 1


def test_registered_births_fall_back_and_say_so(tmp_path):
    reg = Assumptions(**{**A.__dict__, "births_basis": "registered"})
    t = by_code(area_table(atlas_with(tmp_path, []), "lad", reg))
    assert t.at["E1", "annual_births"] == pytest.approx(980)
    assert not t.at["E1", "births_fallback"]
    assert t.at["W1", "annual_births"] == pytest.approx(200)
    assert t.at["W1", "births_fallback"]


def test_teams_needed_and_partial_status(tmp_path):
    atlas = atlas_with(tmp_path, [synthetic.team("small", "lad", "E1", families_per_year=40)])
    t = by_code(area_table(atlas, "lad", A))
    assert t.at["E1", "status"] == STATUS_SOME
    assert t.at["E1", "unmet_need_per_year"] == pytest.approx(60)
    assert t.at["E1", "teams_needed"] == 1  # ceil(60 / 100)
    half = Assumptions(**{**A.__dict__, "target_reach": 0.4})
    assert by_code(area_table(atlas, "lad", half)).at["E1", "status"] == STATUS_MEETS
    assert by_code(area_table(atlas, "lad", half)).at["E1", "teams_needed"] == 0


def test_summary_sums_nations(tmp_path):
    s = summary(atlas_with(tmp_path, []), A).set_index("area_name")
    assert s.at["United Kingdom", "annual_births"] == pytest.approx(2000)
    assert s.at["England", "annual_births"] == pytest.approx(1800)
    assert s.at["United Kingdom", "need_per_year"] == pytest.approx(200)
    assert math.isclose(s.at["United Kingdom", "reach"], 0)


def test_every_area_is_present_at_every_level(tmp_path):
    atlas = atlas_with(tmp_path, [])
    for level, areas in synthetic.AREAS.items():
        t = area_table(atlas, level, A)
        assert sorted(t["area_code"]) == sorted(c for c, _, _ in areas)
        assert t["status"].notna().all()


def test_columns_are_set_in_one_step_replacing_in_place_and_adding_in_order():
    import pandas as pd

    from coverage.model.gaps import _with_columns

    out = _with_columns(pd.DataFrame({"a": [1, 2], "b": [3, 4]}), {"c": [5, 6], "a": [7, 8], "d": ["x", "y"]})
    assert list(out.columns) == ["a", "b", "c", "d"]  # "a" kept its place; new columns follow in the given order
    assert out["a"].tolist() == [7, 8] and out["c"].tolist() == [5, 6] and out["d"].tolist() == ["x", "y"]
