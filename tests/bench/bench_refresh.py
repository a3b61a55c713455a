"""Refresh benchmark (a script, not a test): a whole refresh against the local stand-in server.

    python tests/bench/bench_refresh.py

Floor: the plain build step (``python -m coverage build``) on the same inputs, which every
refresh runs once. The refresh adds the requests (paced at 0 s here; 0.3 s a host live), the
checks, the overlay of refreshed files, the change report (two atlases loaded and compared)
and the swap. Reported as medians, and as the ratio refresh / build.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from pytest_httpserver import HTTPServer  # noqa: E402
from timing import timed  # noqa: E402

from coverage import paths  # noqa: E402
from coverage.pipeline.refresh.config import Settings  # noqa: E402
from coverage.pipeline.refresh.run import refresh  # noqa: E402
from coverage.pipeline.run import build  # noqa: E402
from tests.unit.pipeline.refresh.standin import StandIn, todays_figures  # noqa: E402

RUNS = 5


def main() -> None:
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # the stand-in's request log
    shared = paths.shared_dir()
    server = HTTPServer(host="127.0.0.1")
    server.start()
    work = Path(tempfile.mkdtemp(prefix="bench-refresh-"))
    try:
        standin = StandIn(server, todays_figures(shared))
        data = work / "data"
        shutil.copytree(ROOT / "data", data)
        settings = Settings.from_env(dict(os.environ) | standin.env(ATLAS_REFRESH_CACHE=str(work / "cache")))
        sources = ["population", "births", "boundaries"]
        floor = timed(lambda: build(shared, work / "built"), RUNS)
        full = timed(lambda: refresh(sources, data, shared, settings), RUNS)
        dry = timed(lambda: refresh(sources, data, shared, settings, dry_run=True), RUNS)
        requests = len(standin.seen) // (2 * RUNS + 2)
        print(
            json.dumps(
                {
                    "build_floor": floor,
                    "refresh": full,
                    "refresh_dry_run": dry,
                    "requests_per_refresh": requests,
                    "ratio_refresh_to_build": round(full["median_ms"] / floor["median_ms"], 2),
                },
                indent=1,
            )
        )
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
