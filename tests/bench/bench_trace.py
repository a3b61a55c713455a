#!/usr/bin/env python3
"""Where a page's first paint goes, in Chromium: the floor, a bare Streamlit page and the app, side by side.

    python tests/bench/bench_trace.py [--runs 5] [--pages home,profile,teams]

Not a pytest test. For each page it opens, in one alternating run (floor, bare, app, floor, bare, app...),
each in a fresh browser context (a new Streamlit session, an empty HTTP cache):

* floor: a static HTML page holding the same figure, served by a local http.server, with plotly.js from the
  installed plotly package (no CDN) and the boundaries fetched from the same static file as the app does.
  The team map has no floor: pydeck's standalone HTML loads deck.gl from a CDN, which these machines do not
  reach; its ratio is to the bare page only;
* bare: a Streamlit page that draws only that figure (from a cached table), with static serving on;
* app: the app's page (home; the area profile of Kent; the team directory's map);
* before (with ``--before DIR``): the same page of another copy of the app (e.g. a ``git archive`` of the
  commit before a change), so before and after are measured in the same alternating run;
* any number of named copies (``--copy NAME=DIR``, repeatable): experiments, each a copy with one thing
  changed, measured side by side in one run. Runs made one after another on this two-core machine drift by
  several percent with the load the benchmark itself makes, about the size of the effects being looked for.

Marks (ms since navigation start, from the Performance API and an init script polling each animation frame):
websocket open and its first message; the first element drawn in the main area (the first delta); the chart's
script chunk requested and received (plotly: ``PlotlyChart.*.js`` or ``plotly.min.js``; deck.gl:
``DeckGlJsonChart.*.js``); the chart evaluated (plotly's graph div built, deck.gl's canvas made); the boundary
file requested and received; the map painted (plotly: tests/support/browser.py's PAINTED_JS, MapLibre idle
with the fill layers; deck.gl: its canvas sized and two frames drawn). Prints each mark's median per variant,
then the painted ratios app/floor, app/bare, bare/floor (and each copy's), each a ratio of medians with its 90%
bootstrap interval over whole rounds (tests/bench/timing.py). Results, with every load's painted time, also in
artifacts/bench_trace.json.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import importlib.util
import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

_spec = importlib.util.spec_from_file_location("atlas_browser_helpers", REPO / "tests" / "support" / "browser.py")
helpers = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = helpers
_spec.loader.exec_module(helpers)

from bench_server_time import start_streamlit  # noqa: E402
from timing import paired_ratios  # noqa: E402

KENT = "E10000016"
APP_PATHS = {"home": "/", "profile": f"/profile?area={KENT}&level=utla", "teams": "/teams"}
CHART = {"home": "plotly", "profile": "plotly", "teams": "deck"}
MARKS = [
    "ws_open",
    "ws_first_message",
    "first_element",
    "chunk_requested",
    "chunk_received",
    "chart_evaluated",
    "boundaries_requested",
    "boundaries_received",
    "painted",
]

BARE_PAGE = '''
"""The bare pages: one figure each, the same as the app draws, from cached tables."""
import streamlit as st

from coverage.model import gaps
from coverage.model.assumptions import Assumptions
from coverage.model.atlas import load_atlas, load_boundaries
from coverage.present import team_map
from coverage.present.figures import choropleth


@st.cache_resource
def atlas():
    return load_atlas()


@st.cache_resource
def table(level):
    return gaps.area_table(atlas(), level, Assumptions())


which = st.query_params.get("page", "home")
if which == "home":
    st.plotly_chart(choropleth("/app/static/utla.geojson", table("utla"), "reach"), width="stretch")
elif which == "profile":
    england = table("utla")[table("utla")["nation"] == "England"]
    fig = choropleth("/app/static/utla.geojson", england, "reach", highlight="E10000016", height=380, legend=False)
    st.plotly_chart(fig, width="stretch")
else:
    a, fpt = atlas(), Assumptions().families_per_team
    markers = team_map.team_markers(a, a.teams, fpt)
    lines = team_map.reach_lines(a, a.teams, markers)
    councils = table(team_map.UNDERLAY_LEVEL)
    underlay = team_map.status_underlay(load_boundaries(a.data_dir, team_map.UNDERLAY_LEVEL), councils)
    deck = team_map.team_deck(markers, lines, underlay, team_map.deck_bounds(councils, markers), height=560)
    st.pydeck_chart(deck, height=560)
'''

FLOOR_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>floor</title><script src="/plotly.min.js"></script></head>
<body style="margin:0"><div id="map" style="width:100%;height:{height}px"></div>
<script>const fig = {figure}; Plotly.newPlot("map", fig.data, fig.layout, {{displaylogo: false}});</script>
</body></html>
"""

TRACE_JS = """
(() => {{
  const painted = {painted};
  const kind = {kind};
  const M = window.__trace = {{}};
  const now = () => performance.now();
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {{
    constructor(...args) {{
      super(...args);
      this.addEventListener('open', () => {{ if (M.ws_open == null) M.ws_open = now(); }});
      this.addEventListener('message', () => {{ if (M.ws_first_message == null) M.ws_first_message = now(); }});
    }}
  }};
  new PerformanceObserver(list => {{
    for (const e of list.getEntries()) {{
      const chunk = kind === 'deck' ? /DeckGlJsonChart\\.[^/]*\\.js/ : /(PlotlyChart\\.[^/]*|plotly\\.min)\\.js/;
      if (chunk.test(e.name) && M.chunk_requested == null) {{ M.chunk_requested = e.startTime; M.chunk_received = e.responseEnd; }}
      if (/\\.geojson/.test(e.name) && M.boundaries_requested == null) {{
        M.boundaries_requested = e.startTime; M.boundaries_received = e.responseEnd;
      }}
    }}
  }}).observe({{type: 'resource', buffered: true}});
  let frames = 0;
  const tick = () => {{
    if (M.first_element == null && document.querySelector('[data-testid="stMain"] [data-testid="stElementContainer"], #map'))
      M.first_element = now();
    if (kind === 'plotly') {{
      if (M.chart_evaluated == null && document.querySelector('.js-plotly-plot')) M.chart_evaluated = now();
      let r = false;
      try {{ r = painted({{scope: 'body', minMaps: 1}}); }} catch (e) {{ r = false; }}
      if (r) {{ M.painted = r; return; }}
    }} else {{
      const c = document.querySelector('[data-testid="stDeckGlJsonChart"] canvas');
      if (c && M.chart_evaluated == null) M.chart_evaluated = now();
      if (c && c.width > 0 && c.height > 0 && ++frames >= 2) {{ M.painted = now(); return; }}
    }}
    requestAnimationFrame(tick);
  }};
  requestAnimationFrame(tick);
}})();
"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path):
    port = helpers.free_port()
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{port}"


def write_floors(folder: Path) -> None:
    """home.html and profile.html: the figures the bare pages draw, on a static page with local plotly.js."""
    import plotly

    from coverage.model import gaps
    from coverage.model.assumptions import Assumptions
    from coverage.model.atlas import load_atlas
    from coverage.present.figures import choropleth

    shutil.copy(Path(plotly.__file__).parent / "package_data" / "plotly.min.js", folder / "plotly.min.js")
    (folder / "app").mkdir()
    (folder / "app" / "static").symlink_to(REPO / "data" / "boundaries")
    table = gaps.area_table(load_atlas(), "utla", Assumptions())
    figures = {
        "home": choropleth("/app/static/utla.geojson", table, "reach"),
        "profile": choropleth(
            "/app/static/utla.geojson",
            table[table["nation"] == "England"],
            "reach",
            highlight=KENT,
            height=380,
            legend=False,
        ),
    }
    for name, fig in figures.items():
        page = FLOOR_PAGE.format(figure=fig.to_json(), height=fig.layout.height or 620)
        (folder / f"{name}.html").write_text(page, encoding="utf-8")


def trace(
    browser,
    url: str,
    kind: str,
    timeout_ms: int = 90_000,
    *,
    prepare=None,
    also_js: str | None = None,
    **context_options,
) -> dict:
    """The marks of one fresh page load. ``prepare(context, page)`` runs before navigation (e.g. network
    throttling), ``also_js`` is evaluated after the paint and merged in, and ``context_options`` go to the
    browser context: so other benches reuse this one load instead of copying it."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, **context_options)
    try:
        page = context.new_page()
        if prepare:
            prepare(context, page)
        page.add_init_script(TRACE_JS.format(painted=helpers.PAINTED_JS.strip(), kind=json.dumps(kind)))
        page.goto(url, wait_until="commit")
        page.wait_for_function("() => window.__trace && window.__trace.painted", timeout=timeout_ms, polling=50)
        marks = page.evaluate("() => window.__trace")
        return {**marks, **page.evaluate(also_js)} if also_js else marks
    finally:
        context.close()


def named_copy(text: str) -> tuple[str, Path]:
    """``NAME=DIR`` from the command line: a copy of the app to measure, and the name its column gets."""
    name, sep, folder = text.partition("=")
    path = Path(folder).expanduser().resolve()
    if not sep or not name or not (path / "app.py").is_file():
        raise argparse.ArgumentTypeError(f"expected NAME=DIR, DIR holding app.py: {text!r}")
    return name, path


def median(values):
    values = [v for v in values if v is not None]
    return round(statistics.median(values)) if values else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", default="home,profile,teams")
    parser.add_argument(
        "--before",
        type=lambda folder: named_copy(f"before={folder}"),
        help="another app folder (with app.py) to measure alongside, as the copy named before",
    )
    parser.add_argument(
        "--copy", action="append", default=[], metavar="NAME=DIR", type=named_copy, help="a named copy; repeatable"
    )
    parser.add_argument("--out", type=Path, default=REPO / "artifacts" / "bench_trace.json")
    args = parser.parse_args()
    pages = [p for p in args.pages.split(",") if p in APP_PATHS]

    from playwright.sync_api import sync_playwright

    started = time.monotonic()
    copies = dict(args.copy + ([args.before] if args.before else []))
    if {"floor", "bare", "app"} & set(copies):
        parser.error("a copy cannot be named floor, bare or app")
    variants = ["floor", "bare", *copies, "app"]
    results = {p: {v: [] for v in variants} for p in pages}
    with tempfile.TemporaryDirectory(prefix="atlas-bench-trace-") as tmp:
        folder = Path(tmp)
        os.environ["ATLAS_STATE_DIR"] = str(folder)
        floor_dir = folder / "floor"
        floor_dir.mkdir()
        write_floors(floor_dir)
        bare_dir = folder / "bare"
        bare_dir.mkdir()
        (bare_dir / "bare.py").write_text(BARE_PAGE, encoding="utf-8")
        (bare_dir / "static").symlink_to(REPO / "data" / "boundaries")
        static, static_url = serve(floor_dir)
        bare = start_streamlit(bare_dir / "bare.py", bare_dir, folder)
        app = start_streamlit(REPO / "app.py", REPO, folder)
        others = {name: start_streamlit(path / "app.py", path, folder) for name, path in copies.items()}
        urls = {
            p: {
                "floor": f"{static_url}/{p}.html" if CHART[p] == "plotly" else None,
                "bare": f"{bare.url}/?page={p}",
                **{name: server.url + APP_PATHS[p] for name, server in others.items()},
                "app": app.url + APP_PATHS[p],
            }
            for p in pages
        }
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=helpers.CHROMIUM, args=helpers.LAUNCH_ARGS)
                try:
                    for p in pages:  # warm-up, not counted: the servers' caches fill on their first session
                        for url in urls[p].values():
                            if url:
                                trace(browser, url, CHART[p])
                    for i in range(args.runs):
                        for p in pages:
                            line = []
                            for variant, url in urls[p].items():
                                if url:
                                    results[p][variant].append(trace(browser, url, CHART[p]))
                                    line.append(f"{variant} {results[p][variant][-1]['painted']:.0f}")
                            print(f"run {i + 1}/{args.runs} {p}: " + ", ".join(line) + " ms", flush=True)
                finally:
                    browser.close()
        finally:
            for server in (app, bare, *others.values()):
                server.stop(clean=False)
            static.shutdown()
    report = summarise(results)
    report["runs"], report["seconds"] = args.runs, round(time.monotonic() - started, 1)
    report["load_average"] = os.getloadavg()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"when": time.strftime("%Y-%m-%dT%H:%M:%S%z"), **report}, indent=2))
    print_report(report)
    return 0


def summarise(results: dict) -> dict:
    out = {"medians_ms": {}, "ratios": {}, "intervals": {}, "painted_ms": {}}
    for p, variants in results.items():
        out["medians_ms"][p] = {
            v: {m: median([r.get(m) for r in runs]) for m in MARKS} for v, runs in variants.items() if runs
        }
        painted = {v: marks["painted"] for v, marks in out["medians_ms"][p].items()}
        out["painted_ms"][p] = loads = {v: [r.get("painted") for r in runs] for v, runs in variants.items() if runs}
        copies = [v for v in variants if v not in ("floor", "bare", "app")]
        pairs = [("app", "floor"), ("app", "bare"), ("bare", "floor")]
        pairs += [(c, base) for c in copies for base in ("floor", "bare")] + [("app", c) for c in copies]
        out["ratios"][p], out["intervals"][p] = paired_ratios(painted, loads, pairs)
    return out


def print_ratios(ratios: dict, intervals: dict) -> None:
    print("painted ratios (of medians; 90% bootstrap interval):")
    for k, v in ratios.items():
        print(f"  {k:20} {v:5.2f}" + (" [{:.2f}-{:.2f}]".format(*intervals[k]) if k in intervals else ""))


def print_table(columns: list[str], rows: dict[str, list]) -> None:
    """One row a mark (or byte count), one column a variant, right-aligned; shared with bench_protocols."""
    widths = [max(9, len(c) + 2) for c in columns]  # a copy's name may be longer than a number
    print(f"{'mark':22}" + "".join(f"{c:>{w}}" for c, w in zip(columns, widths)))
    for label, cells in rows.items():
        print(f"{label:22}" + "".join(f"{'' if c is None else str(c):>{w}}" for c, w in zip(cells, widths)))


def print_report(report: dict) -> None:
    for p, variants in report["medians_ms"].items():
        print(f"\n{p}: medians of {report['runs']} runs, ms since navigation start")
        print_table(list(variants), {m: [marks[m] for marks in variants.values()] for m in MARKS})
        print_ratios(report["ratios"][p], report["intervals"][p])
    print(f"\nload average during the run: {report['load_average']}; {report['seconds']} s")


if __name__ == "__main__":
    sys.exit(main())
