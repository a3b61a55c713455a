"""The issue's attacks on client identity, as a client would make them, against a running app.

Each attack speaks Streamlit's websocket protocol (tests/bench/st_protocol.py) from a chosen
loopback source address (127.0.0.2 and on: distinct clients on one machine), optionally
claiming an ``X-Forwarded-For`` of its own, and reports what happened, so the same code
measures an old version and asserts on the new one (tests/deploy/test_client_identity.py).

    python -m tests.deploy.attacks http://127.0.0.1:8501 sqlite:///state/atlas.sqlite
"""

from __future__ import annotations

import datetime as dt
import http.client
import json
import sys
from urllib.parse import urlsplit

import sqlalchemy as sa
import websockets

from coverage.listings.store import throttle_events
from tests.bench.st_protocol import TRIGGER, ProtocolError, Session
from tests.deploy import own_loop

NEW_TEAM = {
    "Team name": "Flood test team",
    "Areas served (codes or names, separated by ;)": "Hartlepool",
    "Your email (for our reply only; never shown)": "lead@example.org",
    "A public page about the team": "https://example.org/team",
}
STORED = "saved with reference"
REFUSED = "suggestions in the last hour"
REFUSED_FOR_ALL = "unusual number of suggestions"  # the old global cap's refusal
WRONG = "That name and password are not right"
THROTTLED = "Too many wrong passwords"


async def _session(url: str, source: str, forwarded: str | None) -> Session:
    session = Session(url, source=source, headers={"X-Forwarded-For": forwarded} if forwarded else None)
    await session.open()
    return session


async def suggest(url: str, source: str, forwarded: str | None = None, name: str = "Flood test team") -> str:
    """One new-team suggestion from a fresh session: "stored", "refused", or what else the page said."""
    session = await _session(url, source, forwarded)
    try:
        await session.run(page="check")
        sent = await session.run(page="check", changes={**NEW_TEAM, "Team name": name, "Send the new team": TRIGGER})
    finally:
        await session.close()
    text = sent.text()
    if sent.exceptions:
        return "exception: " + "; ".join(sent.exceptions)
    if STORED in text:
        return "stored"
    if REFUSED in text:
        return "refused"
    return "refused for everyone" if REFUSED_FOR_ALL in text else "other: " + text[-300:]


async def sign_in(url: str, source: str, name: str, password: str, forwarded: str | None = None) -> str:
    """One reviewer sign-in from a fresh session: "ok", "wrong", "throttled" or the page's text."""
    session = await _session(url, source, forwarded)
    try:
        await session.run(page="review")
        done = await session.run(
            page="review",
            changes={"Your name (recorded with each decision)": name, "Reviewer password": password}
            | {"Sign in": TRIGGER},
        )
    finally:
        await session.close()
    text = done.text()
    if THROTTLED in text:
        return "throttled"
    if WRONG in text:
        return "wrong"
    return "ok" if "Signed in as" in text else "other: " + text[-300:]


def websocket_opens(url: str, source: str, count: int) -> dict[str, int]:
    """Open (and close) ``count`` websockets as fast as one client can; how many were let in, how many refused."""

    async def one() -> str:
        parts = urlsplit(url)
        try:
            ws = await websockets.connect(
                f"ws://{parts.netloc}/_stcore/stream",
                subprotocols=["streamlit"],
                additional_headers={"Origin": url},
                local_addr=(source, 0),
                open_timeout=20,
                ping_interval=None,
            )
        except websockets.InvalidStatus as exc:
            return str(exc.response.status_code)
        await ws.close()
        return "open"

    async def all_of() -> list[str]:
        return [await one() for _ in range(count)]

    outcomes = own_loop.run(all_of())
    return {"opened": outcomes.count("open"), "refused_429": outcomes.count("429")}


def requests_burst(url: str, source: str, count: int) -> dict[str, int]:
    """``count`` quick GETs of the health check from one client: statuses seen."""
    parts = urlsplit(url)
    seen: dict[str, int] = {}
    for _ in range(count):
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10, source_address=(source, 0))
        try:
            conn.request("GET", "/_stcore/health")
            status = str(conn.getresponse().status)
        finally:
            conn.close()
        seen[status] = seen.get(status, 0) + 1
    return seen


def seed_flood(store_url: str, total: int) -> None:
    """Make the hour's suggestions from everyone number ``total``, as a flood in progress would have."""
    engine = sa.create_engine(store_url.replace("postgresql://", "postgresql+psycopg://", 1))
    at = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    row = {"kind": "suggestion", "key": "everyone", "at": at, "ok": False}
    with engine.begin() as conn:
        counted = conn.execute(
            sa.select(sa.func.count()).where(
                throttle_events.c.kind == "suggestion", throttle_events.c.key == "everyone"
            )
        ).scalar_one()
        if total > counted:
            conn.execute(throttle_events.insert(), [row] * (total - counted))
    engine.dispose()


def statuses(store_url: str) -> dict[str, int]:
    engine = sa.create_engine(store_url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT status, count(*) FROM submissions GROUP BY status")).all()
    engine.dispose()
    return {status: n for status, n in rows}


async def spoofed_suggestions(url: str, source: str = "127.0.0.2", count: int = 8) -> list[str]:
    """One client claiming a new made-up address for every suggestion."""
    return [await suggest(url, source, f"10.9.0.{n + 1}", f"Spoof {n}") for n in range(count)]


async def lockout(
    url: str, name: str, password: str, stranger: str = "127.0.0.2", reviewer: str = "127.0.0.3", guesses: int = 7
) -> dict:
    """A stranger claiming to be the reviewer's address guesses wrong passwords; then the reviewer signs in."""
    wrong = [await sign_in(url, stranger, name, f"guess-{n}", forwarded=reviewer) for n in range(guesses)]
    return {"stranger": wrong, "reviewer": await sign_in(url, reviewer, name, password)}


async def rotating_guesses(url: str, name: str, source: str = "127.0.0.6", count: int = 12) -> list[str]:
    """Wrong passwords from one client claiming a new address each time: how many were ever throttled."""
    return [await sign_in(url, source, name, f"guess-{n}", forwarded=f"10.8.0.{n + 1}") for n in range(count)]


async def flood(
    url: str, store_url: str, attacker: str = "127.0.0.4", honest: str = "127.0.0.5", sent: int = 8
) -> dict:
    """A flood near the hour's mark: one client rotating made-up addresses, then an honest visitor elsewhere."""
    seed_flood(store_url, 195)  # the old global cap was 200 an hour; the new flood mark is 100
    junk = [await suggest(url, attacker, f"10.7.0.{n + 1}", f"Junk {n}") for n in range(sent)]
    honest_outcome = await suggest(url, honest, None, "Honest team")
    return {"attacker": junk, "honest": honest_outcome, "statuses": statuses(store_url)}


def main(url: str, store_url: str, name: str, password: str) -> None:
    results = {}
    for label, coro in (
        ("spoofed_suggestions", lambda: spoofed_suggestions(url)),
        ("lockout", lambda: lockout(url, name, password)),
        ("rotating_guesses", lambda: rotating_guesses(url, name)),
        ("flood", lambda: flood(url, store_url)),
    ):
        try:
            results[label] = own_loop.run(coro())
        except ProtocolError as exc:
            results[label] = f"protocol error: {exc}"
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main(*sys.argv[1:5])
