"""Export benchmark (a script, not a test): how long images and briefings take to make.

    python tests/bench/bench_exports.py            # every upper-tier authority (218 briefings)
    python tests/bench/bench_exports.py --limit 20 # a quicker look

Reports: starting the browser; one chart PNG and one map PNG with a warm renderer (median
of 10 after a warm-up); the area table as CSV/XLSX and the GIS files; and a batch of PDF
briefings for every upper-tier authority, as the command line makes them (two renders at
once, the next area's images rendering while this one's PDF is laid out), with the time per
briefing. Writes artifacts/bench_exports.json.
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

from timing import timed as _timed  # noqa: E402

from coverage.exports import briefing, gis, images, tables  # noqa: E402
from coverage.model.assumptions import Assumptions  # noqa: E402
from coverage.model.atlas import load_atlas  # noqa: E402
from coverage.model.gaps import area_table  # noqa: E402

RUNS = 10


def timed(fn, runs: int = RUNS) -> dict:
    return _timed(fn, runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="briefings for only the first N authorities")
    args = parser.parse_args()

    atlas = load_atlas()
    a = Assumptions()
    table = area_table(atlas, "utla", a)
    results: dict = {"browser": images.browser_path()}

    results["table_csv_utla"] = timed(lambda: tables.area_table_export(atlas, "utla", a, "csv", table=table))
    results["table_xlsx_utla"] = timed(lambda: tables.area_table_export(atlas, "utla", a, "xlsx", table=table))
    results["gis_geojson_utla"] = timed(lambda: gis.area_gis_export(atlas, "utla", a, "geojson", table=table), 5)
    results["gis_gpkg_utla"] = timed(lambda: gis.area_gis_export(atlas, "utla", a, "gpkg", table=table), 5)

    renderer = images.Renderer()
    t = time.perf_counter()
    renderer.start()
    results["browser_start_ms"] = round((time.perf_counter() - t) * 1000, 1)
    try:
        results["chart_png_social_warm"] = timed(
            lambda: images.chart_export(atlas, "utla", "unmet", a, size="social", table=table, renderer=renderer)
        )
        results["chart_svg_social_warm"] = timed(
            lambda: images.chart_export(atlas, "utla", "unmet", a, fmt="svg", table=table, renderer=renderer)
        )
        results["map_png_social_warm_utla"] = timed(
            lambda: images.map_export(atlas, "utla", "reach", a, size="social", table=table, renderer=renderer)
        )
        results["map_png_print_warm_utla"] = timed(
            lambda: images.map_export(atlas, "utla", "reach", a, size="print", table=table, renderer=renderer), 3
        )
        results["briefing_one_warm"] = timed(
            lambda: briefing.briefing_export(atlas, "utla", "E10000025", a, renderer=renderer), 5
        )
    finally:
        renderer.stop()

    codes = sorted(table["area_code"])[: args.limit] if args.limit else sorted(table["area_code"])
    batch = images.Renderer(tabs=2)
    try:
        with tempfile.TemporaryDirectory(prefix="bench-briefings-") as out:
            t = time.perf_counter()
            ctx = briefing.BriefingContext(atlas, a, renderer=batch)
            written = briefing.briefings(ctx, "utla", Path(out), codes=codes)
            total = time.perf_counter() - t
            size = sum(p.stat().st_size for p in written)
    finally:
        batch.stop()
    results["briefings_utla_batch"] = {
        "areas": len(written),
        "total_s": round(total, 1),
        "per_briefing_s": round(total / len(written), 2),
        "includes_browser_start": True,
        "mean_pdf_kb": round(size / len(written) / 1024),
    }

    for k, v in results.items():
        print(f"{k:28s} {v}")
    out_dir = ROOT / "artifacts"
    out_dir.mkdir(exist_ok=True)
    (out_dir / "bench_exports.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
