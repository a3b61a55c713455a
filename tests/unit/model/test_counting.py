"""The counting step (which services count, and over which atoms), kept apart from the scaling.

Synthetic atlas (tests/synthetic.py), births basis age 0: atoms E1 (1000 births), E2:H1 (300),
E2:H2 (200), E3 (300), W1 (200); council U1 = E1 + E2, U2 = E3. Values worked out by hand.
"""

from __future__ import annotations

import pytest

from coverage.model.assumptions import Assumptions
from coverage.model.atlas import load_atlas
from coverage.model.counting import counting
from coverage.model.gaps import all_levels, area_table, summary
from coverage.model.services import fold_services
from tests import synthetic

pytestmark = pytest.mark.unit

A = Assumptions(families_per_team=100, families_per_team_low=50, families_per_team_high=150)
T = synthetic.team
TEAMS = [
    T("duo", "lad", "E1;E3", families_per_year=130),  # known capacity, over E1 and E3
    T("solo", "utla", "U2"),  # the assumed size
    T("pimhs", "utla", "U1", kind="borderline"),  # open, listed, not counted
    T("duo-old", "lad", "E3", same_service_as="duo"),  # a second description of duo
]


@pytest.fixture
def atlas(tmp_path):
    return load_atlas(synthetic.write(tmp_path / "data", TEAMS))


def test_counted_services_and_their_shares_of_births(atlas):
    c = counting(atlas, A)
    assert sorted(c.services["team_id"]) == ["duo", "solo"]  # pimhs does not count; duo-old is folded
    w = {(r.team_id, r.atom): (round(r.weight, 6), r.known) for r in c.weights.itertuples()}
    # duo: E1 1000 and E3 300 births -> 10/13 and 3/13; solo: all of U2 (atom E3).
    assert w == {
        ("duo", 0): (round(1000 / 1300, 6), True),
        ("duo", 3): (round(300 / 1300, 6), True),
        ("solo", 3): (1.0, False),
    }
    # pimhs over U1's atoms E1, E2:H1, E2:H2 (1000, 300, 200 births of 1500), with its reason.
    u = {r.atom: (round(r.weight, 6), r.reason) for r in c.uncounted.itertuples()}
    assert u == {
        0: (round(1000 / 1500, 6), "borderline"),
        1: (0.2, "borderline"),
        2: (round(200 / 1500, 6), "borderline"),
    }
    assert c.births.tolist() == [1000, 300, 200, 300, 200]
    assert c.choices == A.counting_choices()


def test_a_kept_counting_step_gives_the_same_tables_for_a_new_prevalence_and_team_size(atlas):
    kept = counting(atlas, A)
    b = A.with_prevalence(0.2).with_families_per_team(90)
    shared = area_table(atlas, "utla", b, shared=kept).set_index("area_code")
    fresh = area_table(atlas, "utla", b).set_index("area_code")
    assert shared.equals(fresh)
    # U2: need 20% of 300 = 60; capacity duo 130 x 3/13 = 30 plus solo 90 = 120; reach 2.
    assert shared.at["U2", "need_per_year"] == pytest.approx(60)
    assert shared.at["U2", "capacity_per_year"] == pytest.approx(120)
    assert shared.at["U2", "reach"] == pytest.approx(2.0)
    assert shared.at["U1", "capacity_per_year"] == pytest.approx(100)  # duo's 10/13 of 130
    assert shared.at["U1", "uncounted_services"] == 1
    assert summary(atlas, b, shared=kept).equals(summary(atlas, b))
    levels = all_levels(atlas, b, shared=kept)
    assert all(levels[k].equals(t) for k, t in all_levels(atlas, b).items())
    # The kept step is read, never changed.
    assert list(kept.weights.columns) == ["team_id", "atom", "weight", "known"]


def test_a_counting_step_made_under_other_counting_choices_is_refused(atlas):
    kept = counting(atlas, A)
    with pytest.raises(ValueError, match="counting choices"):
        area_table(atlas, "utla", Assumptions(evidence_since=2020), shared=kept)
    with pytest.raises(ValueError, match="counting choices"):
        summary(atlas, Assumptions(births_basis="registered"), shared=kept)


def test_the_atlas_folds_its_directory_once(atlas):
    assert atlas.services is atlas.services
    assert atlas.services.equals(fold_services(atlas.teams))
    assert len(atlas.services) == 3 and len(atlas.teams) == 4
