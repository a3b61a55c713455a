"""Scenarios by hand on the synthetic atlas, their file and URL forms, and hostile input."""

from __future__ import annotations

import base64
import json
import zlib

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


def test_file_and_url_round_trip(atlas):
    sc = S.Scenario(
        "Mine", (S.Change("add", "x-1", "New", "utla", ("U1", "U2"), 80.0), S.Change("resize", "gamma", scale=2.0))
    )
    assert S.loads(S.dumps(sc), atlas) == sc
    assert S.from_url(S.to_url(sc), atlas) == sc
    assert len(S.to_url(sc)) < 300


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
