#!/usr/bin/env python3
"""How fast the coverage map paints, against the floor of the same figure on a static page.

Run from the repo root: ``python tests/bench/bench_map.py [--runs 7]``. Not a pytest test.

* floor: navigation start -> map painted, on a static HTML page holding the home page's default
  figure with plotly.js inline (no CDN), served by a local http.server;
* app: navigation start -> map painted, on the Streamlit home page;
* app repaint: the click on "Unmet need" in "Colour by" -> the map painted again in purples.

"Painted" is tests/support/browser.py's PAINTED_JS: plotly has built the figure, its MapLibre
map holds plotly's fill layers, ``map.loaded()`` is true and MapLibre has fired ``idle`` (the
last frame rendered with every GeoJSON source loaded and nothing moving). A script injected
before the page's own code polls it every animation frame from the start of the document, so
the idle is caught as it happens; times are the page's performance.now() (ms since navigation
start, or since the click for the repaint). After every run the canvas is screenshotted and
checked to hold at least 3 fill colours, so a "painted" that is really blank would fail the run.

Each run uses a fresh browser context (new Streamlit session, no HTTP cache). One unmeasured
warm-up run of each kind comes first (the app's first session loads the data into its caches).
Results: a table on stdout and artifacts/bench.json.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import importlib.util
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

_spec = importlib.util.spec_from_file_location("atlas_browser_helpers", REPO / "tests" / "support" / "browser.py")
helpers = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = helpers  # dataclasses look their module up here
_spec.loader.exec_module(helpers)

GOALS = {"first_paint_ratio_max": 1.5, "repaint_ratio_max": 0.5, "payload_gzip_kb_max": 250}
LEVELS = ["utla", "lad", "health", "region", "nation"]
HOME_TITLE = "Where babies have no parent-infant relationship team"

# Polls from the first animation frame of the document: when the h1 and the first plotted
# chart appear, and when PAINTED_JS first holds.
MARKS_JS = """
(() => {{
  const painted = {};
  const arg = {};
  window.__atlasMarks = {{}};
  const tick = () => {{
    const marks = window.__atlasMarks, now = performance.now();
    if (!marks.h1 && document.querySelector('h1')) marks.h1 = now;
    if (!marks.chart && [...document.querySelectorAll('.js-plotly-plot')].some(gd => gd._fullLayout)) marks.chart = now;
    let r = false;
    try {{ r = painted(arg); }} catch (e) {{ r = false; }}
    if (r) {{ marks.painted = r; return; }}
    requestAnimationFrame(tick);
  }};
  requestAnimationFrame(tick);
  document.addEventListener('pointerdown', e => {{
    if (e.target.closest && e.target.closest('[role="option"]')) window.__atlasClickAt = performance.now();
  }}, true);
}})();
""".format(helpers.PAINTED_JS.strip(), json.dumps({"scope": "body", "minMaps": 1}))


def build_figures():
    from coverage.model import gaps
    from coverage.model.assumptions import Assumptions
    from coverage.model.atlas import load_atlas, load_boundaries
    from coverage.present.figures import choropleth

    atlas = load_atlas()
    figs = {}
    for level in LEVELS:
        figs[level] = choropleth(
            load_boundaries(atlas.data_dir, level), gaps.area_table(atlas, level, Assumptions()), "reach"
        )
    return figs


def payloads(figs) -> dict:
    out = {}
    for level, fig in figs.items():
        raw = fig.to_json().encode("utf-8")
        out[level] = {"raw_bytes": len(raw), "gzip_bytes": len(gzip.compress(raw, compresslevel=6))}
    return out


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve_static(directory: Path):
    port = helpers.free_port()
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(QuietHandler, directory=str(directory))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{port}"


def wait_marks(page, timeout_ms: int = 60_000) -> dict:
    page.wait_for_function("() => window.__atlasMarks && window.__atlasMarks.painted", timeout=timeout_ms, polling=50)
    return page.evaluate("() => window.__atlasMarks")


def check_canvas(page, expect_orange: bool) -> str:
    page.mouse.move(0, 0)
    style = page.add_style_tag(content=helpers.HIDE_OVERLAYS_CSS)
    try:
        png = page.locator("canvas.maplibregl-canvas").first.screenshot(animations="disabled")
    finally:
        style.evaluate("n => n.remove()")
    stats = helpers.map_colour_stats(png)
    if not stats.ok or (("#D96E1A" in stats.fills) != expect_orange):
        raise RuntimeError(f"the map was reported painted but does not look it: {stats.describe()}")
    return stats.describe()


def run_floor(browser, url: str) -> dict:
    context = browser.new_context(viewport=helpers.DESKTOP)
    try:
        page = context.new_page()
        page.add_init_script(MARKS_JS)
        page.goto(url, wait_until="commit")
        marks = wait_marks(page)
        check_canvas(page, expect_orange=True)
        return {"chart_ms": marks.get("chart"), "painted_ms": marks["painted"]}
    finally:
        context.close()


def run_app(browser, url: str) -> dict:
    context = browser.new_context(viewport=helpers.DESKTOP)
    try:
        page = context.new_page()
        page.add_init_script(MARKS_JS)
        page.goto(url + "/", wait_until="commit")
        marks = wait_marks(page)
        check_canvas(page, expect_orange=True)
        page.wait_for_function(helpers.SETTLED_JS, timeout=60_000, polling=100)

        page.get_by_role("combobox", name="Colour by").click()
        option = page.get_by_role("option", name="Unmet need", exact=True)
        option.wait_for()
        page.evaluate("() => { window.__atlasClickAt = null; }")
        option.click()
        arg = {"scope": "body", "minMaps": 1, "legend": "Unmet need"}
        painted = page.wait_for_function(helpers.PAINTED_JS, arg=arg, polling="raf", timeout=60_000).json_value()
        click_at = page.evaluate("() => window.__atlasClickAt")
        check_canvas(page, expect_orange=False)
        return {
            "h1_ms": marks.get("h1"),
            "chart_ms": marks.get("chart"),
            "painted_ms": marks["painted"],
            "repaint_ms": painted - click_at,
        }
    finally:
        context.close()


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def chromium_version() -> str:
    try:
        return subprocess.run(
            [helpers.CHROMIUM, "--version"], capture_output=True, text=True, timeout=20
        ).stdout.strip()
    except OSError:
        return "unknown"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--out", type=Path, default=REPO / "artifacts" / "bench.json")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    started = time.monotonic()
    figs = build_figures()
    sizes = payloads(figs)
    tmp = tempfile.TemporaryDirectory(prefix="atlas-bench-")
    static_dir = Path(tmp.name)
    figs["utla"].write_html(static_dir / "map.html", include_plotlyjs=True, full_html=True)
    static_bytes = (static_dir / "map.html").stat().st_size
    static_server, static_url = serve_static(static_dir)
    app = helpers.start_app()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=helpers.CHROMIUM, args=helpers.LAUNCH_ARGS)
            try:
                warm = {"floor": run_floor(browser, static_url + "/map.html"), "app": run_app(browser, app.url)}
                floor, appr = [], []
                for i in range(args.runs):  # interleaved, so drift affects both alike
                    floor.append(run_floor(browser, static_url + "/map.html"))
                    appr.append(run_app(browser, app.url))
                    print(
                        f"run {i + 1}/{args.runs}: floor {floor[-1]['painted_ms']:.0f} ms, app {appr[-1]['painted_ms']:.0f} ms,"
                        f" repaint {appr[-1]['repaint_ms']:.0f} ms",
                        flush=True,
                    )
            finally:
                browser.close()
    finally:
        app.stop()
        static_server.shutdown()
        tmp.cleanup()

    med = {
        "floor_first_paint_ms": median([r["painted_ms"] for r in floor]),
        "floor_chart_ms": median([r["chart_ms"] for r in floor]),
        "app_first_paint_ms": median([r["painted_ms"] for r in appr]),
        "app_h1_ms": median([r["h1_ms"] for r in appr]),
        "app_chart_ms": median([r["chart_ms"] for r in appr]),
        "app_repaint_ms": median([r["repaint_ms"] for r in appr]),
    }
    ratios = {
        "app_over_floor": med["app_first_paint_ms"] / med["floor_first_paint_ms"],
        "repaint_over_floor_first_paint": med["app_repaint_ms"] / med["floor_first_paint_ms"],
    }
    verdict = {
        "first_paint": ratios["app_over_floor"] <= GOALS["first_paint_ratio_max"],
        "repaint": ratios["repaint_over_floor_first_paint"] <= GOALS["repaint_ratio_max"],
        "payload": all(s["gzip_bytes"] / 1024 < GOALS["payload_gzip_kb_max"] for s in sizes.values()),
    }

    def spread(key, rows):
        vals = [r[key] for r in rows if r.get(key) is not None]
        return f"{min(vals):7.0f} {max(vals):7.0f}"

    print()
    print(f"Map paint, median of {args.runs} runs (ms since navigation start; repaint: since the click)")
    print(f"{'measure':44} {'median':>7} {'min':>7} {'max':>7}")
    rows = [
        ("floor: static page, map painted", "painted_ms", floor, med["floor_first_paint_ms"]),
        ("floor: static page, plotly figure built", "chart_ms", floor, med["floor_chart_ms"]),
        ("app: home page, first h1", "h1_ms", appr, med["app_h1_ms"]),
        ("app: home page, plotly figure built", "chart_ms", appr, med["app_chart_ms"]),
        ("app: home page, map painted", "painted_ms", appr, med["app_first_paint_ms"]),
        ("app: repaint after Colour by = Unmet need", "repaint_ms", appr, med["app_repaint_ms"]),
    ]
    for label, key, data, m in rows:
        print(f"{label:44} {m:7.0f} {spread(key, data)}")
    print(
        f"warm-up (not in medians): floor {warm['floor']['painted_ms']:.0f} ms, app {warm['app']['painted_ms']:.0f} ms,"
        f" repaint {warm['app']['repaint_ms']:.0f} ms"
    )
    print()
    print(
        f"app first paint / floor first paint = {ratios['app_over_floor']:.2f}  (goal <= {GOALS['first_paint_ratio_max']}):"
        f" {'met' if verdict['first_paint'] else 'NOT met'}"
    )
    print(
        f"app repaint / floor first paint     = {ratios['repaint_over_floor_first_paint']:.2f}  (goal <= {GOALS['repaint_ratio_max']}):"
        f" {'met' if verdict['repaint'] else 'NOT met'}"
    )
    print()
    print(f"Map figure JSON per level (fig.to_json()), goal < {GOALS['payload_gzip_kb_max']} KB gzipped")
    print(f"{'level':8} {'raw KB':>9} {'gzip KB':>9}")
    for level, s in sizes.items():
        flag = "" if s["gzip_bytes"] / 1024 < GOALS["payload_gzip_kb_max"] else "  over goal"
        print(f"{level:8} {s['raw_bytes'] / 1024:9.1f} {s['gzip_bytes'] / 1024:9.1f}{flag}")

    report = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "runs": args.runs,
        "medians_ms": med,
        "ratios": ratios,
        "goals": GOALS,
        "goals_met": verdict,
        "payload_bytes": sizes,
        "static_page_bytes": static_bytes,
        "warmup": warm,
        "floor_runs": floor,
        "app_runs": appr,
        "environment": {
            "python": platform.python_version(),
            "chromium": chromium_version(),
            "platform": platform.platform(),
        },
        "painted": "plotly figure built, MapLibre fill layers present, map.loaded() and 'idle' fired; "
        "canvas screenshot verified to hold >= 3 fill colours",
        "seconds": round(time.monotonic() - started, 1),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(
        f"\nwritten {args.out.relative_to(REPO) if args.out.is_relative_to(REPO) else args.out} ({report['seconds']} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
