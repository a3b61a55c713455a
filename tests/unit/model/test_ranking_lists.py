"""Highest and lowest lists that never repeat an area, sorted as titled, with ties counted."""

from __future__ import annotations

import pandas as pd
import pytest

from coverage.model import ranking

pytestmark = pytest.mark.unit


def areas(values):
    return pd.DataFrame(
        {
            "area_code": [f"X{i}" for i in range(len(values))],
            "area_name": [chr(ord("A") + i) for i in range(len(values))],
            "reach": values,
        }
    )


def test_lists_do_not_overlap_and_run_the_way_their_titles_say():
    r = ranking.ranked(areas([0.5, 0.1, 0.3, 0.2, 0.4, 0.0]), "reach", 5)
    assert list(r.highest["area_name"]) == ["A", "E", "C"]  # at most half: 0.5, 0.4, 0.3
    assert list(r.lowest["area_name"]) == ["F", "B", "D"]  # lowest first: 0.0, 0.1, 0.2
    assert not set(r.highest["area_code"]) & set(r.lowest["area_code"])


def test_ties_at_zero_are_stated_not_padded_into_highest():
    # Like Wales: most areas at 0%, two above.
    r = ranking.ranked(areas([0.0, 0.0, 0.2, 0.0, 0.1, 0.0, 0.0, 0.0]), "reach", 8)
    assert list(r.highest["reach"]) == [0.2, 0.1]
    assert (r.lowest["reach"] == 0).all() and list(r.lowest["area_name"]) == ["A", "B", "D", "F", "G", "H"]
    assert r.tied_low == 6 and r.low_value == 0.0
    assert not r.all_equal


def test_all_equal_is_said_once():
    r = ranking.ranked(areas([0.0, 0.0, 0.0]), "reach", 5)
    assert r.highest.empty and len(r.lowest) == 3 and r.all_equal


def test_a_tie_across_the_cut_is_counted():
    r = ranking.ranked(areas([0.9, 0.5, 0.5, 0.5, 0.1, 0.0, 0.0, 0.0]), "reach", 2)
    assert list(r.highest["reach"]) == [0.9, 0.5]
    assert r.tied_at_cut == 2  # C and D also have 0.5


def test_picked_areas_keep_their_order_and_level_and_skip_unknowns():
    tables = {"utla": areas([0.1, 0.2]), "region": areas([0.3])}
    got = ranking.picked_areas(tables, [("region", "X0"), ("utla", "X1"), ("utla", "nope"), ("lad", "X0")])
    assert list(zip(got["level"], got["reach"])) == [("region", 0.3), ("utla", 0.2)]


def test_references_are_the_uk_then_each_nation_once():
    summary = pd.DataFrame({"area_name": ["United Kingdom", "England", "Wales"], "reach": [0.05, 0.06, 0.02]})
    assert ranking.references(summary, "reach", ["Wales", "Wales"]) == [("UK", 0.05), ("Wales", 0.02)]
