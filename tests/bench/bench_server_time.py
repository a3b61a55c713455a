#!/usr/bin/env python3
"""Server time per home-page run, against a bare page drawing the same UTLA map (the floor).

    python tests/bench/bench_server_time.py [--sessions 15] [--concurrent 10]

Not a pytest test. Both servers are ``streamlit run`` on 127.0.0.1 with static serving on, and
both are driven through Streamlit's websocket protocol (tests/bench/st_protocol.py), so what is
timed is the server: BackMsg.rerun_script sent -> ForwardMsg.script_finished received.

* floor: a one-element page (written to a temporary folder) that draws the home page's default
  UTLA reach map with ``go.Choroplethmap`` whose ``geojson`` is the URL of the static boundary
  file, from a cached table: each run builds and sends only codes, values and hover text;
* home: the app's home page, as a fresh browser session opens it;
* before (with ``--before DIR``): the home page of another copy of the app, measured in the same
  interleaved run (e.g. a ``git archive`` of the commit before a change).

A fresh session is timed from opening the connection (the page's GET, as a browser does, then the
websocket) until the last ``script_finished`` that is not "finished early for a rerun"; the script
run alone (rerun_script sent -> that script_finished) is reported beside it.

It reports, for each: the median first run of a fresh session (sequential sessions, idle server),
a rerun with one assumption changed, bytes sent per run, and the wall time for ``--concurrent``
fresh sessions opened at once. For the app's pages it also times a *cold* change run: a fresh
session changes prevalence to a value no session on that server has used before, so every cache
keyed by the assumptions misses, as for the first visitor to choose it (time from sending the
change to the last ``script_finished`` that is not "finished early for a rerun", and the server's
CPU for that run), one session at a time and ``--concurrent`` sessions changing at once (each
to its own new value); the bare page has no assumption, so its fresh run is the comparison. Then where the home page's time goes, timed in this process:
each step the page does (engine tables are cached by the page, so their cold cost is shown
apart), and how many database queries one home-page run makes (AppTest, SQLAlchemy events).
Results: stdout and artifacts/bench_server_time.json.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from st_protocol import Session  # noqa: E402
from timing import timed  # noqa: E402

_spec = importlib.util.spec_from_file_location("atlas_browser_helpers", REPO / "tests" / "support" / "browser.py")
helpers = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = helpers
_spec.loader.exec_module(helpers)

BARE_PAGE = '''
"""The floor: the home page's default map and nothing else, boundaries from the static file."""
import streamlit as st

from coverage.model import gaps
from coverage.model.assumptions import Assumptions
from coverage.model.atlas import load_atlas
from coverage.present.figures import choropleth


@st.cache_resource
def table():
    return gaps.area_table(load_atlas(), "utla", Assumptions())


st.plotly_chart(choropleth("/app/static/utla.geojson", table(), "reach"), width="stretch")
'''


def start_streamlit(script: Path, cwd: Path, state_dir: Path) -> helpers.AppServer:
    port = helpers.free_port()
    log_path = state_dir / f"{script.stem}.log"
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "ATLAS_STATE_DIR": str(state_dir),
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
    }
    env.pop("DATABASE_URL", None)
    cmd = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port)]
    cmd += ["--server.address", "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none"]
    cmd += ["--server.enableStaticServing", "true"]
    with log_path.open("wb") as log:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
    server = helpers.AppServer(proc, f"http://127.0.0.1:{port}", log_path)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and proc.poll() is None:
        if helpers._healthy(server.url):
            return server
        time.sleep(0.25)
    server.stop(clean=False)
    raise RuntimeError(f"{script} did not start: {server.log()[-2000:]}")


async def fresh_run(url: str, change: bool = True) -> dict:
    session = Session(url)
    opened = time.perf_counter()
    await session.open()
    connected = time.perf_counter() - opened
    try:
        first = await session.run()
        if first.exceptions or first.status != "ok":
            raise RuntimeError(f"run failed: {first.status} {first.exceptions}")
        changed = None
        if change and "prev" in session.widgets:
            changed = await session.run(changes={"prev": 20.0})
        return {
            "open_s": connected,
            "open_and_first_s": connected + first.seconds,
            "early_finishes": first.early_finishes,
            "first_s": first.seconds,
            "first_bytes": first.bytes,
            "change_s": changed.seconds if changed else None,
            "change_bytes": changed.bytes if changed else None,
        }
    finally:
        await session.close()


class NewValues:
    """Prevalence values (percent, on the slider's step) no session on a server has used yet, per server.

    The default (15%) and the value the warm change uses (20%) are never handed out, so each
    value is new to that server's caches; 78 values are enough for the sequential and concurrent
    cold changes at the default sizes.
    """

    def __init__(self) -> None:
        low, high, step = (1.0, 40.0, 0.5)
        used = {15.0, 20.0}
        self.values = [round(low + i * step, 1) for i in range(int((high - low) / step) + 1)]
        self.values = [v for v in self.values if v not in used]
        self.next = {}

    def take(self, server: str) -> float:
        i = self.next.get(server, 0)
        if i >= len(self.values):
            raise RuntimeError("no unused prevalence value is left for a cold change; use fewer sessions")
        self.next[server] = i + 1
        return self.values[i]


async def cold_change(url: str, value: float, pid: int | None = None, barrier: asyncio.Barrier | None = None) -> dict:
    """A fresh session's first run, then a change of prevalence to ``value`` (new to the server): its timing.

    With ``pid`` the server's CPU time for the change alone is measured too (sequential use only);
    with ``barrier`` the change is sent once every session of the batch has finished its first run.
    """
    session = Session(url)
    await session.open()
    try:
        first = await session.run()
        if first.exceptions or first.status != "ok":
            raise RuntimeError(f"run failed: {first.status} {first.exceptions}")
        if barrier is not None:
            await barrier.wait()
        before = cpu_ms(pid) if pid else None
        changed = await session.run(changes={"prev": value})
        if changed.exceptions or changed.status != "ok":
            raise RuntimeError(f"cold change failed: {changed.status} {changed.exceptions}")
        cold_cpu = cpu_ms(pid) - before if pid else None
        warm, warm_cpu = None, None
        if pid:  # back to the default prevalence, whose caches are warm: what a change costs without the misses
            before = cpu_ms(pid)
            warm = await session.run(changes={"prev": 15.0})
            warm_cpu = cpu_ms(pid) - before
        return {
            "cold_change_s": changed.seconds,
            "cold_change_cpu_ms": cold_cpu,
            "cold_change_bytes": changed.bytes,
            "warm_change_s": warm.seconds if warm else None,
            "warm_change_cpu_ms": warm_cpu,
        }
    finally:
        await session.close()


async def concurrent_cold_changes(url: str, values: list[float]) -> tuple[float, list[dict]]:
    """len(values) fresh sessions, then all change at once, each to its own new value."""
    barrier = asyncio.Barrier(len(values))
    runs = await asyncio.gather(*(cold_change(url, v, barrier=barrier) for v in values))
    return max(r["cold_change_s"] for r in runs), list(runs)


def measure_cold_changes(urls: dict[str, str], sessions: int, k: int, pids: dict[str, int]) -> dict:
    """Cold change runs on the app's servers (interleaved), one at a time, then ``k`` at once."""
    values = NewValues()
    apps = {name: url for name, url in urls.items() if name != "floor"}
    single = {name: [] for name in apps}
    for _ in range(sessions):
        for name, url in apps.items():
            single[name].append(asyncio.run(cold_change(url, values.take(name), pids[name])))
    together = {name: [] for name in apps}
    slowest = {name: [] for name in apps}
    for _ in range(2):
        for name, url in apps.items():
            wall, each = asyncio.run(concurrent_cold_changes(url, [values.take(name) for _ in range(k)]))
            slowest[name].append(wall)
            together[name] += each
    out = {}
    for name in apps:
        times = sorted(r["cold_change_s"] for r in single[name])
        out[name] = {
            "cold_change_run_ms": round(statistics.median(times) * 1000, 1),
            "cold_change_run_p90_ms": round(times[int(0.9 * (len(times) - 1))] * 1000, 1),
            "server_cpu_ms_per_cold_change": round(statistics.median(r["cold_change_cpu_ms"] for r in single[name]), 1),
            "warm_change_run_ms": round(statistics.median(r["warm_change_s"] for r in single[name]) * 1000, 1),
            "server_cpu_ms_per_warm_change": round(statistics.median(r["warm_change_cpu_ms"] for r in single[name]), 1),
            "cold_change_run_kb": round(statistics.median(r["cold_change_bytes"] for r in single[name]) / 1024, 1),
            f"concurrent_{k}_cold_change_median_ms": round(
                statistics.median(r["cold_change_s"] for r in together[name]) * 1000, 1
            ),
            f"concurrent_{k}_cold_change_slowest_ms": round(statistics.median(slowest[name]) * 1000, 1),
        }
    return out


async def concurrent(url: str, k: int) -> tuple[float, list[dict]]:
    """K fresh sessions opened at once: the wall time for all, and each session's own timings."""
    started = time.perf_counter()
    runs = await asyncio.gather(*(fresh_run(url, change=False) for _ in range(k)))
    return time.perf_counter() - started, list(runs)


def cpu_ms(pid: int) -> float:
    """CPU time (user + system) the process has used so far, in ms, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def measure(urls: dict[str, str], sessions: int, k: int, pids: dict[str, int]) -> dict:
    """Interleaved (floor, home, floor, home...), so the machine's other load hits both alike.

    Besides wall times, the server's own CPU time per fresh session (first run only): on a shared
    machine a wall time mostly measures the queue for a core, the CPU time much less so.
    """
    for url in urls.values():
        asyncio.run(fresh_run(url))  # warm-up: the server's caches fill on the first session
    runs = {name: [] for name in urls}
    walls = {name: [] for name in urls}
    for _ in range(sessions):
        for name, url in urls.items():
            runs[name].append(asyncio.run(fresh_run(url)))
    cpu = {name: 0.0 for name in urls}
    for _ in range(sessions):
        for name, url in urls.items():
            before = cpu_ms(pids[name])
            asyncio.run(fresh_run(url, change=False))
            cpu[name] += cpu_ms(pids[name]) - before
    together = {name: [] for name in urls}
    for _ in range(3):
        for name, url in urls.items():
            wall, each = asyncio.run(concurrent(url, k))
            walls[name].append(wall)
            together[name] += each
    out = {name: summarise(runs[name], walls[name], k) for name in urls}
    for name in urls:
        out[name]["server_cpu_ms_per_fresh_session"] = round(cpu[name] / sessions, 1)
    for name in urls:
        out[name][f"concurrent_{k}_session_median_ms"] = round(
            statistics.median(r["open_and_first_s"] for r in together[name]) * 1000, 1
        )
    for name, cold in measure_cold_changes(urls, sessions, k, pids).items():
        out[name].update(cold)
    return out


def summarise(runs: list[dict], walls: list[float], k: int) -> dict:
    """Medians of the sequential fresh sessions; the concurrent walls' median."""

    def med(key):
        values = [r[key] for r in runs if r[key] is not None]
        return statistics.median(values) if values else None

    return {
        "open_ms": round(med("open_s") * 1000, 1),
        "open_and_first_run_ms": round(med("open_and_first_s") * 1000, 1),
        "reruns_in_first_run": med("early_finishes"),
        "first_run_ms": round(med("first_s") * 1000, 1),
        "first_run_p90_ms": round(sorted(r["first_s"] for r in runs)[int(0.9 * (len(runs) - 1))] * 1000, 1),
        "change_run_ms": round(med("change_s") * 1000, 1) if med("change_s") else None,
        "first_run_kb": round(med("first_bytes") / 1024, 1),
        "change_run_kb": round(med("change_bytes") / 1024, 1) if med("change_bytes") else None,
        f"concurrent_{k}_wall_s": round(statistics.median(walls), 2),
    }


def breakdown() -> dict:
    """The home page's steps, timed in this process (medians of repeats)."""
    import plotly.io as pio
    import pyarrow as pa

    from coverage.model import gaps
    from coverage.model.assumptions import Assumptions
    from coverage.model.atlas import load_atlas, load_boundaries
    from coverage.present.figures import choropleth

    atlas = load_atlas()
    a = Assumptions()
    geo = load_boundaries(atlas.data_dir, "utla")
    table = gaps.area_table(atlas, "utla", a)
    fig_inline = choropleth(geo, table, "reach")
    fig_url = choropleth("/app/static/utla.geojson", table, "reach")
    runs = 15
    return {
        "engine_area_table_utla_cold_ms": timed(lambda: gaps.area_table(atlas, "utla", a), runs)["median_ms"],
        "engine_summary_cold_ms": timed(lambda: gaps.summary(atlas, a), runs)["median_ms"],
        "figure_build_inline_geojson_ms": timed(lambda: choropleth(geo, table, "reach"), runs)["median_ms"],
        "figure_build_url_ms": timed(lambda: choropleth("/app/static/utla.geojson", table, "reach"), runs)["median_ms"],
        "figure_to_json_inline_ms": timed(lambda: pio.to_json(fig_inline, validate=False), runs)["median_ms"],
        "figure_to_json_url_ms": timed(lambda: pio.to_json(fig_url, validate=False), runs)["median_ms"],
        "figure_json_inline_kb": round(len(pio.to_json(fig_inline, validate=False)) / 1024, 1),
        "figure_json_url_kb": round(len(pio.to_json(fig_url, validate=False)) / 1024, 1),
        "table_to_arrow_ms": timed(lambda: pa.Table.from_pandas(table), runs)["median_ms"],
    }


def queries_per_home_run() -> dict:
    """Database queries one home-page run makes (AppTest, SQLite store in a temporary folder)."""
    import sqlalchemy as sa
    from streamlit.testing.v1 import AppTest

    count = {"n": 0}

    def on_execute(*_args):
        count["n"] += 1

    sa.event.listen(sa.engine.Engine, "before_cursor_execute", on_execute)
    try:
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
        at.run()
        count["n"] = 0
        at.run()
        return {"db_queries_per_home_run": count["n"]}
    finally:
        sa.event.remove(sa.engine.Engine, "before_cursor_execute", on_execute)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=15)
    parser.add_argument("--concurrent", type=int, default=10)
    parser.add_argument("--out", type=Path, default=REPO / "artifacts" / "bench_server_time.json")
    parser.add_argument("--before", type=Path, help="another app folder (with app.py) measured alongside as 'before'")
    parser.add_argument("--servers-only", action="store_true", help="skip the in-process breakdown and query count")
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory(prefix="atlas-bench-floor-") as tmp:
        folder = Path(tmp)
        os.environ["ATLAS_STATE_DIR"] = str(folder)
        (folder / "bare.py").write_text(BARE_PAGE, encoding="utf-8")
        (folder / "static").symlink_to(REPO / "data" / "boundaries")
        servers = {}
        try:
            targets = [("floor", folder / "bare.py", folder), ("home", REPO / "app.py", REPO)]
            if args.before:
                targets.insert(1, ("before", args.before.resolve() / "app.py", args.before.resolve()))
            for name, script, cwd in targets:
                servers[name] = start_streamlit(script, cwd, folder)
            pids = {n: s.process.pid for n, s in servers.items()}
            results.update(measure({n: s.url for n, s in servers.items()}, args.sessions, args.concurrent, pids))
        finally:
            for server in servers.values():
                server.stop(clean=False)
        if not args.servers_only:
            results["breakdown_ms"] = breakdown()
            results.update(queries_per_home_run())
    wall = f"concurrent_{args.concurrent}_wall_s"
    each = f"concurrent_{args.concurrent}_session_median_ms"
    results["ratios"] = {}
    for name in ("home", "before"):
        if name in results:
            mine, floor = results[name], results["floor"]
            results["ratios"][name] = {
                "open_and_first_run": round(mine["open_and_first_run_ms"] / floor["open_and_first_run_ms"], 2),
                "first_run": round(mine["first_run_ms"] / floor["first_run_ms"], 2),
                "server_cpu_per_fresh_session": round(
                    mine["server_cpu_ms_per_fresh_session"] / floor["server_cpu_ms_per_fresh_session"], 2
                ),
                "concurrent_wall": round(mine[wall] / floor[wall], 2),
                "concurrent_session_median": round(mine[each] / floor[each], 2),
                # A cold change against the bare page's fresh run (the bare page has nothing to change).
                "cold_change_run_vs_floor_first_run": round(mine["cold_change_run_ms"] / floor["first_run_ms"], 2),
                "cold_change_cpu_vs_floor_cpu": round(
                    mine["server_cpu_ms_per_cold_change"] / floor["server_cpu_ms_per_fresh_session"], 2
                ),
                f"concurrent_{args.concurrent}_cold_change_vs_floor_session": round(
                    mine[f"concurrent_{args.concurrent}_cold_change_median_ms"] / floor[each], 2
                ),
            }
    results["load_average"] = os.getloadavg()
    print(json.dumps(results, indent=2))
    ratio = results["ratios"]["home"]["open_and_first_run"]
    print(
        f"\nhome / floor server time per fresh session (connection opened to last script_finished) = {ratio:.2f}"
        f" (goal <= 2.0): {'met' if ratio <= 2 else 'NOT met'}"
    )
    for name in ("before", "home"):
        if name in results:
            mine = results[name]
            print(
                f"{name}: cold change run {mine['cold_change_run_ms']:.0f} ms"
                f" (server CPU {mine['server_cpu_ms_per_cold_change']:.0f} ms; a warm change"
                f" {mine['warm_change_run_ms']:.0f} ms, CPU {mine['server_cpu_ms_per_warm_change']:.0f} ms),"
                f" {args.concurrent} at once {mine[f'concurrent_{args.concurrent}_cold_change_median_ms']:.0f} ms median;"
                f" the bare page's fresh run {results['floor']['first_run_ms']:.0f} ms"
                f" (CPU {results['floor']['server_cpu_ms_per_fresh_session']:.0f} ms)"
            )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"when": time.strftime("%Y-%m-%dT%H:%M:%S%z"), **results}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
