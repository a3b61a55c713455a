"""The benchmarks' shared statistics (tests/bench/timing.py): the interval printed beside a ratio of medians."""

from __future__ import annotations

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location("bench_timing", Path(__file__).parents[1] / "bench" / "timing.py")
timing = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(timing)


def test_rounds_in_a_fixed_ratio_give_that_ratio_with_no_spread():
    bottom = [1000, 1100, 1250, 900, 1300, 1010]
    assert timing.ratio_interval([2 * b for b in bottom], bottom) == (2.0, 2.0)


def test_spread_brackets_the_ratio_of_medians():
    top = [1500, 1500, 1500, 1500, 1500, 3000, 3000]  # median 1500
    bottom = [1000] * 7
    low, high = timing.ratio_interval(top, bottom)
    # Resampled medians are 1500 unless four or more of the seven draws hit a 3000 (about 11% of draws
    # by the binomial sum), so the 90% interval runs from 1.5 to 3.0.
    assert (low, high) == (1.5, 3.0)


def test_unpaired_rounds_are_dropped_and_too_few_give_no_interval():
    assert timing.ratio_interval([100, None, 100, 100, 100], [50, 50, 50, 50, 50]) is None  # four rounds left
    assert timing.ratio_interval([100] * 5, [50, 50, None, 50, 50, 50]) is None  # zip stops at five, one None
    assert timing.ratio_interval([100] * 5, [50] * 5) == (2.0, 2.0)


def test_paired_ratios_name_each_pair_measured_and_skip_the_rest():
    loads = {"app": [300, 330, 360, 300, 330], "floor": [200, 220, 240, 200, 220]}  # each round app = 1.5 x floor
    painted = {"app": 330, "floor": 220, "bare": None}
    ratios, intervals = timing.paired_ratios(painted, loads, [("app", "floor"), ("app", "bare"), ("app", "copy")])
    assert ratios == {"app/floor": 1.5} and intervals == {"app/floor": (1.5, 1.5)}
