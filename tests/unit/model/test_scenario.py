"""Scenarios by hand on the synthetic atlas, their file and URL forms, and hostile input."""

from __future__ import annotations

import base64
import json
import zlib

import pytest

from coverage.model import scenario as S
from coverage.model.atlas import load_atlas
from tests import synthetic


@pytest.fixture
def atlas(tmp_path):
    teams = [
        synthetic.team("gone", "lad", "E1", status="closed", families_per_year=500),
        synthetic.team("gamma", "lad", "E3"),
    ]
    return load_atlas(synthetic.write(tmp_path / "data", teams))


def test_file_and_url_round_trip(atlas):
    sc = S.Scenario(
        "Mine", (S.Change("add", "x-1", "New", "utla", ("U1", "U2"), 80.0), S.Change("resize", "gamma", scale=2.0))
    )
    assert S.loads(S.dumps(sc), atlas) == sc
    assert S.from_url(S.to_url(sc), atlas) == sc
    assert len(S.to_url(sc)) < 300


def test_add_remove_add_gives_a_fresh_id_and_a_link_that_reopens(atlas):
    taken = set(atlas.teams["team_id"])
    first = S.Change("add", S.Scenario().new_team_id(taken), "A", "utla", ("U1",), 50.0)
    second_id = S.Scenario(changes=(first,)).new_team_id(taken)
    sc = S.Scenario(changes=(first, S.Change("add", second_id, "B", "utla", ("U2",), 60.0)))
    sc = sc.without(0)
    third = S.Change("add", sc.new_team_id(taken), "C", "utla", ("U1",), 70.0)
    sc = sc.with_change(third)
    assert [c.team_id for c in sc.changes] == ["scenario-team-2", "scenario-team-1"]
    assert S.from_url(S.to_url(sc), atlas) == sc


def test_an_id_already_added_is_refused_and_removing_a_team_removes_its_changes(atlas):
    sc = S.Scenario(changes=(S.Change("add", "x", "X", "utla", ("U1",), 50.0),))
    with pytest.raises(S.ScenarioError, match="already in use"):
        sc.with_change(S.Change("add", "x", "Y", "utla", ("U2",), 50.0))
    sc = sc.with_change(S.Change("resize", "x", scale=2.0)).with_change(S.Change("close", "gamma"))
    assert [c.action for c in sc.without(0).changes] == ["close"]


def test_a_new_id_avoids_listed_teams():
    assert S.Scenario().new_team_id({"scenario-team-1", "scenario-team-2"}) == "scenario-team-3"


BAD = [
    ("[]", "JSON object"),
    ("{", "not a JSON scenario file"),
    (b"\xff\xfe", "not a JSON scenario file"),
    ('{"version": 2, "changes": []}', "version must be 1"),
    ('{"version": 1, "changes": {}}', "changes must be a list"),
    ('{"version": 1, "changes": [], "__class__": "os.system"}', "unknown field"),
    ('{"version": 1, "changes": [{"action": "exec", "team_id": "a"}]}', "action must be one of"),
    ('{"version": 1, "changes": [{"action": "close", "team_id": "nobody"}]}', "no row in the directory has team_id"),
    ('{"version": 1, "changes": [{"action": "close", "team_id": "../../etc"}]}', "team_id must be"),
    (
        '{"version": 1, "changes": [{"action": "add", "team_id": "n", "area_level": "ward", "area_codes": ["E1"], "families_per_year": 5}]}',
        "area_level",
    ),
    (
        '{"version": 1, "changes": [{"action": "add", "team_id": "n", "area_level": "lad", "area_codes": ["ZZ"], "families_per_year": 5}]}',
        "unknown lad code",
    ),
    (
        '{"version": 1, "changes": [{"action": "add", "team_id": "n", "area_level": "lad", "area_codes": ["E1"]}]}',
        "give families_per_year",
    ),
    (
        '{"version": 1, "changes": [{"action": "add", "team_id": "n", "area_level": "lad", "area_codes": ["E1"], "families_per_year": 1e12}]}',
        "between",
    ),
    (
        '{"version": 1, "changes": [{"action": "add", "team_id": "n", "area_level": "lad", "area_codes": ["E1"], "families_per_year": "lots"}]}',
        "must be a number",
    ),
    (
        '{"version": 1, "changes": [{"action": "add", "team_id": "gamma", "area_level": "lad", "area_codes": ["E1"], "families_per_year": 5}]}',
        "already in use",
    ),
    ('{"version": 1, "changes": [{"action": "resize", "team_id": "gamma", "scale": NaN}]}', "must be a number"),
    ('{"version": 1, "name": "' + "x" * 500 + '", "changes": []}', "at most 120 characters"),
    (
        '{"version": 1, "changes": [' + ",".join(['{"action": "close", "team_id": "gamma"}'] * 101) + "]}",
        "at most 100 changes",
    ),
    ("[" * 100000 + "]" * 100000, "larger than"),
]


@pytest.mark.parametrize("text,message", BAD)
def test_hostile_scenario_files_are_refused_with_a_reason(atlas, text, message):
    with pytest.raises(S.ScenarioError) as err:
        S.loads(text, atlas)
    assert message in str(err.value)


def test_hostile_urls_are_refused(atlas):
    bomb = base64.urlsafe_b64encode(zlib.compress(b" " * 1_000_000, 9)).decode().rstrip("=")
    for text, message in [
        ("!!!", "damaged"),
        ("x" * 7000, "too long"),
        (bomb, "size limit"),
        (base64.urlsafe_b64encode(zlib.compress(json.dumps([1]).encode())).decode().rstrip("="), "JSON object"),
    ]:
        with pytest.raises(S.ScenarioError) as err:
            S.from_url(text, atlas)
        assert message in str(err.value)
