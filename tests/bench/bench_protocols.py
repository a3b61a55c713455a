#!/usr/bin/env python3
"""First paint through the shipped HAProxy, by how it is served: plain, compressed, TLS, HTTP/2.

    python tests/bench/bench_protocols.py [--runs 5] [--pages home,teams] [--mbps 20 --rtt-ms 40]

Not a pytest test. Why it exists: on the developer's machine the browser and the server share a loopback
link, so a page's 4.7 MB plotly chunk costs almost nothing to move and what a commissioner's connection
adds never shows. This bench starts one replica behind deploy/haproxy.cfg.template (local_cluster.py)
and opens each page, in one alternating run and a fresh browser context each time, through:

* replica: the Streamlit server itself (HTTP/1.1, nothing compressed);
* haproxy: the shipped HAProxy in plain HTTP/1.1 (the template's ``compression`` lines apply);
* tls-h1: the same HAProxy terminating TLS with ``alpn http/1.1`` (the deploy README's TLS bind);
* tls-h2: the same with ``alpn h2,http/1.1``, so the browser multiplexes every chunk on one connection
  instead of queueing on six;
* no-cache: the shipped HAProxy in plain HTTP/1.1 with its ``cache-use``/``cache-store`` lines taken out,
  so the replica serves Streamlit's /static/ files to every visitor (what the template did before its cache).

With ``--mbps``/``--rtt-ms`` the browser's network is throttled (Chromium's DevTools emulation: per request
latency and a shared throughput cap; an approximation of a real link, not a packet-level model). Prints
the painted medians (the marks of bench_trace.py), the ratios to ``replica`` and haproxy/no-cache, each
with its 90% bootstrap interval over whole rounds, and the bytes the browser received for the chart's
chunk and for every resource, and the replica's CPU per load (median; /proc, from navigation to a second
after paint: its run and every file it served). Results also in artifacts/bench_protocols.json.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import os
import ssl
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_trace  # noqa: E402

sys.path.insert(0, str(REPO))
from tests.support import certificates  # noqa: E402

_spec = importlib.util.spec_from_file_location("atlas_local_cluster", REPO / "deploy" / "local_cluster.py")
cluster_module = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = cluster_module
_spec.loader.exec_module(cluster_module)

PAGES = {"home": ("/", "plotly"), "teams": ("/teams", "deck"), "profile": (bench_trace.APP_PATHS["profile"], "plotly")}
TLS_BINDS = {"tls-h1": "alpn http/1.1", "tls-h2": "alpn h2,http/1.1"}
SETTLE_S = 1.0
BYTE_KEYS = ("chunk_protocol", "chunk_transfer", "chunk_decoded", "all_transfer", "all_decoded", "requests")
BYTES_JS = """() => {
  const all = performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation'));
  const chunk = all.find(e => /(PlotlyChart|DeckGlJsonChart)\\.[^/]*\\.js/.test(e.name));
  return {
    chunk_transfer: chunk ? chunk.encodedBodySize : null,
    chunk_decoded: chunk ? chunk.decodedBodySize : null,
    chunk_protocol: chunk ? chunk.nextHopProtocol : null,
    all_transfer: all.reduce((n, e) => n + (e.encodedBodySize || 0), 0),
    all_decoded: all.reduce((n, e) => n + (e.decodedBodySize || 0), 0),
    requests: all.length,
  };
}"""


def self_signed(folder: Path) -> Path:
    """A throwaway certificate for 127.0.0.1 (key and certificate in one PEM, as HAProxy's ``crt`` wants)."""
    cert, key = certificates.self_signed(folder, "127.0.0.1", "IP:127.0.0.1", days=1)
    pem = folder / "atlas.pem"
    pem.write_bytes(cert.read_bytes() + key.read_bytes())
    return pem


def without_cache(config: str) -> str:
    """The rendered template with its /static/ cache rules taken out (the cache section may stay: unused)."""
    return "\n".join(line for line in config.splitlines() if "cache-use" not in line and "cache-store" not in line)


def start_haproxy(cluster, name: str, bind: str, edit=None) -> tuple[subprocess.Popen, str]:
    """A second HAProxy from the same template, in front of the cluster's replica, on ``bind``
    (with ``ssl crt`` it terminates TLS); ``edit`` changes the rendered configuration first."""
    port = cluster_module.free_port()
    servers = [(f"app{i + 1}", f"{cluster_module.HOST}:{p}") for i, p in enumerate(cluster.replica_ports)]
    rendered = cluster_module.render_haproxy(bind.format(address=f"{cluster_module.HOST}:{port}"), servers)
    config = cluster.state_dir / f"haproxy-{name}.cfg"
    config.write_text((edit or str)(rendered) + "\n", encoding="utf-8")
    log = (cluster.state_dir / f"haproxy-{name}.log").open("ab")
    process = subprocess.Popen(
        [cluster_module.HAPROXY, "-db", "-f", str(config)], stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    log.close()
    tls = " ssl " in bind
    url = f"{'https' if tls else 'http'}://{cluster_module.HOST}:{port}"
    unverified = ssl._create_unverified_context() if tls else None  # our own throwaway certificate, on loopback
    cluster_module.wait_for(lambda: cluster_module.healthy(url, context=unverified), 30, f"HAProxy ({name})")
    return process, url


def trace(browser, url: str, kind: str, mbps: float, rtt_ms: float, timeout_ms: int = 120_000) -> dict:
    """bench_trace's marks for one fresh page load, plus the bytes it moved; throttled when ``mbps`` is set."""

    def throttle(context, page) -> None:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        rate = mbps * 1_000_000 / 8
        cdp.send(
            "Network.emulateNetworkConditions",
            {"offline": False, "latency": rtt_ms, "downloadThroughput": rate, "uploadThroughput": rate / 4},
        )

    return bench_trace.trace(
        browser,
        url,
        kind,
        timeout_ms,
        prepare=throttle if mbps else None,
        also_js=BYTES_JS,
        ignore_https_errors=True,
    )


def replica_cpu_seconds(pid: int) -> float:
    """CPU time (user + system, all threads) the replica's process has used so far, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measured_load(browser, url: str, kind: str, args, replica_pid: int) -> dict:
    """One page load's marks and bytes, and the replica's CPU for it: from before navigating until
    ``SETTLE_S`` after paint, so the static files asked for late (fonts, chunks after paint) count too."""
    before = replica_cpu_seconds(replica_pid)
    marks = trace(browser, url, kind, args.mbps, args.rtt_ms)
    time.sleep(SETTLE_S)
    marks["replica_cpu_ms"] = round(1000 * (replica_cpu_seconds(replica_pid) - before))
    return marks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", default="home,teams")
    parser.add_argument("--mbps", type=float, default=0.0, help="throttle the browser to this many Mbit/s")
    parser.add_argument("--rtt-ms", type=float, default=0.0, help="and add this latency to each request")
    parser.add_argument("--out", type=Path, default=REPO / "artifacts" / "bench_protocols.json")
    args = parser.parse_args()
    pages = [p for p in args.pages.split(",") if p in PAGES]

    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    started = time.monotonic()
    results: dict = {p: {} for p in pages}
    failures: dict[str, int] = {}  # "page variant": loads that did not paint within the timeout
    extra: list[subprocess.Popen] = []
    with tempfile.TemporaryDirectory(prefix="atlas-bench-protocols-") as tmp:
        pem = self_signed(Path(tmp))
        with cluster_module.LocalCluster(replicas=1) as cluster:
            try:
                bases = {"replica": cluster.replica_url(0), "haproxy": cluster.url}
                for name, alpn in TLS_BINDS.items():
                    process, bases[name] = start_haproxy(cluster, name, f"{{address}} ssl crt {pem} {alpn}")
                    extra.append(process)
                process, bases["no-cache"] = start_haproxy(cluster, "no-cache", "{address}", edit=without_cache)
                extra.append(process)
                pid = cluster.processes["app1"].pid
                with sync_playwright() as pw:
                    browser = pw.chromium.launch(
                        executable_path=bench_trace.helpers.CHROMIUM, args=bench_trace.helpers.LAUNCH_ARGS
                    )
                    try:
                        for p in pages:  # warm-up, not counted (a page that does not paint here is counted below)
                            for base in bases.values():
                                with contextlib.suppress(PlaywrightTimeout):
                                    trace(browser, base + PAGES[p][0], PAGES[p][1], args.mbps, args.rtt_ms)
                        for i in range(args.runs):
                            for p in pages:
                                line = []
                                for name, base in bases.items():
                                    try:
                                        marks = measured_load(browser, base + PAGES[p][0], PAGES[p][1], args, pid)
                                    except PlaywrightTimeout:
                                        failures[f"{p} {name}"] = failures.get(f"{p} {name}", 0) + 1
                                        line.append(f"{name} no paint")
                                        continue
                                    results[p].setdefault(name, []).append(marks)
                                    line.append(f"{name} {marks['painted']:.0f}")
                                print(f"run {i + 1}/{args.runs} {p}: " + ", ".join(line) + " ms", flush=True)
                    finally:
                        browser.close()
            finally:
                for process in extra:
                    process.terminate()
                    process.wait(timeout=10)
    report = summarise(results)
    report.update(
        runs=args.runs,
        mbps=args.mbps,
        rtt_ms=args.rtt_ms,
        no_paint=failures,
        seconds=round(time.monotonic() - started, 1),
        load_average=os.getloadavg(),
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"when": time.strftime("%Y-%m-%dT%H:%M:%S%z"), **report}, indent=2))
    print_report(report)
    return 0


def summarise(results: dict) -> dict:
    out: dict = {"medians_ms": {}, "bytes": {}, "replica_cpu_ms": {}, "ratios": {}, "intervals": {}}
    for p, variants in results.items():
        out["medians_ms"][p] = {
            v: {m: bench_trace.median([r.get(m) for r in runs]) for m in bench_trace.MARKS}
            for v, runs in variants.items()
        }
        out["bytes"][p] = {v: {k: runs[-1][k] for k in BYTE_KEYS} for v, runs in variants.items()}
        out["replica_cpu_ms"][p] = {
            v: bench_trace.median([r["replica_cpu_ms"] for r in runs]) for v, runs in variants.items()
        }
        painted = {v: marks["painted"] for v, marks in out["medians_ms"][p].items()}
        loads = {v: [r.get("painted") for r in runs] for v, runs in variants.items()}
        pairs = [(v, "replica") for v in variants if v != "replica"] + [("haproxy", "no-cache")]
        out["ratios"][p], out["intervals"][p] = bench_trace.paired_ratios(painted, loads, pairs)
    return out


def print_report(report: dict) -> None:
    link = f"throttled to {report['mbps']:g} Mbit/s, +{report['rtt_ms']:g} ms" if report["mbps"] else "loopback"
    for p, variants in report["medians_ms"].items():
        print(f"\n{p}: medians of {report['runs']} runs, ms since navigation start ({link})")
        rows = {m: [marks[m] for marks in variants.values()] for m in bench_trace.MARKS}
        rows["replica_cpu_ms"] = list(report["replica_cpu_ms"][p].values())
        rows.update({key: [b[key] for b in report["bytes"][p].values()] for key in BYTE_KEYS})
        bench_trace.print_table(list(variants), rows)
        bench_trace.print_ratios(report["ratios"][p], report["intervals"][p])
    if report["no_paint"]:
        print(f"\nloads with no paint within the timeout (left out of the medians): {report['no_paint']}")
    print(f"\nload average during the run: {report['load_average']}; {report['seconds']} s")


if __name__ == "__main__":
    sys.exit(main())
