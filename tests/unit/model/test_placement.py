"""Where team markers stand and which areas a team reaches, hand-computed on the synthetic atlas.

Label points are set per area here (the synthetic atlas puts every area at one point):
districts E1 (0, 50), E2 (1, 51), E3 (2, 52), W1 (-3, 52); councils U1 (0.5, 50.5), U2 (2, 52),
W1 (-3, 52); health areas H1 (0.2, 50.2), H2 (1.5, 51.5), HW (-3, 52).
Babies under two (ages 0 + 1, shared by atom): E1 1900, E2 950 (H1 570, H2 380), E3 620, W1 410.
"""

from __future__ import annotations

import pandas as pd
import pytest

from coverage.model.atlas import load_atlas
from coverage.model.placement import area_babies, reached_areas, team_positions
from tests import synthetic

pytestmark = pytest.mark.unit

POINTS = {
    ("lad", "E1"): (0.0, 50.0),
    ("lad", "E2"): (1.0, 51.0),
    ("lad", "E3"): (2.0, 52.0),
    ("lad", "W1"): (-3.0, 52.0),
    ("utla", "U1"): (0.5, 50.5),
    ("utla", "U2"): (2.0, 52.0),
    ("utla", "W1"): (-3.0, 52.0),
    ("health", "H1"): (0.2, 50.2),
    ("health", "H2"): (1.5, 51.5),
    ("health", "HW"): (-3.0, 52.0),
}
TEAMS = [
    synthetic.team("duo", "lad", "E1;E3", families_per_year=400),  # a multi-area team
    synthetic.team("board", "health", "H2"),  # a health-board team: councils U1 (through E2) and U2
    synthetic.team("shut", "utla", "U2", status="closed"),  # a closed team
    synthetic.team("welsh", "health", "HW", nation="Wales"),  # a board with one council
    synthetic.team("nowhere", "utla", "", unresolved_areas="Somewhere: no code"),  # no mapped area
]


def placed_atlas(tmp_path, teams=TEAMS):
    root = synthetic.write(tmp_path / "data", teams)
    areas = pd.read_csv(root / "areas.csv", dtype={"area_code": str})
    for (level, code), (lon, lat) in POINTS.items():
        hit = (areas["level"] == level) & (areas["area_code"] == code)
        areas.loc[hit, ["lon", "lat"]] = [lon, lat]
    areas.to_csv(root / "areas.csv", index=False)
    return load_atlas(root)


@pytest.fixture
def atlas(tmp_path):
    return placed_atlas(tmp_path)


def test_babies_are_shared_out_by_atom(atlas):
    health = area_babies(atlas, "health")
    assert health["H1"] == pytest.approx(1900 + 0.6 * 950)
    assert health["H2"] == pytest.approx(0.4 * 950 + 620)
    assert area_babies(atlas, "lad")["E3"] == pytest.approx(620)


def test_multi_area_team_stands_at_its_areas_babies_weighted_centre(atlas):
    pos = team_positions(atlas, atlas.teams).set_index("team_id")
    # (0 x 1900 + 2 x 620) / 2520 and 50 + (0 x 1900 + 2 x 620) / 2520
    assert pos.at["duo", "lon"] == pytest.approx(1240 / 2520)
    assert pos.at["duo", "lat"] == pytest.approx(50 + 1240 / 2520)
    assert pos.at["duo", "n_declared"] == 2


def test_single_area_teams_stand_on_their_areas_point(atlas):
    pos = team_positions(atlas, atlas.teams).set_index("team_id")
    assert (pos.at["board", "lon"], pos.at["board", "lat"]) == (1.5, 51.5)
    assert (pos.at["shut", "lon"], pos.at["shut", "lat"]) == (2.0, 52.0)  # closed teams are placed too


def test_every_listing_with_an_area_is_placed_once_and_none_without(atlas):
    pos = team_positions(atlas, atlas.teams)
    assert sorted(pos["team_id"]) == ["board", "duo", "shut", "welsh"]


def test_health_board_team_reaches_each_council_with_an_atom_inside(atlas):
    reached = reached_areas(atlas, atlas.teams)
    board = reached[reached["team_id"] == "board"]
    assert list(board["area_code"]) == ["U1", "U2"]  # U1 only through E2's 40% in H2
    assert set(board["level"]) == {"utla"}
    assert list(zip(board["lon"], board["lat"])) == [(0.5, 50.5), (2.0, 52.0)]


def test_council_and_district_teams_reach_exactly_their_declared_areas(atlas):
    reached = reached_areas(atlas, atlas.teams)
    assert list(reached.loc[reached["team_id"] == "duo", "area_code"]) == ["E1", "E3"]
    assert list(reached.loc[reached["team_id"] == "shut", "area_code"]) == ["U2"]
    assert list(reached.loc[reached["team_id"] == "welsh", "area_code"]) == ["W1"]
    assert "nowhere" not in set(reached["team_id"])
