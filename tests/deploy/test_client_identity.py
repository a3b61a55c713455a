"""A client cannot choose its own address: run directly and behind the shipped HAProxy.

Distinct clients are distinct loopback source addresses (127.0.0.2 and on) speaking Streamlit's
websocket protocol (tests/deploy/attacks.py). Each case claims made-up ``X-Forwarded-For``
addresses and checks that the per-client limits still hold, that a stranger cannot lock a
reviewer out, and that a flood leaves another address able to suggest with every flooded
suggestion kept. Each case uses its own source addresses, so the cases do not interact.
"""

from __future__ import annotations

import http.client
import json
import math
import time
from collections import Counter
from pathlib import Path

import pytest

from coverage.listings.accounts.auth import FREE_FAILURES, hash_password
from coverage.listings.store import FLOOD, Store
from coverage.listings.throttle import clients
from tests.deploy import attacks, cluster_tools, own_loop
from tests.support.browser import REVIEW_NAME, REVIEW_PASSWORD, start_app
from tests.support.prerequisites import unavailable

pytestmark = [pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
LIMIT = clients.SUGGESTIONS_PER_CLIENT


@pytest.fixture(scope="module")
def direct():
    """The app on its own with default settings (no proxy trusted)."""
    server = start_app()
    yield server.url, f"sqlite:///{server.temporary[0]}/atlas.sqlite"
    server.stop()


@pytest.fixture(scope="module")
def proxied():
    """The shipped HAProxy in front of one replica, on a throwaway PostgreSQL (deploy/local_cluster.py)."""
    reason = cluster_tools.missing_for_cluster()
    if reason:
        unavailable(reason)
    accounts = {REVIEW_NAME: hash_password(REVIEW_PASSWORD, iterations=1000)}
    with cluster_tools.cluster_module().LocalCluster(
        replicas=1, env={"ATLAS_REVIEW_ACCOUNTS": json.dumps(accounts)}
    ) as cluster:
        yield cluster.url, cluster.database_url


@pytest.fixture(params=["direct", "proxied"])
def app(request):
    """(url, store URL) of each way the app is run."""
    return request.getfixturevalue(request.param)


def _store(url: str) -> Store:
    return Store(url.replace("postgresql://", "postgresql+psycopg://", 1))


def test_claimed_addresses_do_not_lift_the_per_client_limit(app):
    url, _ = app
    outcomes = own_loop.run(attacks.spoofed_suggestions(url, source="127.0.0.2"))
    assert outcomes == ["stored"] * LIMIT + ["refused"] * (8 - LIMIT), outcomes


def test_a_stranger_claiming_the_reviewers_address_cannot_lock_them_out(app):
    url, _ = app
    result = own_loop.run(
        attacks.lockout(url, REVIEW_NAME, REVIEW_PASSWORD, stranger="127.0.0.11", reviewer="127.0.0.12")
    )
    assert result["stranger"][:FREE_FAILURES] == ["wrong"] * FREE_FAILURES  # the guesses were really checked
    assert result["reviewer"] == "ok", result


def test_guesses_under_new_claimed_addresses_are_throttled_as_one_client(app):
    url, _ = app
    started = time.monotonic()
    outcomes = own_loop.run(attacks.rotating_guesses(url, REVIEW_NAME, source="127.0.0.13"))
    elapsed = time.monotonic() - started
    assert outcomes[:FREE_FAILURES] == ["wrong"] * FREE_FAILURES, outcomes
    # After the free failures the client waits 2 s, then 4, 8, 16...: in ``elapsed`` seconds at most
    # about log2(elapsed) more guesses can be checked, however slowly this machine runs them.
    checked_later = outcomes[FREE_FAILURES:].count("wrong")
    assert checked_later <= 1 + math.log2(max(elapsed, 2.0)), (outcomes, elapsed)
    assert outcomes[FREE_FAILURES:].count("throttled") == 12 - FREE_FAILURES - checked_later


def test_a_flood_leaves_another_address_able_to_suggest_and_keeps_every_flooded_suggestion(app):
    url, store_url = app
    result = own_loop.run(attacks.flood(url, store_url, attacker="127.0.0.14", honest="127.0.0.15"))
    assert Counter(result["attacker"]) == {"stored": LIMIT, "refused": 8 - LIMIT}, result
    assert result["honest"] == "stored", result
    store = _store(store_url)
    try:
        kept = [s for s in store.submissions() if s["proposed"].get("name", "").startswith(("Junk", "Honest"))]
    finally:
        store.engine.dispose()
    assert len(kept) == LIMIT + 1  # every suggestion the page said was saved is there
    assert {s["status"] for s in kept} == {FLOOD}  # past the hour's flood mark: held apart for review


def test_haproxy_limits_websocket_opens_and_requests_per_address(proxied):
    url, _ = proxied
    limits = cluster_tools.cluster_module().LIMITS
    opens = attacks.websocket_opens(url, "127.0.0.20", limits["SESSIONS_PER_MINUTE"] + 5)
    assert opens == {"opened": limits["SESSIONS_PER_MINUTE"], "refused_429": 5}
    burst = attacks.requests_burst(url, "127.0.0.21", limits["REQUESTS_PER_10S"] + 10)
    assert burst.get("429", 0) >= 10 and burst.get("200", 0) <= limits["REQUESTS_PER_10S"]
    assert attacks.requests_burst(url, "127.0.0.22", 3) == {"200": 3}  # another address is untouched


def test_static_files_carry_one_cache_control_and_the_policy_connects_only_here(proxied):
    url, _ = proxied
    port = int(url.rsplit(":", 1)[1])
    for path, expected in (("/app/static/health.geojson?v=1", "public, max-age=86400, immutable"), ("/", None)):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=("127.0.0.23", 0))
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        conn.close()
        values = response.headers.get_all("Cache-Control")
        assert len(values) == 1, (path, values)
        if expected:
            assert values == [expected] and not response.headers.get_all("Set-Cookie")
    csp = dict(
        (part.split()[0], part.split()[1:]) for part in response.headers["Content-Security-Policy"].split(";") if part
    )
    assert csp["connect-src"][0] == "'self'" and not {"ws:", "wss:", "*"} & set(csp["connect-src"])
