"""The one source of ranges: membership, nearest value, and the percent form the widgets use."""

from __future__ import annotations

import math

import pytest

from coverage.model import ranges
from coverage.model.assumptions import Assumptions


def test_membership_is_closed_and_refuses_non_numbers():
    r = ranges.PREVALENCE
    assert 0.01 in r and 0.40 in r and 0.15 in r
    assert 0.009 not in r and 0.41 not in r
    assert math.nan not in r and "0.2" not in r and True not in r


def test_nearest_clamps_to_the_ends():
    assert ranges.PREVALENCE.nearest(0.5) == 0.40
    assert ranges.PREVALENCE.nearest(-2) == 0.01
    assert ranges.TARGET_REACH.nearest(0.03) == 0.05
    assert ranges.FAMILIES_PER_YEAR.nearest(0.2) == 1


def test_percent_forms_for_widgets():
    assert ranges.PREVALENCE.percent() == (1.0, 40.0, 0.5)
    assert ranges.TARGET_REACH.whole_percent() == (5, 100, 5)


def test_finite():
    assert ranges.finite(1) and ranges.finite(0.5)
    assert not ranges.finite(math.inf) and not ranges.finite(math.nan) and not ranges.finite(True)
    assert not ranges.finite("1")


@pytest.mark.parametrize(
    "kwargs,field",
    [
        ({"prevalence": 0.5, "prevalence_high": 0.5}, "prevalence"),
        ({"target_reach": 0.01}, "target_reach"),
        ({"families_per_team": 6000, "families_per_team_high": 6000}, "families_per_team"),
    ],
)
def test_assumptions_refuse_what_the_widgets_cannot_show(kwargs, field):
    with pytest.raises(ValueError, match=field):
        Assumptions(**kwargs)


def test_the_sourced_defaults_lie_inside_the_ranges():
    a = Assumptions()
    assert a.prevalence_low in ranges.PREVALENCE and a.prevalence_high in ranges.PREVALENCE
    assert a.families_per_team_low in ranges.FAMILIES_PER_YEAR
