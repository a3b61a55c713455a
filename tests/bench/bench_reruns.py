"""Page rerun benchmark (a script, not a test): how long the map, a profile, Methods and Directory health take to rerun.

    python tests/bench/bench_reruns.py [--runs 15]

A rerun is what every click does: Streamlit runs the page script again with the caches warm.
Each page is opened once in Streamlit's AppTest (which warms the caches), then rerun ``runs``
times; the script time is measured, not the browser. ``first_draw_ms`` is the first opening
(that page's own caches cold; the map's, opened first, are shared by later pages). Also counted: directory-version reads (each
is a database query) per rerun, the figure the cache edge in ui/cache.py is meant to keep at one.

The floor is a page that only draws the sidebar and a title (the cost of Streamlit itself).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from streamlit.testing.v1 import AppTest  # noqa: E402
from timing import timed  # noqa: E402

from coverage.listings.store import Store  # noqa: E402

FLOOR_PAGE = """
from ui.sidebar import sidebar
import streamlit as st
sidebar()
st.title("Floor")
"""

PAGES = {
    "map": ("pages/coverage_map.py", {}),
    "profile": ("pages/profile.py", {"area": "E06000001", "level": "utla"}),
    "methods": ("pages/methods.py", {}),
    "health": ("pages/health.py", {}),  # directory health: headline and both worklists
}


def opened(page: str, params: dict) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for k, v in params.items():
        at.query_params[k] = v
    if page != "pages/coverage_map.py":
        at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def version_reads_per_rerun(at: AppTest) -> int:
    calls = []
    original = Store.head_version

    def counting(self, *args, **kwargs):
        calls.append(1)
        return original(self, *args, **kwargs)

    Store.head_version = counting
    try:
        at.run()
    finally:
        Store.head_version = original
    return len(calls)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as state:
        import os

        os.environ["ATLAS_STATE_DIR"] = state  # an empty store: the shipped directory
        floor = AppTest.from_string(FLOOR_PAGE, default_timeout=120)
        floor.run()
        results["floor"] = timed(floor.run, args.runs)
        for name, (page, params) in PAGES.items():
            start = time.perf_counter()
            at = opened(page, params)
            first_ms = round((time.perf_counter() - start) * 1000)  # first draw: caches cold for this page

            results[name] = timed(at.run, args.runs)
            results[name]["first_draw_ms"] = first_ms
            results[name]["version_reads_per_rerun"] = version_reads_per_rerun(at)
            results[name]["ratio_to_floor"] = round(results[name]["median_ms"] / results["floor"]["median_ms"], 2)
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
