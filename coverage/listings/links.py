"""Link check for the directory: is each team's website and source page still there, or has it moved?

``python -m coverage check-links`` checks every ``website`` and ``source_url`` and writes the
results, with the date, to ``state/link-check.json`` (runtime state beside the corrections
database, so the deterministic build and ``data/`` are untouched). The Review page reads that
file to show reviewers which listings point at dead or moved pages.

Manners: a bounded pool of workers; one request at a time per host, spaced by a pause; timeouts;
redirects followed (at most ``MAX_REDIRECTS``) and the chain recorded; a page that answers 429
or 503 is retried once, waiting at most ``RETRY_AFTER_MAX`` seconds. Only the status and
headers are read, never the page body. Certificates are always verified.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import ReadTimeoutError
from urllib3.util.retry import Retry

from coverage import paths

FIELDS = ("website", "source_url")
RESULTS_FILE = "link-check.json"
MAX_REDIRECTS = 10
RETRY_AFTER_MAX = 10
USER_AGENT = (
    "ParentInfantCoverageAtlas-linkcheck/1.0 (python-requests; checks that listed services' pages "
    "still exist, one request per host at a time)"
)
STATES = {"ok": "works", "moved": "moved (redirects elsewhere)", "dead": "dead", "invalid": "not a web address"}


def default_results_path() -> Path:
    return Path(os.environ.get("ATLAS_STATE_DIR", paths.PROJECT_ROOT / "state")) / RESULTS_FILE


def collect_links(teams: pd.DataFrame) -> list[dict]:
    """One row per (team, field) with a non-empty link."""
    links = []
    for row in teams.itertuples():
        for field in FIELDS:
            url = str(getattr(row, field, "") or "").strip()
            if url:
                links.append({"team_id": row.team_id, "name": row.name, "field": field, "url": url})
    return links


def _session(timeout_retries: int = 1) -> requests.Session:
    retry = Retry(
        total=timeout_retries,
        connect=0,
        read=0,
        redirect=False,  # requests itself follows redirects and records them
        status=timeout_retries,
        status_forcelist=(429, 503),
        allowed_methods=frozenset({"GET", "HEAD"}),
        respect_retry_after_header=True,
        retry_after_max=RETRY_AFTER_MAX,
        backoff_factor=0.5,
        raise_on_status=False,
    )
    session = requests.Session()
    adapter = HTTPAdapter(max_retries=retry, pool_maxsize=4)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    session.headers["User-Agent"] = USER_AGENT
    session.max_redirects = MAX_REDIRECTS
    return session


def check_url(session: requests.Session, url: str, timeout: tuple[float, float]) -> dict:
    """State (ok, moved, dead, invalid), final status and URL, the redirect chain and a short reason."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return {"state": "invalid", "status": None, "final_url": "", "redirects": [], "detail": "not an http(s) link"}
    try:
        with session.get(url, timeout=timeout, stream=True, allow_redirects=True) as r:
            chain = [{"status": h.status_code, "url": h.url} for h in r.history]
            status, final = r.status_code, r.url
    except requests.exceptions.TooManyRedirects:
        return _dead(f"redirect loop (more than {MAX_REDIRECTS} redirects)")
    except requests.exceptions.Timeout:
        return _dead(f"no answer within {timeout[1]:g} s")
    except requests.exceptions.SSLError:
        return _dead("TLS certificate problem")
    except requests.exceptions.ConnectionError as exc:
        if isinstance(getattr(exc.args[0] if exc.args else None, "reason", None), ReadTimeoutError):
            return _dead(f"no answer within {timeout[1]:g} s")
        return _dead("could not connect (site gone or name not found)")
    except requests.exceptions.RequestException as exc:
        return _dead(f"request failed ({type(exc).__name__})")
    if status >= 400:
        state, detail = "dead", f"HTTP {status}"
    elif chain and final.rstrip("/") != url.rstrip("/"):
        state, detail = "moved", f"now at {final}"
    else:
        state, detail = "ok", f"HTTP {status}"
    return {"state": state, "status": status, "final_url": final, "redirects": chain, "detail": detail}


def _dead(detail: str) -> dict:
    return {"state": "dead", "status": None, "final_url": "", "redirects": [], "detail": detail}


class HostPacer:
    """One request at a time per host, at least ``pause`` seconds apart."""

    def __init__(self, pause: float):
        self.pause = pause
        self._locks: dict[str, threading.Lock] = {}
        self._last: dict[str, float] = {}
        self._guard = threading.Lock()

    def lock(self, host: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(host, threading.Lock())

    def wait(self, host: str) -> None:
        delay = self._last.get(host, -1e9) + self.pause - time.monotonic()
        if delay > 0:
            time.sleep(delay)

    def done(self, host: str) -> None:
        self._last[host] = time.monotonic()


def check_links(
    links: list[dict], workers: int = 8, pause: float = 1.0, timeout: tuple[float, float] = (5.0, 15.0)
) -> list[dict]:
    """Check every link with a bounded pool and per-host pacing; results in the input order."""
    session = _session()
    pacer = HostPacer(pause)
    checked: dict[str, dict] = {}  # the same URL listed twice is fetched once

    def one(url: str) -> dict:
        host = urlsplit(url).netloc.lower()
        with pacer.lock(host):
            if url in checked:
                return checked[url]
            pacer.wait(host)
            try:
                result = check_url(session, url, timeout)
            finally:
                pacer.done(host)
            checked[url] = result
            return result

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        results = list(pool.map(one, [link["url"] for link in links]))
    return [dict(link, **result) for link, result in zip(links, results)]


def check_directory_links(teams: pd.DataFrame, today: dt.date | None = None, **options) -> dict:
    links = check_links(collect_links(teams), **options)
    return {"checked_on": (today or dt.date.today()).isoformat(), "links": links}


def save_results(results: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def load_results(path: Path | None = None) -> dict | None:
    """The last saved link check, or None when there is none (or it cannot be read)."""
    try:
        doc = json.loads((path or default_results_path()).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return doc if isinstance(doc, dict) and isinstance(doc.get("links"), list) else None


def problem_links(results: dict) -> pd.DataFrame:
    """Dead, moved and invalid links, for reviewers: one row each, worst first."""
    order = {"dead": 0, "invalid": 1, "moved": 2}
    rows = [
        {
            "team_id": str(r.get("team_id", "")),
            "team": str(r.get("name", "")),
            "link": "website" if r.get("field") == "website" else "source",
            "state": STATES.get(r.get("state", ""), str(r.get("state", ""))),
            "detail": str(r.get("detail", "")),
            "url": str(r.get("url", "")),
            "_order": order[r.get("state")],
        }
        for r in results.get("links", [])
        if r.get("state") in order
    ]
    frame = pd.DataFrame(rows, columns=["team_id", "team", "link", "state", "detail", "url", "_order"])
    return frame.sort_values(["_order", "team_id", "link"], kind="stable").drop(columns="_order").reset_index(drop=True)
