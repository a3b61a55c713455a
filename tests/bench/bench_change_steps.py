#!/usr/bin/env python3
"""CPU time of each engine step the home page makes for a new prevalence (a cold change run), per app copy.

    python tests/bench/bench_change_steps.py [--app DIR] [--runs 15]

Not a pytest test. Times, in this process with ``time.process_time`` (CPU, so a busy machine
disturbs it less than wall time), the steps ``pages/common.py`` runs on a cache miss when a
visitor picks a prevalence no one has used: the council table, the UK summary, the completeness
table, the evidence line and the map's figure. ``--app`` points at another copy of the app (a
``git archive`` of an earlier commit): steps that copy keeps per counting choices rather than per
assumptions (``coverage.model.counting``) are shown as made once per counting choices, not per
change. Medians of ``--runs`` repeats, each with a new prevalence.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
URL = "/app/static/utla.geojson"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--app", type=Path, default=REPO)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    sys.path.insert(0, str(args.app.resolve()))
    from coverage.model import benchmarks, evidence_age, gaps
    from coverage.model.assumptions import Assumptions
    from coverage.model.atlas import load_atlas
    from coverage.present.figures import choropleth

    shared_step = importlib.util.find_spec("coverage.model.counting") is not None
    atlas = load_atlas()
    base = Assumptions()
    height, band = 674, 234  # home's map and legend band
    times: dict[str, list[float]] = {}

    def timed(name, fn, *args, **kwargs):
        started = time.process_time()
        out = fn(*args, **kwargs)
        times.setdefault(name, []).append((time.process_time() - started) * 1000)
        return out

    values = [0.16 + 0.005 * i for i in range(args.runs + 1)]
    for prevalence in values:
        a = base.with_prevalence(round(prevalence, 3))
        if shared_step:
            from coverage.model.counting import counting

            kept = counting(atlas, base)  # made once per counting choices by the page's cache, not per change
            table = timed("area_table utla", gaps.area_table, atlas, "utla", a, shared=kept)
            timed("summary (UK and nations)", gaps.summary, atlas, a, shared=kept)
        else:
            table = timed("area_table utla", gaps.area_table, atlas, "utla", a)
            timed("summary (UK and nations)", gaps.summary, atlas, a)
            timed("completeness", benchmarks.completeness, atlas, a)
            timed("evidence line", evidence_age.counted_stale_sentence, atlas, a, dt.date.today())
        timed("map figure", choropleth, URL, table, "reach", height=height, legend_below=band)
    out = {name: round(statistics.median(v[1:]), 1) for name, v in times.items()}  # the first is a warm-up
    out["total per new prevalence"] = round(sum(out.values()), 1)
    if shared_step:
        from coverage.model.counting import counting

        once = {
            "counting step": lambda: counting(atlas, base),
            "completeness": lambda: benchmarks.completeness(atlas, base),
            "evidence line": lambda: evidence_age.counted_stale_sentence(atlas, base, dt.date.today()),
        }
        for name, fn in once.items():
            for _ in range(5):
                timed(f"{name} (once per counting choices)", fn)
            out[f"{name} (once per counting choices)"] = round(
                statistics.median(times[f"{name} (once per counting choices)"][1:]), 1
            )
    print(json.dumps({"app": str(args.app.resolve()), "cpu_ms_medians": out}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
