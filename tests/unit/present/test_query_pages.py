"""URL state of single pages: the team map's filters, a listing, the 3D toggle."""

from __future__ import annotations

import pytest

from coverage.present import query

pytestmark = pytest.mark.unit


def test_team_filter_round_trips_in_display_order():
    f = query.TeamFilter(nations=("Scotland", "Unknown"), statuses=("closed",), kinds=("specialised", "other"))
    params = query.encode_team_filter(f)
    assert params == {"tnation": "Scotland,Unknown", "tstatus": "closed", "tkind": "specialised,other"}
    assert query.parse_team_filter(params) == (f, [])
    assert query.parse_team_filter({"tkind": "other,specialised"})[0].kinds == ("specialised", "other")


def test_empty_filter_writes_nothing():
    assert query.encode_team_filter(query.TeamFilter()) == {}
    assert query.parse_team_filter({}) == (query.TeamFilter(), [])


def test_unknown_filter_value_shows_all_with_a_safe_message():
    f, messages = query.parse_team_filter({"tstatus": "<script>", "tnation": "Wales"})
    assert f == query.TeamFilter(nations=("Wales",))
    assert len(messages) == 1 and "<" not in messages[0] and "tstatus" in messages[0]


def test_team_id_must_be_a_known_slug():
    assert query.parse_team_id({"team": "oxpip"}, {"oxpip"}) == ("oxpip", [])
    assert query.parse_team_id({}, {"oxpip"}) == ("", [])
    for bad in ("nope", "<img src=x>", "OXPIP"):
        value, messages = query.parse_team_id({"team": bad}, {"oxpip"})
        assert value == "" and len(messages) == 1 and "<" not in messages[0]


def test_three_d_toggle():
    assert query.parse_three_d({}) == (False, [])
    assert query.parse_three_d({"d3": "1"}) == (True, [])
    assert query.parse_three_d({"d3": "0"}) == (False, [])
    flat, messages = query.parse_three_d({"d3": "yes"})
    assert flat is False and len(messages) == 1
