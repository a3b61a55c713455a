"""The committed team directory: valid, one row per seed row, each team placed at the right areas."""

from __future__ import annotations

import pandas as pd
import pytest

from coverage.model.atlas import known_codes, load_areas
from coverage.model.directory import load_directory
from coverage.model.levels import LEVEL_KEYS
from tests.unit.pipeline.committed import DATA, SHARED


@pytest.fixture(scope="module")
def directory():
    teams, problems = load_directory(DATA / "teams.csv", known_codes(load_areas(DATA)))
    return teams, problems


def _row(teams: pd.DataFrame, name_part: str) -> pd.Series:
    hits = teams[teams["name"].str.contains(name_part, regex=False)]
    assert len(hits) == 1, f"expected one team named like {name_part!r}, found {list(hits['name'])}"
    return hits.iloc[0]


def test_directory_validates_with_no_problems(directory):
    _, problems = directory
    assert not problems, "\n".join(map(str, problems))


@pytest.mark.needs("shared")
def test_directory_has_one_row_per_seed_row(directory):
    teams, _ = directory
    seed = pd.concat(
        [
            pd.read_csv(SHARED / f, dtype=str, keep_default_na=False)
            for f in ("teams/teams_seed.csv", "teams/teams_seed_pass3.csv")
        ]
    )
    assert len(seed) == 56 + 5
    assert len(teams) == len(seed)
    assert list(teams["name"]) == list(seed["team_name"])
    assert teams["team_id"].is_unique


def test_every_team_has_areas_or_says_why_not(directory):
    teams, _ = directory
    no_codes = teams["area_codes"].map(len) == 0
    no_reason = teams["unresolved_areas"].str.strip() == ""
    assert not (no_codes & no_reason).any(), list(teams.loc[no_codes & no_reason, "team_id"])
    assert (teams.loc[~no_codes, "area_level"].isin(LEVEL_KEYS)).all()


def test_st_helens_maps_to_its_council(directory):
    row = _row(directory[0], "St Helens")
    assert row["area_level"] == "utla"
    assert row["area_codes"] == ("E08000013",)


def test_tameside_and_glossop_maps_tameside_and_names_glossop_as_unresolved(directory):
    row = _row(directory[0], "Tameside and Glossop")
    assert row["area_level"] == "utla"
    assert row["area_codes"] == ("E08000008",)
    assert "Glossop" in row["unresolved_areas"]


def test_northamptonshire_maps_to_both_successor_unitaries_and_is_closed(directory):
    row = _row(directory[0], "NorPIP")
    assert row["area_level"] == "utla"
    assert set(row["area_codes"]) == {"E06000061", "E06000062"}
    assert row["status"] == "closed"


SCOTTISH_BOARD_TEAMS = {
    "NHS Lanarkshire": "S08000032",
    "NHS Ayrshire & Arran": "S08000015",
    "NHS Tayside": "S08000030",
    "NHS Dumfries & Galloway": "S08000017",
    "NHS Fife": "S08000029",
    "NHS Greater Glasgow & Clyde": "S08000031",
    "NHS Grampian": "S08000020",
}


@pytest.mark.parametrize("board,code", SCOTTISH_BOARD_TEAMS.items())
def test_scottish_board_teams_are_at_health_level_with_board_codes(directory, board, code):
    row = _row(directory[0], board)
    assert row["nation"] == "Scotland"
    assert row["area_level"] == "health"
    assert row["area_codes"] == (code,)


def test_every_scottish_health_team_names_its_board(directory, atlas):
    teams, _ = directory
    health = atlas.level_areas("health")
    scottish = teams[(teams["nation"] == "Scotland") & (teams["area_level"] == "health")]
    assert len(scottish) >= len(SCOTTISH_BOARD_TEAMS)
    for row in scottish.itertuples():
        assert all(c.startswith("S08") for c in row.area_codes), row.team_id
        for c in row.area_codes:
            board = health.at[c, "area_name"].replace(" and ", " & ")
            assert board in row.name, (row.team_id, board)


@pytest.mark.parametrize("name_part,code", [("ABC PiP", "SEHSCT"), ("Southern Trust", "SHSCT")])
def test_northern_ireland_trust_teams_are_at_health_level_with_trust_codes(directory, name_part, code):
    row = _row(directory[0], name_part)
    assert row["nation"] == "Northern Ireland"
    assert row["area_level"] == "health"
    assert row["area_codes"] == (code,)


def test_northern_ireland_health_codes_are_trusts(directory, atlas):
    teams, _ = directory
    ni = teams[(teams["nation"] == "Northern Ireland") & (teams["area_level"] == "health")]
    assert len(ni) >= 2
    health = atlas.level_areas("health")
    for row in ni.itertuples():
        for c in row.area_codes:
            assert c.endswith("HSCT"), (row.team_id, c)
            assert health.at[c, "nation"] == "Northern Ireland"
