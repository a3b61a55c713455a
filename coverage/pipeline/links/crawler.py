"""Link check for the directory: is each team's website and source page still there, or has it moved?

``python -m coverage check-links`` checks every ``website`` and ``source_url`` of the directory
as reviewed (:mod:`coverage.pipeline.links.live`) and writes the results, with the date, to
``state/link-check.json`` (runtime state beside the corrections database, so the deterministic
build and ``data/`` are untouched; the file's format and its readers live in
:mod:`coverage.listings.health.link_results`, so the pages never import the pipeline).

Every request stays outside the network (:mod:`coverage.pipeline.links.outside`): a link, or any hop
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
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urldefrag, urljoin, urlsplit

import pandas as pd

from coverage.listings.workflow import web_address
from coverage.pipeline.links import outside

FIELDS = ("website", "source_url")
MAX_REDIRECTS = 10
RETRY_AFTER_MAX = 10
LINK_TIME_LIMIT = 30.0  # seconds for one link, all its hops and its one retry together
REDIRECTS = frozenset({301, 302, 303, 307, 308})


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

    Each hop is one vetted request (:func:`coverage.pipeline.links.outside.get_headers`); all hops, and
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
