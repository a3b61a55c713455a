"""AppTest: the team map on the Team directory, the locator on Check a listing, the 3D coverage map."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from coverage.model.assumptions import Assumptions
from coverage.model.atlas import load_atlas
from coverage.model.gaps import counted_teams
from tests.support.apptest import open_app
from ui.team_deck import TWIN_KEY

pytestmark = [pytest.mark.apptest, pytest.mark.slow]


def run(page: str, **params) -> AppTest:
    at = open_app(page, params=params, timeout=90)
    assert not at.exception, [e.value for e in at.exception]
    return at


def decks(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.json) for el in at.get("deck_gl_json_chart")]


def layer(spec: dict, layer_id: str) -> list:
    return next(x for x in spec["layers"] if x["id"] == layer_id)["data"]


def test_team_map_shows_every_counted_team_once():
    at = run("pages/teams.py")
    (spec,) = decks(at)
    ids = [m["team_id"] for m in layer(spec, "teams")]
    assert len(ids) == len(set(ids))
    atlas = load_atlas()
    assert set(counted_teams(atlas, Assumptions())["team_id"]) <= set(ids)
    assert spec["mapStyle"] == "__MAP_STYLE__"
    assert not at.dataframe  # the table twin is sent once opened
    at.session_state[TWIN_KEY] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    twin = at.dataframe[0].value  # the table twin: every marker, with coordinates, size and areas
    assert len(twin) == len(ids)
    assert {"Longitude", "Latitude", "Families a year", "Areas served"} <= set(twin.columns)


def test_filters_come_from_the_url_and_go_back_into_it():
    at = run("pages/teams.py", tnation="Scotland", tstatus="active,unknown")
    assert at.multiselect(key="dir_nation").value == ["Scotland"]
    assert at.multiselect(key="dir_status").value == ["active", "unknown"]
    (spec,) = decks(at)
    atlas = load_atlas()
    scottish = atlas.teams[atlas.teams["nation"].str.contains("Scotland") & (atlas.teams["status"] != "closed")]
    assert {m["team_id"] for m in layer(spec, "teams")} == set(scottish["team_id"])
    at.multiselect(key="dir_kind").set_value(["specialised"]).run()
    assert at.query_params["tkind"] == "specialised"
    assert at.query_params["tnation"] == "Scotland"
    at.multiselect(key="dir_nation").set_value([]).run()
    assert "tnation" not in at.query_params


def test_bad_filter_in_the_url_is_a_message_not_a_crash():
    at = run("pages/teams.py", tstatus="<b>x</b>")
    assert any("tstatus" in w.value for w in at.warning)
    assert at.multiselect(key="dir_status").value == []


def test_check_page_opens_the_listing_named_in_the_url_with_a_locator():
    at = run("pages/check.py", team="nhs-ggc-imh")
    assert at.selectbox(key="chk_team").value == "nhs-ggc-imh"
    (spec,) = decks(at)
    assert [m["team_id"] for m in layer(spec, "teams")] == ["nhs-ggc-imh"]
    assert len(layer(spec, "reach")) == 6  # a line to each of the board's six council areas
    at.selectbox(key="chk_team").set_value("oxpip").run()
    assert at.query_params["team"] == "oxpip"


def test_unknown_listing_in_the_url_is_a_message():
    at = run("pages/check.py", team="no-such-team")
    assert at.selectbox(key="chk_team").value is None
    assert any("no-such-team" in w.value for w in at.warning)


def test_3d_toggle_is_off_by_default_and_bound_to_the_url():
    at = run("pages/coverage_map.py")
    assert at.toggle(key="view3d").value is False
    assert not decks(at) and len(at.get("plotly_chart")) == 1
    at.toggle(key="view3d").set_value(True).run()
    assert at.query_params["d3"] == "1"
    (spec,) = decks(at)
    assert spec["initialViewState"]["pitch"] == 45
    assert not [c for c in at.get("plotly_chart") if json.loads(c.proto.spec).get("layout", {}).get("map")]
    at.toggle(key="view3d").set_value(False).run()
    assert "d3" not in at.query_params


def test_3d_view_opens_from_the_url_for_one_nation():
    at = run("pages/coverage_map.py", d3="1", nation="Wales")
    assert at.toggle(key="view3d").value is True
    (spec,) = decks(at)
    assert len(layer(spec, "areas3d")["features"]) == 22  # Wales's 22 unitary authorities
