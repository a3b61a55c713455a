"""The map's classes say what the directory shows: none listed, reported, listed but not counted, or a reach."""

from __future__ import annotations

import pandas as pd
import pytest

from coverage.present.metrics import METRICS, NO_TEAM_COLOUR, REPORTED_COLOUR, UNCOUNTED_COLOUR, classify

pytestmark = pytest.mark.unit


def test_reach_classes_separate_none_listed_reported_and_listed():
    table = pd.DataFrame(
        {
            "area_code": ["a", "b", "c", "d", "e", "f"],
            "teams": [0, 0, 1, 2, 0, 0],
            "team_reported": [False, True, True, False, False, True],
            "uncounted_services": [0, 0, 1, 0, 1, 2],
            "reach": [0.0, 0.0, 0.07, 1.2, 0.0, 0.0],
        }
    )
    idx, labels, colours = classify(METRICS["reach"], table)
    assert labels[:3] == ["no team listed", "team reported, not listed", "service listed, not counted"]
    assert colours[:3] == [NO_TEAM_COLOUR, REPORTED_COLOUR, UNCOUNTED_COLOUR]
    assert all(label.startswith("team listed: ") for label in labels[3:])
    # e: only an uncounted service; f: a report outranks it (as in gaps.finish); c: a counted team outranks both.
    assert [labels[i] for i in idx] == [
        "no team listed",
        "team reported, not listed",
        "team listed: 5% to under 10%",
        "team listed: 100% or more",
        "service listed, not counted",
        "team reported, not listed",
    ]
    assert METRICS["reach"].label == "Reach of listed teams"
