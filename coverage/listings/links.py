"""Link check for the directory: is each team's website and source page still there, or has it moved?

``python -m coverage check-links`` checks every ``website`` and ``source_url`` of the directory
as reviewed and writes the results, with the date, to ``state/link-check.json`` (runtime state
beside the corrections database, so the deterministic build and ``data/`` are untouched). The
Review page reads that file to show reviewers which listings point at dead or moved pages.

Every request stays outside the network (:mod:`coverage.listings.outside`): a link, or any hop
it redirects through, that points inside is reported as "refused", never fetched. Manners: a
bounded pool of workers; one request at a time per host, spaced by a pause; per-read timeouts and
one overall limit per link; redirects followed one vetted hop at a time (at most
``MAX_REDIRECTS``) and the chain recorded; a page that answers 429 or 503 is retried once,
waiting at most ``RETRY_AFTER_MAX`` seconds. Only the status and headers are read, never the
page body. Certificates are always verified.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pandas as pd

from coverage import paths
from coverage.listings import corrections, outside, store, web_address
from coverage.model.directory import load_directory

FIELDS = ("website", "source_url")
RESULTS_FILE = "link-check.json"
MAX_REDIRECTS = 10
RETRY_AFTER_MAX = 10
LINK_TIME_LIMIT = 30.0  # seconds for one link, all its hops and its one retry together
REDIRECTS = frozenset({301, 302, 303, 307, 308})
STATES = {
    "ok": "works",
    "moved": "moved (redirects elsewhere)",
    "dead": "dead",
    "refused": "refused (points inside the network)",
    "invalid": "not a web address",
}


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


def _retry_wait(value: str | None) -> float:
    """Seconds a 429 or 503 asks us to wait (``Retry-After`` as seconds or a date), capped."""
    if not value:
        return 0.5
    text = value.strip()
    if text.isdigit():
        return min(float(text), RETRY_AFTER_MAX)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return 0.5
    return min(max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds()), RETRY_AFTER_MAX)


def check_url(
    url: str,
    timeout: tuple[float, float] = (5.0, 15.0),
    *,
    limit: float = LINK_TIME_LIMIT,
    policy: outside.Policy = outside.PUBLIC_ONLY,
    resolver: outside.Resolver = outside.system_resolver,
) -> dict:
    """State (ok, moved, dead, refused, invalid), final status and URL, the redirect chain and a short reason.

    Each hop is one vetted request (:func:`coverage.listings.outside.get_headers`); all hops, and
    the one retry of a 429 or 503, share one deadline of ``limit`` seconds.
    """
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return {"state": "invalid", "status": None, "final_url": "", "redirects": [], "detail": "not an http(s) link"}
    deadline = outside.Deadline(limit)
    chain: list[dict] = []
    current, retried = url, False
    while True:
        try:
            answer = outside.get_headers(current, deadline, timeout, policy, resolver)
        except outside.Refused as exc:
            where = f"reached by redirect {len(chain)}" if chain else "the listed address"
            return _result("refused", f"{exc} ({where})", chain)
        except (outside.TimedOut, outside.Unreachable) as exc:
            return _result("dead", str(exc), chain)
        if answer.status in (429, 503) and not retried and _retry_wait(answer.retry_after) < deadline.left():
            time.sleep(_retry_wait(answer.retry_after))
            retried = True
            continue
        if answer.status in REDIRECTS and answer.location:
            if len(chain) >= MAX_REDIRECTS:
                return _result("dead", f"redirect loop (more than {MAX_REDIRECTS} redirects)", chain)
            chain.append({"status": answer.status, "url": current})
            current = urldefrag(urljoin(current, answer.location.strip())).url
            continue
        break
    status = answer.status
    if status >= 400:
        state, detail = "dead", f"HTTP {status}"
    elif chain and current.rstrip("/") != url.rstrip("/"):
        state, detail = "moved", f"now at {current}"
    else:
        state, detail = "ok", f"HTTP {status}"
    return {"state": state, "status": status, "final_url": current, "redirects": chain, "detail": detail}


def _result(state: str, detail: str, chain: list[dict]) -> dict:
    """A link that gave no final answer: where it stopped is not echoed (it may be an inside address)."""
    return {"state": state, "status": None, "final_url": "", "redirects": chain, "detail": detail}


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
    links: list[dict], workers: int = 8, pause: float = 1.0, timeout: tuple[float, float] = (5.0, 15.0), **vetting
) -> list[dict]:
    """Check every link with a bounded pool and per-host pacing; results in the input order.

    ``vetting`` passes ``limit``, ``policy`` and ``resolver`` on to :func:`check_url`.
    """
    pacer = HostPacer(pause)
    checked: dict[str, dict] = {}  # the same URL listed twice is fetched once

    def one(url: str) -> dict:
        host = (web_address.split(url) or urlsplit("")).netloc.lower()
        with pacer.lock(host):
            if url in checked:
                return checked[url]
            pacer.wait(host)
            try:
                result = check_url(url, timeout, **vetting)
            finally:
                pacer.done(host)
            checked[url] = result
            return result

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        results = list(pool.map(one, [link["url"] for link in links]))
    return [dict(link, **result) for link, result in zip(links, results)]


def check_directory_links(teams: pd.DataFrame, today: dt.date | None = None, directory: str = "", **options) -> dict:
    """One run's results: the date, which directory was checked, every team it saw and each link's state."""
    links = check_links(collect_links(teams), **options)
    return {
        "checked_on": (today or dt.date.today()).isoformat(),
        "directory": directory,
        "teams": [str(t) for t in teams["team_id"]],
        "links": links,
    }


def reviewed_directory(known_codes: dict[str, set[str]], shipped: Path) -> tuple[pd.DataFrame, str]:
    """The directory as reviewed (the store's newest version), else the shipped file; and which it was.

    An SQLite store that was never created is not created here: the shipped file is checked and
    that is said. A store that exists but cannot be read raises (``store.UNAVAILABLE``), as does a
    stored version that no longer reads cleanly (``StoreError``): checking some other directory
    instead would report changes that never happened.
    """
    url = store.default_url()
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).is_file():
        return _shipped(known_codes, shipped, "no corrections store yet")
    held = store.Store(url)
    text, version = held.directory_csv(), held.head_version()
    held.engine.dispose()
    if text is None:
        return _shipped(known_codes, shipped, "no reviewed version in the corrections store yet")
    frame, problems = corrections.reparse(text, known_codes)
    if problems:
        raise store.StoreError(f"directory version {version} no longer reads cleanly (first problem: {problems[0]})")
    return frame, f"the reviewed directory (version {version} in the corrections store)"


def _shipped(known_codes: dict[str, set[str]], shipped: Path, why: str) -> tuple[pd.DataFrame, str]:
    teams, _ = load_directory(shipped, known_codes)
    return teams, f"the shipped {shipped.name} ({why})"


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
    """Refused, dead, moved and invalid links, for reviewers: one row each, worst first."""
    order = {"refused": 0, "dead": 1, "invalid": 2, "moved": 3}
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
