"""URL state: parse and encode a view; hostile values become the nearest valid value or the default."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coverage.model import ranges
from coverage.model.assumptions import Assumptions
from coverage.present import query

KEYS = ["level", "metric", "nation", "area", "prev", "fpt", "births", "target", "conf", "kinds", "unknown"]


def test_no_parameters_is_the_default_view_without_messages():
    assert query.parse({}) == (query.DEFAULT, [])


def test_a_full_view_round_trips_through_the_url():
    a = Assumptions().with_prevalence(0.1).with_families_per_team(150)
    from dataclasses import replace

    a = replace(a, births_basis="registered", target_reach=0.5, counted_kinds=frozenset({"specialised", "other"}))
    view = query.View(level="health", metric="unmet", nation="Wales", area="W11000028", assumptions=a)
    params = query.encode(view)
    assert params == {
        "level": "health",
        "metric": "unmet",
        "nation": "Wales",
        "area": "W11000028",
        "prev": "0.1",
        "fpt": "150",
        "births": "registered",
        "target": "0.5",
        "kinds": "specialised,other",
    }
    assert query.parse(params, {"W11000028"}) == (view, [])


@pytest.mark.parametrize(
    "text,expected",
    [("0.5", 0.40), ("1", 0.40), ("7", 0.40), ("0.005", 0.01), ("0", 0.01), ("-3", 0.01), ("150%", 0.40)],
)
def test_prevalence_out_of_range_becomes_the_nearest_value_with_a_message(text, expected):
    view, messages = query.parse({"prev": text})
    assert view.assumptions.prevalence == pytest.approx(expected)
    assert len(messages) == 1 and "outside the range" in messages[0] and f"{expected:.0%}" in messages[0]


@pytest.mark.parametrize("text", ["abc", "nan", "inf", "-inf", "1e999", "0x10", ""])
def test_unreadable_prevalence_keeps_the_default(text):
    view, messages = query.parse({"prev": text})
    assert view.assumptions.prevalence == Assumptions().prevalence
    assert messages == ([] if text == "" else [messages[0]])
    if text:
        assert "so the default 15% is used" in messages[0]


def test_prevalence_as_a_percentage_and_inside_the_range():
    assert query.parse({"prev": "12.5%"})[0].assumptions.prevalence == pytest.approx(0.125)
    view, messages = query.parse({"prev": "0.3"})
    assert view.assumptions.prevalence == pytest.approx(0.3) and messages == []
    assert view.assumptions.prevalence_high == pytest.approx(0.3)  # the band widens to hold it


@pytest.mark.parametrize("text,expected", [("0.03", 0.05), ("2", 1.0), ("0.5", 0.5)])
def test_target_is_kept_inside_its_range(text, expected):
    view, messages = query.parse({"target": text})
    assert view.assumptions.target_reach == pytest.approx(expected)
    assert bool(messages) == (text != "0.5")


@pytest.mark.parametrize("text,expected", [("0", 1.0), ("99999", 5000.0), ("250", 250.0)])
def test_families_per_team_is_kept_inside_its_range(text, expected):
    view, _ = query.parse({"fpt": text})
    assert view.assumptions.families_per_team == expected


def test_choices_sets_and_area_codes_refuse_unknown_values():
    view, messages = query.parse(
        {"level": "ward", "conf": "verified,bogus", "unknown": "maybe", "area": "E06000001"}, {"E06000002"}
    )
    assert view == query.DEFAULT
    assert len(messages) == 4
    assert any("No area has the code 'E06000001'" in m for m in messages)


def test_markup_in_a_value_is_never_echoed():
    _, messages = query.parse({"level": "<script>alert(1)</script>", "prev": "**bold**[x](y)"})
    assert all("<" not in m and "*" not in m and "[" not in m for m in messages)


def test_repeated_and_overlong_parameters_use_the_first_value_cut_to_size():
    view, _ = query.parse({"level": ["lad", "health"]})
    assert view.level == "lad"
    _, messages = query.parse({"level": "x" * 5000})
    assert len(messages[0]) < 200


values = st.one_of(
    st.text(max_size=30),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["0.5", "0.005", "1", "0", "-1", "5%", "150%", "nan", "E06000001", "health", "registered"]),
    st.lists(st.text(max_size=10), max_size=3),
)
params = st.dictionaries(st.sampled_from(KEYS + ["scenario", "zzz"]), values, max_size=len(KEYS))


@settings(max_examples=300, deadline=None)
@given(params)
def test_any_parameters_give_a_view_every_widget_can_show(p):
    """Whatever a link holds, the view lies inside the ranges the widgets accept, and its own link reopens it."""
    view, messages = query.parse(p, {"E06000001"})
    a = view.assumptions
    assert a.problems() == []
    assert a.prevalence in ranges.PREVALENCE and a.target_reach in ranges.TARGET_REACH
    assert a.families_per_team in ranges.FAMILIES_PER_YEAR
    assert all(isinstance(m, str) and "<" not in m for m in messages)
    again, complaints = query.parse(query.encode(view), {"E06000001"})
    assert complaints == [] and query.encode(again) == query.encode(view)
