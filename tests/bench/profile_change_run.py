#!/usr/bin/env python3
"""Where a cold change run of the home page spends its CPU: cProfile of the script thread.

    python tests/bench/profile_change_run.py [--app DIR] [--top 25] [--value 20.0]

Not a pytest test. The home page is opened in Streamlit's AppTest (in this process), run once so
every per-process cache is warm, then the prevalence slider is set to a value no run has used
(``--value``), so each cache keyed by the assumptions misses, as for a visitor who is the first to
choose that value. That run's CPU time (``time.thread_time`` of the script's thread, no profiler) is
printed, then a second cold change (``--value`` + 0.5) is profiled (cProfile in the script's own
thread) and its top functions by cumulative time are printed. ``--app`` profiles another copy of the app (a ``git archive`` of an earlier commit, say),
so before and after can be printed by one command each on the same machine.
Results: stdout and artifacts/profile_change_run_<name>.txt.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def profile_change(app: Path, value: float, top: int) -> tuple[float, str]:
    """Run the home page, then change prevalence to ``value`` under the profiler: (CPU ms, stats text)."""
    sys.path.insert(0, str(app))
    os.chdir(app)
    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.testing.v1 import AppTest

    profiler = cProfile.Profile()
    spent = {"cpu_s": 0.0, "on": False, "profile": False}
    original = script_runner.ScriptRunner._run_script

    def profiled(self, rerun_data):
        if not spent["on"]:
            return original(self, rerun_data)
        started = time.thread_time()
        if spent["profile"]:
            profiler.enable()
        try:
            return original(self, rerun_data)
        finally:
            if spent["profile"]:
                profiler.disable()
            else:
                spent["cpu_s"] += time.thread_time() - started

    script_runner.ScriptRunner._run_script = profiled
    at = AppTest.from_file(str(app / "app.py"), default_timeout=120)
    at.run()
    at.slider(key="prev").set_value(value - 1.0).run()  # a change first, so only the assumption is cold
    spent["on"] = True
    at.slider(key="prev").set_value(value).run()  # timed, not profiled: the profiler's own cost is left out
    spent["profile"] = True
    at.slider(key="prev").set_value(value + 0.5).run()  # another new value, profiled
    if at.exception:
        raise RuntimeError([e.value for e in at.exception])
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    return spent["cpu_s"] * 1000, out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--app", type=Path, default=REPO, help="the app folder (with app.py) to profile")
    parser.add_argument("--value", type=float, default=20.0, help="the new prevalence, in percent")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--name", default="", help="a name for the results file (default: the folder's)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="atlas-profile-") as tmp:
        os.environ["ATLAS_STATE_DIR"] = tmp
        os.environ.pop("DATABASE_URL", None)
        cpu_ms, stats = profile_change(args.app.resolve(), args.value, args.top)
    text = f"cold change run of the home page (prevalence -> {args.value}%): {cpu_ms:.0f} ms CPU\n\n{stats}"
    print(text)
    out = REPO / "artifacts" / f"profile_change_run_{args.name or args.app.resolve().name}.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
