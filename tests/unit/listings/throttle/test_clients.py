"""Client addresses through the proxy, and the limits on public suggestions."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor

import pytest

from coverage.listings.store import Store
from coverage.listings.throttle import clients

pytestmark = pytest.mark.unit


def test_keys_name_the_address_group_only_when_known():
    assert clients.client_keys("203.0.113.9", "abc") == ["address:203.0.113.9", "session:abc"]
    assert clients.client_keys(None, "abc") == ["session:abc"]
    # An IPv6 /64 is also counted within its /48, except for sign-in (a neighbour must not slow a reviewer).
    assert clients.client_keys("2001:db8:1:2::/64", "abc") == [
        "address:2001:db8:1:2::/64",
        "network:2001:db8:1::/48",
        "session:abc",
    ]
    assert clients.client_keys("2001:db8:1:2::/64", "abc", wide=False) == ["address:2001:db8:1:2::/64", "session:abc"]


@pytest.fixture
def store(new_store_url):
    s = Store(new_store_url())
    yield s
    s.engine.dispose()


def test_one_client_is_limited_and_others_are_not(store, caplog):
    caplog.set_level(logging.WARNING, logger="coverage.listings.throttle.clients")
    keys = clients.client_keys("203.0.113.9", "one")
    outcomes = [clients.admit_suggestion(store, keys)[0] for _ in range(8)]
    assert outcomes[:5] == [None] * 5
    assert all("5 suggestions in the last hour" in m for m in outcomes[5:])
    assert caplog.text.count("address:203.0.113.9 reached 5 suggestions") == 1  # logged once, not per refusal
    # A new session from the same address is still that client; another address is not.
    assert clients.admit_suggestion(store, clients.client_keys("203.0.113.9", "two"))[0] is not None
    assert clients.admit_suggestion(store, clients.client_keys("198.51.100.7", "three")) == (None, False)


def test_past_the_flood_mark_suggestions_are_held_not_refused_even_under_concurrency(store, monkeypatch):
    monkeypatch.setattr(clients, "FLOOD_AFTER", 20)
    with ThreadPoolExecutor(8) as pool:
        outcomes = list(pool.map(lambda n: clients.admit_suggestion(store, [f"session:{n}"]), range(60)))
    assert [m for m, _ in outcomes] == [None] * 60  # nobody is refused for what others sent
    assert sum(1 for _, held in outcomes if not held) == 20  # exactly the first 20 join the queue
    assert sum(1 for _, held in outcomes if held) == 40


def test_one_ipv6_allocation_cannot_take_endless_budgets(store):
    """New addresses in one /64 are one client; new /64s in one /48 share the wider limit."""
    grouped = [clients.client_keys("2001:db8:1:2::/64", f"s{n}") for n in range(8)]
    outcomes = [clients.admit_suggestion(store, keys)[0] for keys in grouped]
    assert outcomes.count(None) == clients.SUGGESTIONS_PER_CLIENT
    spread = [clients.client_keys(f"2001:db8:1:{n:x}::/64", f"t{n}") for n in range(3, 40)]
    admitted = [clients.admit_suggestion(store, keys)[0] for keys in spread].count(None)
    assert admitted == clients.SUGGESTIONS_PER_NETWORK - clients.SUGGESTIONS_PER_CLIENT
    other = clients.client_keys("2001:db8:2:1::/64", "u")  # another /48
    assert clients.admit_suggestion(store, other) == (None, False)
