"""The command line takes the cost per team a year like the other assumptions, within the shared range."""

from __future__ import annotations

import argparse

import pytest

from coverage.cli import options


def test_cost_flag_sets_the_assumption_and_widens_its_band():
    args = argparse.Namespace(
        births="age0", target=1.0, evidence_since=None, prevalence=None, families_per_team=None, cost_per_team=900000.0
    )
    a = options.assumptions(args)
    assert a.cost_per_team == 900_000 and a.cost_per_team_high == 900_000


@pytest.mark.parametrize("text", ["5", "lots", "99000000"])
def test_a_cost_outside_the_range_is_refused(text):
    with pytest.raises(argparse.ArgumentTypeError):
        options.pounds(text)


def test_a_cost_may_carry_a_pound_sign_and_commas():
    assert options.pounds("£265,955") == 265_955
