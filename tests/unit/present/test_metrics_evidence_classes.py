"""The map's classes say what the directory shows: none listed, reported, or listed with a reach."""

from __future__ import annotations

import pandas as pd
import pytest

from coverage.present.metrics import METRICS, NO_TEAM_COLOUR, REPORTED_COLOUR, classify

pytestmark = pytest.mark.unit


def test_reach_classes_separate_none_listed_reported_and_listed():
    table = pd.DataFrame(
        {
            "area_code": ["a", "b", "c", "d"],
            "teams": [0, 0, 1, 2],
            "team_reported": [False, True, True, False],
            "reach": [0.0, 0.0, 0.07, 1.2],
        }
    )
    idx, labels, colours = classify(METRICS["reach"], table)
    assert labels[:2] == ["no team listed", "team reported, not listed"]
    assert colours[:2] == [NO_TEAM_COLOUR, REPORTED_COLOUR]
    assert all(label.startswith("team listed: ") for label in labels[2:])
    assert [labels[i] for i in idx] == [
        "no team listed",
        "team reported, not listed",
        "team listed: 5% to under 10%",
        "team listed: 100% or more",
    ]
    assert METRICS["reach"].label == "Reach of listed teams"
