"""Map classes and figures, computed by hand on small tables."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from coverage.present.metrics import (
    BLUES,
    METRICS,
    NO_TEAM_COLOUR,
    PURPLES,
    REPORTED_COLOUR,
    UNCOUNTED_COLOUR,
    UNKNOWN_COLOUR,
    class_breaks,
    classify,
    format_value,
)


def test_reach_classes_with_fixed_breaks_and_a_no_team_class():
    table = pd.DataFrame(
        {
            "reach": [0.0, 0.01, 0.05, 0.3, 1.0, 2.5, math.nan],
            "teams": [0, 1, 1, 2, 3, 4, 1],
        }
    )
    idx, labels, colours = classify(METRICS["reach"], table)
    assert labels == [
        "no team listed",
        "team reported, not listed",
        "service listed, not counted",
        "team listed: under 5%",
        "team listed: 5% to under 10%",
        "team listed: 10% to under 25%",
        "team listed: 25% to under 50%",
        "team listed: 50% to under 100%",
        "team listed: 100% or more",
        "unknown",
    ]
    # 0 teams (no report column) -> no team listed; 1% -> under 5%; exactly 5% -> the next class up
    # (bounds are "under"); 30% -> 25-50%; exactly 100% -> "100% or more"; NaN with a team -> unknown.
    assert idx.tolist() == [0, 3, 4, 6, 8, 8, 9]
    assert colours[0] == NO_TEAM_COLOUR and colours[1] == REPORTED_COLOUR and colours[-1] == UNKNOWN_COLOUR
    assert colours[2] == UNCOUNTED_COLOUR
    assert colours[3:9] == BLUES


def test_quantile_breaks_are_rounded_to_two_significant_figures():
    values = pd.Series([101, 204, 307, 409, 512, 1234, 1530, 1777, 2111, 2999], dtype=float)
    # Linear quantiles at positions 0.2, 0.4, 0.6, 0.8 of 9: 1.8 -> 204 + 0.8 * 103 = 286.4;
    # 3.6 -> 409 + 0.6 * 103 = 470.8; 5.4 -> 1234 + 0.4 * 296 = 1352.4; 7.2 -> 1777 + 0.2 * 334 = 1843.8.
    assert class_breaks(METRICS["need"], values) == [290, 470, 1400, 1800]


def test_quantile_classes_without_a_no_team_class():
    table = pd.DataFrame({"need_per_year": [10.0, 20, 30, 40, 50, 60, 70, 80, 90, 100], "teams": [0] * 10})
    idx, labels, colours = classify(METRICS["need"], table)
    # breaks 28, 46, 64, 82: a team count of 0 does not matter for need
    assert labels == ["under 28", "28 to under 46", "46 to under 64", "64 to under 82", "82 or more"]
    assert idx.tolist() == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]
    assert colours == PURPLES


def test_all_values_unknown_gives_one_class_and_unknown():
    table = pd.DataFrame({"need_per_year": [math.nan, math.nan], "teams": [1, 1]})
    idx, labels, _ = classify(METRICS["need"], table)
    assert labels == ["0 or more", "unknown"] and idx.tolist() == [1, 1]


@pytest.mark.parametrize(
    "value,fmt,trim,text",
    [
        (0.053, "pct", False, "5.3%"),
        (0.25, "pct", False, "25.0%"),
        (0.05, "pct", True, "5%"),
        (1234.4, "int", False, "1,234"),
        (2.345, "dec", False, "2.35"),
        (math.nan, "int", False, "unknown"),
        (None, "pct", False, "unknown"),
    ],
)
def test_format_value(value, fmt, trim, text):
    assert format_value(value, fmt, trim) == text
