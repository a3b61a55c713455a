#!/usr/bin/env python3
"""N Streamlit replicas behind HAProxy on one throwaway PostgreSQL, all on 127.0.0.1.

    python deploy/local_cluster.py up --replicas 3          # foreground; Ctrl-C stops everything
    python deploy/local_cluster.py start --replicas 3 --state-dir /tmp/atlas-cluster
    python deploy/local_cluster.py stop --state-dir /tmp/atlas-cluster

This is the production shape in miniature, for the load benchmark, the fault drills and the
replica test: the replicas share nothing but the database, and HAProxy (deploy/haproxy.cfg.template)
keeps each browser on its replica. PostgreSQL is a cluster of its own made with ``initdb`` in the
state folder, on a free port with a generated password: never a cluster someone else uses, so it
can be killed and restarted at will. ``stop`` ends exactly the processes ``start`` recorded.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

logger = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).with_name("haproxy.cfg.template")
HOST = "127.0.0.1"
PG_BIN_DIRS = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name), reverse=True)
HAPROXY = shutil.which("haproxy") or "/usr/sbin/haproxy"
# What deploy/README.md recommends for every replica (the environment overrides): two glibc
# malloc arenas instead of one per script-run thread, and a closed tab's session kept 60 s
# for a reconnect instead of 120 s; both give memory back sooner (measured in the README).
REPLICA_DEFAULTS = {"MALLOC_ARENA_MAX": "2", "STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL": "60"}
DB_USER = "atlas"
DB_NAME = "atlas"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def healthy(url: str, timeout: float = 2.0, context: ssl.SSLContext | None = None) -> bool:
    """Whether the server at ``url`` answers Streamlit's health check (``context``: for an https URL)."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=timeout, context=context) as r:
            return r.status == 200 and r.read().strip() == b"ok"
    except OSError:
        return False


def wait_for(check, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise RuntimeError(f"{what} not ready within {timeout:.0f}s")


def pg_bin(name: str) -> str:
    for folder in PG_BIN_DIRS:
        if (folder / name).exists():
            return str(folder / name)
    found = shutil.which(name)
    if not found:
        raise RuntimeError(f"PostgreSQL's {name} is not installed (Debian: apt-get install postgresql)")
    return found


# Per client address (deploy/README.md): requests in 10 s, and websocket opens (new sessions) a minute.
LIMITS = {"REQUESTS_PER_10S": 1000, "SESSIONS_PER_MINUTE": 30}


def render_haproxy(
    bind: str, servers: list[tuple[str, str]], maxconn: int = 2000, limits: dict[str, int] | None = None
) -> str:
    """The template with the public address, one ``server`` line per (name, host:port) and the per-client limits."""
    lines = "\n".join(f"    server {name} {address} check cookie {name}" for name, address in servers)
    text = (
        TEMPLATE.read_text(encoding="utf-8")
        .replace("@BIND@", bind)
        .replace("@MAXCONN@", str(maxconn))
        .replace("@SERVERS@", lines)
    )
    for marker, value in {**LIMITS, **(limits or {})}.items():
        text = text.replace(f"@{marker}@", str(int(value)))
    return text


@dataclass
class Postgres:
    """A PostgreSQL cluster of our own in ``folder``: initdb'd once, started and stopped by pg_ctl."""

    folder: Path
    port: int = 0
    password: str = ""

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def url(self) -> str:
        return f"postgresql://{DB_USER}:{self.password}@{HOST}:{self.port}/{DB_NAME}"

    def _as_owner(self, cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
        # initdb and postgres refuse to run as root: run them as Debian's postgres user then
        if os.geteuid() == 0:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=120, **kwargs)

    def init(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.port = self.port or free_port()
        self.password = self.password or secrets.token_urlsafe(18)
        pwfile = self.folder / "pwfile"
        pwfile.write_text(self.password + "\n", encoding="utf-8")
        pwfile.chmod(0o600)
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
            shutil.chown(pwfile, "postgres")
            self.folder.parent.chmod(self.folder.parent.stat().st_mode | 0o011)  # traversable, not listable
        self._as_owner(
            [pg_bin("initdb"), "-D", str(self.data), "-U", DB_USER, "--pwfile", str(pwfile)]
            + ["--auth=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]
        )
        pwfile.unlink()
        self.start()
        env = {**os.environ, "PGPASSWORD": self.password}
        subprocess.run(
            [pg_bin("createdb"), "-h", HOST, "-p", str(self.port), "-U", DB_USER, DB_NAME],
            check=True,
            capture_output=True,
            env=env,
            timeout=60,
        )

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses={HOST} -k {self.folder} -c fsync=off -c max_connections=200"
        self._as_owner(
            [pg_bin("pg_ctl"), "-D", str(self.data), "-l", str(self.folder / "postgres.log"), "-o", options]
            + ["-w", "-t", "60", "start"]
        )

    def stop(self, mode: str = "fast") -> None:
        if (self.data / "postmaster.pid").exists():
            self._as_owner([pg_bin("pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop"])

    def restart(self, down_seconds: float = 0.0) -> None:
        """Stop (immediately, as a crash would look to the app), stay down a while, start again."""
        self.stop(mode="immediate")
        time.sleep(down_seconds)
        self.start()


@dataclass
class LocalCluster:
    """Replicas + HAProxy + PostgreSQL on 127.0.0.1; use as a context manager or start()/stop()."""

    replicas: int = 2
    state_dir: Path | None = None
    port: int = 0
    env: dict[str, str] = field(default_factory=dict)
    limits: dict[str, int] = field(default_factory=dict)  # per-client limits (LIMITS) to change
    postgres: Postgres | None = None
    replica_ports: list[int] = field(default_factory=list)
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    pids: dict[str, int] = field(default_factory=dict)
    _own_state_dir: bool = False

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def replica_url(self, index: int) -> str:
        return f"http://{HOST}:{self.replica_ports[index]}"

    @property
    def database_url(self) -> str:
        return self.postgres.url

    def __enter__(self) -> LocalCluster:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self, timeout: float = 120.0) -> None:
        if self.state_dir is None:
            self.state_dir = Path(tempfile.mkdtemp(prefix="atlas-cluster-"))
            self._own_state_dir = True
        self.state_dir.mkdir(parents=True, exist_ok=True)
        try:
            self.postgres = Postgres(self.state_dir / "postgres")
            self.postgres.init()
            self.port = self.port or free_port()
            self.replica_ports = [free_port() for _ in range(self.replicas)]
            for i in range(self.replicas):
                self.start_replica(i)
            for i in range(self.replicas):
                wait_for(lambda i=i: healthy(self.replica_url(i)), timeout, f"replica {i + 1}")
            self._start_haproxy()
            wait_for(lambda: healthy(self.url), 30, "HAProxy")
            self._save()
        except Exception:
            self.stop()
            raise

    def replica_env(self) -> dict[str, str]:
        env = {
            **REPLICA_DEFAULTS,
            **os.environ,
            "DATABASE_URL": self.database_url,
            "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
            "PYTHONUNBUFFERED": "1",
            # uvicorn takes the client's address from X-Forwarded-For only on connections from
            # HAProxy's own address (which replaced the header with the connection's source).
            "FORWARDED_ALLOW_IPS": HOST,
            **self.env,
        }
        env.pop("ATLAS_STATE_DIR", None)
        return env

    def start_replica(self, index: int) -> None:
        name = f"app{index + 1}"
        cmd = [sys.executable, "-m", "streamlit", "run", "app.py"]
        cmd += ["--server.port", str(self.replica_ports[index]), "--server.address", HOST]
        cmd += ["--server.headless", "true", "--server.fileWatcherType", "none"]
        log = (self.state_dir / f"{name}.log").open("ab")
        self.processes[name] = subprocess.Popen(
            cmd, cwd=REPO, env=self.replica_env(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        log.close()
        self.pids[name] = self.processes[name].pid

    def kill_replica(self, index: int) -> None:
        """SIGKILL, as a crashed machine: no goodbye to its sessions."""
        process = self.processes[f"app{index + 1}"]
        process.kill()
        process.wait(timeout=10)

    def wait_replica(self, index: int, timeout: float = 120.0) -> None:
        wait_for(lambda: healthy(self.replica_url(index)), timeout, f"replica {index + 1}")

    def _start_haproxy(self) -> None:
        servers = [(f"app{i + 1}", f"{HOST}:{p}") for i, p in enumerate(self.replica_ports)]
        config = self.state_dir / "haproxy.cfg"
        config.write_text(render_haproxy(f"{HOST}:{self.port}", servers, limits=self.limits), encoding="utf-8")
        check = subprocess.run([HAPROXY, "-c", "-q", "-f", str(config)], capture_output=True, text=True, timeout=30)
        if check.returncode != 0:
            raise RuntimeError(f"haproxy rejected {config}: {check.stderr or check.stdout}")
        log = (self.state_dir / "haproxy.log").open("ab")
        self.processes["haproxy"] = subprocess.Popen(
            [HAPROXY, "-db", "-f", str(config)], stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        log.close()
        self.pids["haproxy"] = self.processes["haproxy"].pid

    def _save(self) -> None:
        record = {
            "url": self.url,
            "database_url": self.database_url,
            "replica_urls": [self.replica_url(i) for i in range(self.replicas)],
            "pids": self.pids,
            "postgres": str(self.postgres.folder),
        }
        path = self.state_dir / "cluster.json"
        path.write_text(json.dumps(record, indent=2), encoding="utf-8")
        path.chmod(0o600)  # it holds the database password

    def stop(self) -> None:
        for name in ["haproxy", *[n for n in self.processes if n != "haproxy"]]:
            process = self.processes.get(name)
            if process is None or process.poll() is not None:
                continue
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        if self.postgres is not None:
            try:
                self.postgres.stop()
            except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
                logger.warning("PostgreSQL did not stop cleanly: %s", exc)
        if self._own_state_dir and self.state_dir is not None:
            shutil.rmtree(self.state_dir, ignore_errors=True)


def stop_recorded(state_dir: Path) -> None:
    """Stop what ``start`` recorded in ``state_dir/cluster.json`` (only those pids, only if still ours)."""
    record = json.loads((state_dir / "cluster.json").read_text(encoding="utf-8"))
    for name, pid in record["pids"].items():
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue  # already gone
        if b"streamlit" not in cmdline and b"haproxy" not in cmdline:
            continue  # the pid was reused by something else: not ours to stop
        os.kill(pid, signal.SIGTERM)
        print(f"stopped {name} (pid {pid})")
    Postgres(Path(record["postgres"])).stop()
    print("stopped PostgreSQL")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["up", "start", "stop"])
    parser.add_argument("--replicas", type=int, default=3)
    parser.add_argument("--port", type=int, default=0, help="HAProxy's port (default: a free one)")
    parser.add_argument("--state-dir", type=Path, help="logs, PostgreSQL data, cluster.json")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if args.command == "stop":
        if not args.state_dir:
            parser.error("stop needs --state-dir")
        stop_recorded(args.state_dir)
        return 0
    cluster = LocalCluster(replicas=args.replicas, state_dir=args.state_dir, port=args.port)
    cluster.start()
    print(f"{args.replicas} replicas behind {cluster.url} (state: {cluster.state_dir})", flush=True)
    if args.command == "start":
        cluster.processes.clear()  # detached: `stop --state-dir` ends them
        return 0
    stopping = False

    def _stop(*_args) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    try:
        while not stopping:
            time.sleep(0.5)
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
