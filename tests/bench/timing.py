"""The timing helpers the benchmark scripts share: medians of repeats after a warm-up, and how far a ratio
of two medians can be trusted."""

from __future__ import annotations

import random
import statistics
import time


def timed(fn, runs: int) -> dict:
    fn()  # warm-up: caches, imports and the renderer's browser are not what is measured
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return {
        "median_ms": round(statistics.median(times), 1),
        "min_ms": round(min(times), 1),
        "max_ms": round(max(times), 1),
        "p90_ms": round(sorted(times)[max(0, int(runs * 0.9) - 1)], 1),
        "runs": runs,
    }


def ratio_interval(top: list, bottom: list, draws: int = 2000, seed: int = 1) -> tuple[float, float] | None:
    """A 90% bootstrap interval for median(top) / median(bottom), resampling whole rounds.

    Why: the same code measured twice on this two-core machine gives home app/floor anywhere from 1.41 to
    1.59, because the floor moves with the load the benchmark itself makes; a ratio printed without its
    spread invites reading noise as a change. The variants of one round were loaded back to back, so a
    round is resampled whole (paired), which keeps what they shared. None with fewer than 5 rounds.
    """
    rounds = [(t, b) for t, b in zip(top, bottom) if t is not None and b is not None]
    if len(rounds) < 5:
        return None
    rng = random.Random(seed)
    estimates = []
    for _ in range(draws):
        sample = rng.choices(rounds, k=len(rounds))
        estimates.append(statistics.median(t for t, _ in sample) / statistics.median(b for _, b in sample))
    cuts = statistics.quantiles(estimates, n=20)  # 5% steps: the first and last cuts bound 90%
    return round(cuts[0], 2), round(cuts[-1], 2)


def paired_ratios(painted: dict, loads: dict, pairs) -> tuple[dict, dict]:
    """For each (top, bottom) both measured: the ratio of their median painted times, and its 90% bootstrap
    interval over whole rounds where there are enough; used by bench_trace and bench_protocols."""
    ratios, intervals = {}, {}
    for top, bottom in pairs:
        if painted.get(top) and painted.get(bottom):
            ratios[f"{top}/{bottom}"] = round(painted[top] / painted[bottom], 2)
            spread = ratio_interval(loads[top], loads[bottom])
            if spread:
                intervals[f"{top}/{bottom}"] = spread
    return ratios, intervals
