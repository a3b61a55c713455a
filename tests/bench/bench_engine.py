"""Engine benchmark (a script, not a test): how long the figures take to recompute.

    python tests/bench/bench_engine.py

Reports medians over repeated runs for one level's table, every level at once, and a
scenario's before/after at every level (the "before" side cached, as the Plan page does).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import timed as _timed  # noqa: E402

from coverage.model import gaps, scenario, scenario_effect  # noqa: E402
from coverage.model.assumptions import Assumptions  # noqa: E402
from coverage.model.atlas import load_atlas  # noqa: E402

RUNS = 30


def timed(fn, runs: int = RUNS) -> dict:
    return _timed(fn, runs)


def main() -> None:
    t = time.perf_counter()
    atlas = load_atlas()
    load_ms = (time.perf_counter() - t) * 1000
    a = Assumptions()
    sc = scenario.Scenario(
        "bench",
        (
            scenario.Change("add", "bench-1", "Bench", "lad", ("E07000244",), 100.0),  # a split district
            scenario.Change("resize", "oxpip", scale=2.0),
            scenario.Change("close", "livpip"),
            scenario.Change("reopen", "norpip"),
        ),
    )
    before = gaps.all_levels(atlas, a)
    results = {
        "load_atlas_ms": round(load_ms, 1),
        "area_table_utla": timed(lambda: gaps.area_table(atlas, "utla", a)),
        "area_table_lad": timed(lambda: gaps.area_table(atlas, "lad", a)),
        "all_levels": timed(lambda: gaps.all_levels(atlas, a)),
        "scenario_every_level_before_cached": timed(lambda: scenario_effect.compare(atlas, sc, a, before)),
        "scenario_every_level_cold": timed(lambda: scenario_effect.compare(atlas, sc, a)),
        "summary": timed(lambda: gaps.summary(atlas, a)),
    }
    for k, v in results.items():
        print(f"{k:40s} {v}")
    out = ROOT / "artifacts"
    out.mkdir(exist_ok=True)
    (out / "bench_engine.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
