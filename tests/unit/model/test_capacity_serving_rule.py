"""When a team serves an area: slivers of split districts, hand-computed on the synthetic atlas.

E2 (births 500) is split 60% into H1 (300 births) and 40% into H2 (200 births). The synthetic
parts are large, so the tests raise ``min_part_share`` to 0.45 to make the 40% part a sliver.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from coverage.model.assumptions import Assumptions
from coverage.model.atlas import load_atlas
from coverage.model.capacity import served_atoms
from coverage.model.gaps import STATUS_NO_TEAM, all_levels, summary
from tests import synthetic

pytestmark = pytest.mark.unit

A = Assumptions(families_per_team=100, families_per_team_low=50, families_per_team_high=150)
SLIVER = replace(A, min_part_share=0.45)
T = synthetic.team


def tables(tmp_path, teams, a):
    atlas = load_atlas(synthetic.write(tmp_path / "data", teams))
    return {lvl: t.set_index("area_code") for lvl, t in all_levels(atlas, a).items()}, summary(atlas, a)


def test_a_district_team_serves_both_parts_when_neither_is_a_sliver(tmp_path):
    t, _ = tables(tmp_path, [T("beta", "lad", "E2", families_per_year=100)], A)
    assert t["health"].at["H1", "capacity_per_year"] == pytest.approx(60)
    assert t["health"].at["H2", "capacity_per_year"] == pytest.approx(40)
    assert t["health"].at["H2", "teams"] == 1


def test_a_sliver_is_not_served_and_the_capacity_stays_whole(tmp_path):
    t, uk = tables(tmp_path, [T("beta", "lad", "E2", families_per_year=100)], SLIVER)
    assert t["health"].at["H1", "capacity_per_year"] == pytest.approx(100)
    assert t["health"].at["H2", "capacity_per_year"] == 0
    assert t["health"].at["H2", "teams"] == 0
    assert t["health"].at["H2", "status"] == STATUS_NO_TEAM
    # Capacity sums exactly to the UK total at every level.
    for level, table in t.items():
        assert table["capacity_per_year"].sum() == pytest.approx(100), level
    assert uk.iloc[0]["capacity_per_year"] == pytest.approx(100)


def test_a_council_team_drops_the_sliver_too(tmp_path):
    # U1 = E1 (1000) + E2; without E2's H2 part its births are 1000 + 300.
    t, _ = tables(tmp_path, [T("up", "utla", "U1", families_per_year=130)], SLIVER)
    assert t["lad"].at["E1", "capacity_per_year"] == pytest.approx(100)
    assert t["lad"].at["E2", "capacity_per_year"] == pytest.approx(30)
    assert t["health"].at["H2", "teams"] == 0


def test_a_health_area_team_serves_every_part_inside_it(tmp_path):
    # H2 = E2's 40% part (200 births) + E3 (300): the part is in the area the team names.
    t, _ = tables(tmp_path, [T("h2", "health", "H2", families_per_year=100)], SLIVER)
    assert t["lad"].at["E2", "capacity_per_year"] == pytest.approx(40)
    assert t["lad"].at["E3", "capacity_per_year"] == pytest.approx(60)


def test_a_team_named_only_for_slivers_still_serves_them():
    shares = np.array([1.0, 0.2, 0.3, 0.6])
    assert list(served_atoms(np.array([1, 2]), "lad", shares, 0.4)) == [1, 2]
    assert list(served_atoms(np.array([0, 1, 3]), "lad", shares, 0.4)) == [0, 3]
    assert list(served_atoms(np.array([0, 1]), "health", shares, 0.4)) == [0, 1]


def test_the_rule_is_named_in_the_assumptions():
    assert "a team serves a part of a split district holding at least 10% of it" in Assumptions().describe()
    with pytest.raises(ValueError, match="min_part_share"):
        Assumptions(min_part_share=0.6)
