"""Client addresses through the proxy, and the limits on public suggestions."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor

import pytest

from coverage.listings import clients
from coverage.listings.store import Store

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("forwarded", "peer", "trusted", "expected"),
    [
        ("203.0.113.9", "10.0.0.2", 1, "203.0.113.9"),  # one proxy appended the client
        ("6.6.6.6, 203.0.113.9", "10.0.0.2", 1, "203.0.113.9"),  # the client's forged entry is ignored
        ("6.6.6.6, 203.0.113.9, 10.0.0.5", "10.0.0.2", 2, "203.0.113.9"),  # two proxies
        (None, "10.0.0.2", 1, None),  # a proxy is expected but did not say: unknown, not the proxy's address
        (None, "198.51.100.7", 0, "198.51.100.7"),  # no proxy: the peer
        ("not an address", "10.0.0.2", 1, None),
        ("2001:db8::1", None, 1, "2001:db8::1"),
    ],
)
def test_client_address(forwarded, peer, trusted, expected):
    assert clients.client_address(forwarded, peer, trusted) == expected


def test_keys_name_the_address_only_when_known():
    assert clients.client_keys("203.0.113.9", "abc") == ["address:203.0.113.9", "session:abc"]
    assert clients.client_keys(None, "abc") == ["session:abc"]


@pytest.fixture
def store(new_store_url):
    s = Store(new_store_url())
    yield s
    s.engine.dispose()


def test_one_client_is_limited_and_others_are_not(store, caplog):
    caplog.set_level(logging.WARNING, logger="coverage.listings.clients")
    keys = clients.client_keys("203.0.113.9", "one")
    outcomes = [clients.admit_suggestion(store, keys) for _ in range(8)]
    assert outcomes[:5] == [None] * 5
    assert all("5 suggestions in the last hour" in m for m in outcomes[5:])
    assert caplog.text.count("address:203.0.113.9 reached 5 suggestions") == 1  # logged once, not per refusal
    # A new session from the same address is still that client; another address is not.
    assert clients.admit_suggestion(store, clients.client_keys("203.0.113.9", "two")) is not None
    assert clients.admit_suggestion(store, clients.client_keys("198.51.100.7", "three")) is None


def test_the_overall_limit_holds_under_concurrency(store, monkeypatch):
    monkeypatch.setattr(clients, "SUGGESTIONS_OVERALL", 20)
    with ThreadPoolExecutor(8) as pool:
        outcomes = list(pool.map(lambda n: clients.admit_suggestion(store, [f"session:{n}"]), range(60)))
    assert outcomes.count(None) == 20
    assert all("unusual number of suggestions" in m for m in outcomes if m)
