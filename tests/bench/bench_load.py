#!/usr/bin/env python3
"""Load benchmark: K concurrent sessions against 1 replica or N replicas behind HAProxy.

    python tests/bench/bench_load.py --replicas 1 --ks 10,25,50
    python tests/bench/bench_load.py --replicas 3 --ks 10,25,50
    python tests/bench/bench_load.py --replicas 3 --ks 30 --fault kill-replica --submit
    python tests/bench/bench_load.py --replicas 2 --ks 10 --fault restart-postgres --submit

Not a pytest test. deploy/local_cluster.py starts the replicas, HAProxy and a throwaway
PostgreSQL on 127.0.0.1 (one replica is driven directly, several through HAProxy). Each session
is a client speaking Streamlit's websocket protocol (tests/bench/st_protocol.py): it opens the
home page, changes one assumption (its own prevalence, so caches see K different scenarios),
and, with ``--submit``, suggests a new team on Check a listing, marked so it can be counted in
the database afterwards. Every wait is bounded (``--run-timeout`` per script run, ``--rounds``
per session) and nothing but 127.0.0.1 is contacted.

Per K it reports sessions completed, errors, p50/p95 time to ``script_finished`` for the first
home-page run (from opening the connection) and for the change, and each replica's RSS before, at
peak during, and after the sessions closed. Before the loads, ``--solo`` sessions run one at a time:
each run's lone time (wall, median) and the replicas' CPU for it (mean). Each K's p95 is printed
against two floors, K x the lone time / the cores the replicas can use (one per replica, at most the
machine's): from the wall time and from the CPU (``against_floor`` says how they differ). Every
change in one invocation uses a prevalence no session used before (while the slider has unused
values), so each change run is cold, in the lone sessions as in the loads. Faults: ``kill-replica`` SIGKILLs replica 1 a few seconds into the load (its
sessions reconnect through HAProxy to another replica: the browser's behaviour); and
``restart-postgres`` stops PostgreSQL abruptly for a few seconds, counting the runs that showed
the "database cannot be reached" state and checking every session recovers. Submissions are
counted as stored (once), duplicated, refused (the user was told) and lost (the user was told
it was saved, or told nothing, and it is not there).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import os
import re
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from st_protocol import TRIGGER, ProtocolError, Session  # noqa: E402

_spec = importlib.util.spec_from_file_location("atlas_local_cluster", REPO / "deploy" / "local_cluster.py")
local_cluster = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = local_cluster
_spec.loader.exec_module(local_cluster)

UNAVAILABLE = "cannot be reached"  # the pages' wording when the listings database is down
SAVED = re.compile(r"saved with reference \*\*(PIA-[0-9A-F]+)\*\*")
REFUSED = "could not be saved just now"
RECONNECTS = 3  # a session gives up after this many lost connections


class Prevalences:
    """Prevalence percents for the change runs, each unused so far in this invocation (every change misses
    the caches keyed by assumptions), on the slider's 0.5-point steps and never the default; once the
    slider's values are used up they repeat (``repeated`` counts them, and the report says so)."""

    def __init__(self, low: float = 1.0, high: float = 40.0, step: float = 0.5, default: float = 15.0):
        count = int(round((high - low) / step)) + 1
        self.values = [round(low + i * step, 1) for i in range(count) if round(low + i * step, 1) != default]
        self.handed = 0
        self.repeated = 0

    def next(self) -> float:
        if self.handed >= len(self.values):
            self.repeated += 1
        value = self.values[(self.handed * 37) % len(self.values)]  # spread over the range, each once per cycle
        self.handed += 1
        return value


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


class RssSampler:
    """Peak RSS of each replica while the load runs, sampled every 0.25 s in a thread."""

    def __init__(self, pids: dict[str, int]):
        self.pids = pids
        self.peak = {name: 0.0 for name in pids}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def now(self) -> dict[str, float | None]:
        return {name: _round(rss_mb(pid)) for name, pid in self.pids.items()}

    def _loop(self) -> None:
        while not self._stop.is_set():
            for name, pid in self.pids.items():
                self.peak[name] = max(self.peak[name], rss_mb(pid) or 0.0)
            time.sleep(0.25)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


def _round(value):
    return None if value is None else round(value, 1)


def pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))] * 1000, 1)


class User:
    """One simulated visitor: reconnects (through HAProxy) when its connection is lost, as the browser does."""

    def __init__(self, url: str, index: int, tag: str, run_timeout: float, prevalences: Prevalences | None = None):
        self.url = url
        self.prevalences = prevalences
        self.index = index
        self.marker = f"bench-{tag}-{index}"
        self.run_timeout = run_timeout
        self.session: Session | None = None
        self.cookies: dict[str, str] = {}
        self.record = {
            "index": index,
            "first_s": None,
            "change_s": [],
            "errors": [],
            "reconnects": 0,
            "disconnects": [],
            "replicas": [],
            "unavailable_runs": 0,
            "runs": 0,
            "submission": None,
            "completed": False,
            "recovered": None,
        }

    async def connect(self) -> None:
        # each visitor its own loopback address, as distinct people are distinct clients to the limits
        source = f"127.0.0.{2 + self.index % 250}" if self.index >= 0 else None
        self.session = Session(self.url, timeout=self.run_timeout, source=source)
        self.session.cookies.update(self.cookies)
        await self.session.open()
        self.cookies.update(self.session.cookies)
        self.record["replicas"].append(self.session.cookies.get("ATLAS_REPLICA", "direct"))

    async def run(self, **kwargs):
        """One script run; on a lost connection, reconnect and run the page again (state is lost)."""
        for _ in range(RECONNECTS + 1):
            try:
                if self.session is None:
                    await self.connect()
                    if kwargs.get("changes"):
                        await self.session.run(page=kwargs.get("page", ""))  # draw the widgets again
                result = await self.session.run(**kwargs)
            except (ProtocolError, OSError, TimeoutError) as exc:
                self.record["disconnects"].append(f"{type(exc).__name__}: {exc}"[:200])
                self.record["reconnects"] += 1
                await self.drop()
                await asyncio.sleep(0.5)
                continue
            self.record["runs"] += 1
            if UNAVAILABLE in result.text():
                self.record["unavailable_runs"] += 1
            if result.exceptions:
                self.record["errors"].append("exception shown: " + "; ".join(result.exceptions)[:200])
            return result
        raise ProtocolError(f"gave up after {RECONNECTS} reconnections")

    async def drop(self) -> None:
        if self.session is not None:
            try:
                await self.session.close()
            except (OSError, ProtocolError):
                pass
            self.session = None

    async def submit(self) -> None:
        """Suggest a new team; a lost connection before the answer means: fill the form in again."""
        fields = {
            "Team name": f"Load test team {self.marker}",
            "Areas served (codes or names, separated by ;)": "E06000001",
            "new_team_0_email": "load@example.org",
            "new_team_0_evidence": "https://example.org/load-test",
            "new_team_0_message": self.marker,
        }
        outcome = {"attempts": 0, "told": "nothing", "reference": None}
        for _ in range(RECONNECTS):
            outcome["attempts"] += 1
            await self.run(page="check")
            try:
                result = await self.session.run(page="check", changes=fields | {"Send the new team": TRIGGER})
            except (ProtocolError, OSError, TimeoutError) as exc:
                self.record["disconnects"].append(f"during submit: {type(exc).__name__}: {exc}"[:200])
                self.record["reconnects"] += 1
                await self.drop()
                await asyncio.sleep(0.5)
                continue
            text = result.text()
            found = SAVED.search(text)
            if found:
                outcome.update(told="stored", reference=found.group(1))
                break
            if REFUSED in text:
                outcome["told"] = "refused"
                break
            outcome["told"] = "no answer on the page"
            break
        self.record["submission"] = outcome

    async def visit(self, rounds: int, think_s: float, submit: bool) -> dict:
        try:
            opened = time.perf_counter()
            await self.run()
            # from opening the connection (page GET, websocket, new session) to the run's end: the server's
            # whole cost of a new visitor, as bench_server_time's fresh sessions are timed
            self.record["first_s"] = time.perf_counter() - opened
            for r in range(rounds):
                # the warm-up visitor (no allocator) goes back to the default: a warm change
                prevalence = self.prevalences.next() if self.prevalences else 15.0
                changed = await self.run(changes={"prev": prevalence})
                self.record["change_s"].append(changed.seconds)
                if submit and r == 0:
                    await self.submit()
                    await self.run()  # back to the home page
                await asyncio.sleep(think_s)
            final = await self.run()
            self.record["recovered"] = UNAVAILABLE not in final.text() and not final.exceptions
            self.record["completed"] = True
        except ProtocolError as exc:
            self.record["errors"].append(f"gave up: {exc}"[:200])
        finally:
            await self.drop()
        return self.record


async def load(url, k, tag, rounds, think_s, submit, run_timeout, prevalences, fault=None) -> list[dict]:
    users = [User(url, i, tag, run_timeout, prevalences) for i in range(k)]
    tasks = [asyncio.create_task(u.visit(rounds, think_s, submit)) for u in users]
    fault_task = asyncio.create_task(fault()) if fault else None
    results = await asyncio.gather(*tasks)
    if fault_task:
        await fault_task
    return results


def count_submissions(database_url: str, tag: str, records: list[dict]) -> dict:
    import sqlalchemy as sa

    engine = sa.create_engine(database_url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.connect() as conn:
        rows = conn.execute(
            sa.text("SELECT message, count(*) FROM submissions WHERE message LIKE :p GROUP BY message"),
            {"p": f"bench-{tag}-%"},
        ).all()
    engine.dispose()
    stored = dict(rows)
    tally = {"submitted": 0, "stored_once": 0, "duplicated": 0, "refused": 0, "lost": 0, "told_nothing_stored": 0}
    for rec in records:
        sub = rec["submission"]
        if sub is None:
            continue
        tally["submitted"] += 1
        n = stored.get(f"bench-{tag}-{rec['index']}", 0)
        if n > 1:
            tally["duplicated"] += 1
        elif n == 1:
            tally["stored_once"] += 1
            if sub["told"] != "stored":
                tally["told_nothing_stored"] += 1  # stored, but the visitor never saw the reference
        elif sub["told"] == "refused":
            tally["refused"] += 1
        else:
            tally["lost"] += 1
    return tally


def summarise(k, records, wall_s, rss_before, rss_peak, rss_after) -> dict:
    firsts = [r["first_s"] for r in records if r["first_s"] is not None]
    changes = [c for r in records for c in r["change_s"]]
    per_replica = {}
    for r in records:
        for name in r["replicas"]:
            per_replica[name] = per_replica.get(name, 0) + 1
    return {
        "k": k,
        "completed": sum(r["completed"] for r in records),
        "sessions_with_errors": sum(bool(r["errors"]) for r in records),
        "error_rate": round(sum(bool(r["errors"]) for r in records) / k, 3),
        "reconnects": sum(r["reconnects"] for r in records),
        "sessions_reconnected": sum(bool(r["disconnects"]) for r in records),
        "submissions_sent_twice": sum(bool(r["submission"] and r["submission"]["attempts"] > 1) for r in records),
        "first_run_p50_ms": pct(firsts, 0.5),
        "first_run_p95_ms": pct(firsts, 0.95),
        "change_run_p50_ms": pct(changes, 0.5),
        "change_run_p95_ms": pct(changes, 0.95),
        "wall_s": round(wall_s, 1),
        "runs": sum(r["runs"] for r in records),
        "unavailable_runs": sum(r["unavailable_runs"] for r in records),
        "recovered": sum(bool(r["recovered"]) for r in records),
        "connections_per_replica": per_replica,
        "rss_before_mb": rss_before,
        "rss_peak_mb": {n: _round(v) for n, v in rss_peak.items()},
        "rss_after_mb": rss_after,
        "sample_errors": sorted({e for r in records for e in r["errors"]})[:8],
        "sample_disconnects": sorted({e for r in records for e in r["disconnects"]})[:4],
    }


def cpu_seconds(pids) -> float:
    """User and system CPU the replicas have used so far (/proc/PID/stat, in clock ticks)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


async def _solo_session(url: str, index: int, args, prevalences: Prevalences, pids) -> tuple[float, ...]:
    """One visitor alone: (first run s, change run s, server CPU s for the first, for the change)."""
    user = User(url, index, f"solo-{int(time.time())}", args.run_timeout, prevalences)
    cpu0, t0 = cpu_seconds(pids), time.perf_counter()
    await user.run()
    cpu1, t1 = cpu_seconds(pids), time.perf_counter()
    await user.run(changes={"prev": prevalences.next()})
    cpu2, t2 = cpu_seconds(pids), time.perf_counter()
    await user.drop()
    return t1 - t0, t2 - t1, cpu1 - cpu0, cpu2 - cpu1


def solo_times(url: str, args, prevalences: Prevalences, pids) -> dict:
    """``args.solo`` visitors one at a time: the median first and (cold) change run, and the replicas' CPU
    for each, averaged (the CPU clock ticks every 10 ms, so one session's reading is too coarse alone).

    The floor is built from the CPU, not the wall time: a lone session's wall time includes waits that cost
    no CPU (loopback round trips, seen here as runs of either ~50 or ~90 ms), which K sessions overlap."""
    rows = [asyncio.run(_solo_session(url, 10_000 + i, args, prevalences, pids)) for i in range(args.solo)]
    first, change, first_cpu, change_cpu = (list(column) for column in zip(*rows, strict=True))
    return {
        "sessions": len(rows),
        "first_run_wall_ms": pct(first, 0.5),
        "change_run_wall_ms": pct(change, 0.5),
        "first_run_cpu_ms": round(sum(first_cpu) / len(rows) * 1000, 1),
        "change_run_cpu_ms": round(sum(change_cpu) / len(rows) * 1000, 1),
    }


def against_floor(row: dict, single: dict, cores: int) -> dict:
    """Each run's p95 against two floors of K sessions, K x a lone session's time / cores: from its wall time
    (issue 24's definition: bench_load's lone session) and from the replicas' CPU for it (what the CPU allows).

    A lone fresh session waits ~40 ms on loopback round trips that cost no CPU, so the wall floor is the more
    lenient; under load the first runs also share the CPU with the change and final runs of the sessions that
    started earlier, which neither floor counts."""
    out = {}
    for run, p95 in (("first", row["first_run_p95_ms"]), ("change", row["change_run_p95_ms"])):
        for basis in ("wall", "cpu"):
            one = single[f"{run}_run_{basis}_ms"]
            floor = round(row["k"] * one / cores, 1) if one else None
            out[f"{run}_floor_{basis}_ms"] = floor
            out[f"{run}_p95_over_{basis}_floor"] = round(p95 / floor, 2) if floor and p95 is not None else None
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--replicas", type=int, default=1)
    parser.add_argument("--ks", default="10,25,50")
    parser.add_argument("--rounds", type=int, default=1, help="assumption changes per session")
    parser.add_argument("--think", type=float, default=0.5, help="seconds between a session's changes")
    parser.add_argument("--submit", action="store_true", help="each session also suggests a new team")
    parser.add_argument("--fault", choices=["none", "kill-replica", "restart-postgres"], default="none")
    parser.add_argument("--fault-at", type=float, default=4.0, help="seconds into the load")
    parser.add_argument("--run-timeout", type=float, default=120.0)
    parser.add_argument("--settle", type=float, default=5.0, help="seconds after the load before 'after' RSS")
    parser.add_argument("--final-wait", type=float, default=0.0, help="then wait this long and record RSS again")
    parser.add_argument("--replica-env", action="append", default=[], metavar="KEY=VALUE", help="for the replicas")
    parser.add_argument("--solo", type=int, default=9, help="single sessions, one at a time, for the CPU floor")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    ks = [int(k) for k in args.ks.split(",")]
    label = f"{args.replicas}rep-{args.fault}"
    out = args.out or REPO / "artifacts" / f"bench_load-{label}.json"
    report = {"when": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "args": vars(args) | {"out": str(out)}, "per_k": []}
    started = time.monotonic()
    replica_env = dict(item.split("=", 1) for item in args.replica_env)
    # Every simulated visitor comes from 127.0.0.1: lift HAProxy's per-address limits, which would
    # otherwise refuse the 31st session a minute (they are measured in tests/deploy instead).
    unlimited = {"REQUESTS_PER_10S": 1_000_000, "SESSIONS_PER_MINUTE": 1_000_000}
    with local_cluster.LocalCluster(replicas=args.replicas, env=replica_env, limits=unlimited) as cluster:
        url = cluster.replica_url(0) if args.replicas == 1 else cluster.url
        pids = {f"app{i + 1}": cluster.processes[f"app{i + 1}"].pid for i in range(args.replicas)}
        for i in range(args.replicas):  # fill each replica's data caches once (not measured)
            asyncio.run(User(cluster.replica_url(i), -1, "warm", args.run_timeout).visit(1, 0, False))
        prevalences = Prevalences()
        report["single_session"] = solo_times(url, args, prevalences, list(pids.values()))
        cores = min(args.replicas, os.cpu_count() or 1)
        report["cores_for_the_floor"] = cores
        print("single session (", args.solo, "one at a time):", report["single_session"], flush=True)
        for k in ks:
            tag = f"{label}-k{k}-{int(time.time())}"
            fault = None
            if args.fault == "kill-replica":

                async def fault(k=k):
                    await asyncio.sleep(args.fault_at)
                    cluster.kill_replica(0)
                    report.setdefault("events", []).append(f"killed app1 at {args.fault_at}s (K={k})")

            elif args.fault == "restart-postgres":

                async def fault(k=k):
                    await asyncio.sleep(args.fault_at)
                    await asyncio.to_thread(cluster.postgres.restart, 5.0)
                    report.setdefault("events", []).append(f"PostgreSQL down 5 s from {args.fault_at}s (K={k})")

            with RssSampler(pids) as sampler:
                before = sampler.now()
                t = time.perf_counter()
                records = asyncio.run(
                    load(url, k, tag, args.rounds, args.think, args.submit, args.run_timeout, prevalences, fault)
                )
                wall = time.perf_counter() - t
                peak = dict(sampler.peak)
            time.sleep(args.settle)
            after = {name: _round(rss_mb(pid)) for name, pid in pids.items()}
            row = summarise(k, records, wall, before, peak, after)
            row["load_average_1m"] = round(os.getloadavg()[0], 1)  # the machine is shared: say how busy
            row.update(against_floor(row, report["single_session"], cores))
            row["prevalences_repeated_so_far"] = prevalences.repeated
            if args.submit:
                row["submissions"] = count_submissions(cluster.database_url, tag, records)
            report["per_k"].append(row)
            print(json.dumps(row), flush=True)
            if args.fault == "kill-replica":
                cluster.start_replica(0)
                cluster.wait_replica(0)
                pids["app1"] = cluster.processes["app1"].pid
                time.sleep(3)  # HAProxy's checks see it up again
        if args.final_wait:
            time.sleep(args.final_wait)
            report["rss_final_mb"] = {name: _round(rss_mb(pid)) for name, pid in pids.items()}
            print("RSS after a further", args.final_wait, "s:", report["rss_final_mb"], flush=True)
    report["seconds"] = round(time.monotonic() - started, 1)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2), encoding="utf-8")
    single = report["single_session"]
    print(
        f"lone session: first run {single['first_run_wall_ms']} ms wall, {single['first_run_cpu_ms']} ms server CPU;"
        f" change run {single['change_run_wall_ms']} ms wall, {single['change_run_cpu_ms']} ms server CPU;"
        f" floors = K x that / {report['cores_for_the_floor']} core(s)"
    )
    print(
        f"{'K':>4} {'done':>5} {'err':>5} {'first p50':>10} {'first p95':>10} {'/wall':>6} {'/cpu':>6}"
        f" {'chg p50':>8} {'chg p95':>8} {'/wall':>6} {'/cpu':>6}  RSS MB before/peak/after"
    )
    for row in report["per_k"]:
        rss = ", ".join(f"{n} {row['rss_before_mb'][n]}/{row['rss_peak_mb'][n]}/{row['rss_after_mb'][n]}" for n in pids)
        print(
            f"{row['k']:>4} {row['completed']:>5} {row['sessions_with_errors']:>5} {row['first_run_p50_ms']:>10}"
            f" {row['first_run_p95_ms']:>10} {row['first_p95_over_wall_floor']:>6} {row['first_p95_over_cpu_floor']:>6}"
            f" {row['change_run_p50_ms']:>8} {row['change_run_p95_ms']:>8} {row['change_p95_over_wall_floor']:>6}"
            f" {row['change_p95_over_cpu_floor']:>6}  {rss}"
        )
    print(f"written {out} ({report['seconds']} s)")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")
    sys.exit(main())
