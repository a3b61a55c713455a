"""The one timing helper the benchmark scripts share: a warm-up call, then medians of repeats."""

from __future__ import annotations

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
