"""Compare's controls survive a trip through the URL; hostile values fall back and say so."""

from __future__ import annotations

import pytest

from coverage.present import compare_query as Q

pytestmark = pytest.mark.unit

KNOWN = {"utla": {"E10000016", "E06000035"}, "lad": {"E07000110"}, "region": {"E12000008"}}


def test_round_trip_reopens_the_same_comparison():
    state = Q.CompareState(
        level="lad",
        metric="unmet",
        nation="England",
        region="South East",
        family_hubs_only=True,
        no_team_only=True,
        deciles=(1, 2),
        show=15,
        picks=(("utla", "E10000016"), ("lad", "E07000110"), ("region", "E12000008")),
    )
    params = Q.encode(state)
    assert params["pick"] == "utla:E10000016,lad:E07000110,region:E12000008"
    again, messages = Q.parse(params, KNOWN, {"South East"})
    assert again == state and messages == []


def test_defaults_make_an_empty_query():
    assert Q.encode(Q.DEFAULT) == {}


def test_hostile_values_fall_back_with_messages():
    state, messages = Q.parse(
        {"level": "<script>", "show": "999", "deciles": "1,x,11", "pick": "utla:E10000016,utla:EVIL,lad"},
        KNOWN,
    )
    assert state.level == "utla" and state.show == Q.DEFAULT_SHOW and state.deciles == (1,)
    assert state.picks == (("utla", "E10000016"),)
    assert len(messages) == 6
    assert all("<" not in m for m in messages)


def test_picks_are_capped():
    many = ",".join(["utla:E10000016", "utla:E06000035"] * 40)
    state, _ = Q.parse({"pick": many}, KNOWN)
    assert state.picks == (("utla", "E10000016"), ("utla", "E06000035"))


def test_filter_words_name_what_a_ranking_is_filtered_to():
    assert Q.filter_words("UK", "All", False, False, ()) == ""
    assert Q.filter_words("Wales", "All", False, False, ()) == "Wales"
    assert (
        Q.filter_words("England", "South East", True, True, [2, 1])
        == "South East, Family Hubs authorities only, areas with no team listed only, deprivation decile 1, 2"
    )
