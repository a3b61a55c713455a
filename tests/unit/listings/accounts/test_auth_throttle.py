"""Reviewer sign-in: named accounts, throttled per client with backoff, never a global lockout."""

from __future__ import annotations

import datetime as dt
import logging
from concurrent.futures import ThreadPoolExecutor

import pytest

from coverage.listings.accounts import auth
from coverage.listings.store import Store
from coverage.listings.throttle.clients import client_keys

pytestmark = pytest.mark.unit

PASSWORD = "a long test password"
ACCOUNTS = {"Reviewer One": auth.hash_password(PASSWORD, iterations=1000)}
T0 = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC)


def at(seconds: float) -> dt.datetime:
    return T0 + dt.timedelta(seconds=seconds)


@pytest.fixture
def store(new_store_url):
    s = Store(new_store_url())
    yield s
    s.engine.dispose()


def test_backoff_doubles_after_the_free_failures_and_caps():
    assert auth.wait_needed([at(0)] * 4, at(0)) == dt.timedelta(0)  # 4 < 5 free
    assert auth.wait_needed([at(0)] * 5, at(0)) == dt.timedelta(seconds=2)  # 5th failure: 2 s
    assert auth.wait_needed([at(0)] * 6, at(1)) == dt.timedelta(seconds=3)  # 6th: 4 s after the last
    assert auth.wait_needed([at(0)] * 13, at(0)) == dt.timedelta(minutes=5)  # 2**9 s capped at 5 min
    assert auth.wait_needed([at(0)] * 30, at(60)) == dt.timedelta(minutes=14)  # the cap: until the window ends


def test_60_wrong_passwords_from_12_sessions_do_not_stop_another_client(store, caplog):
    caplog.set_level(logging.WARNING, logger="coverage.listings.accounts.auth")
    messages = []
    for session in range(12):
        for _ in range(5):
            ok, message = auth.attempt(store, client_keys("203.0.113.9", f"s{session}"), "Reviewer One", "x", ACCOUNTS)
            assert not ok
            messages.append(message)
    # The address waits 2 s after its 5th failure, then 4 s: a 6th check only on a very slow run.
    checked = messages.count("That name and password are not right.")
    assert 5 <= checked <= 6
    assert sum("Too many wrong passwords" in m for m in messages) == 60 - checked
    assert caplog.text.count("5 wrong reviewer passwords from address:203.0.113.9") == 1  # logged once
    ok, message = auth.attempt(store, client_keys("198.51.100.7", "reviewer"), "Reviewer One", PASSWORD, ACCOUNTS)
    assert ok, message


def test_60_wrong_passwords_from_12_addresses_do_not_stop_another_client(store):
    for n in range(12):
        for _ in range(5):
            assert not auth.attempt(store, client_keys(f"203.0.113.{n}", f"s{n}"), "Reviewer One", "x", ACCOUNTS)[0]
    assert auth.attempt(store, client_keys("198.51.100.7", "reviewer"), "Reviewer One", PASSWORD, ACCOUNTS)[0]


def test_the_cap_holds_under_concurrency(store):
    keys = client_keys("203.0.113.9", "one-session")
    with ThreadPoolExecutor(16) as pool:
        results = list(pool.map(lambda _: auth.attempt(store, keys, "Reviewer One", "x", ACCOUNTS), range(40)))
    checked = [m for ok, m in results if m == "That name and password are not right."]
    # Without the lock, concurrent attempts all read "4 failures" and all get checked.
    assert auth.FREE_FAILURES <= len(checked) <= auth.FREE_FAILURES + 1


def test_a_success_clears_the_clients_failures(store):
    keys = client_keys("203.0.113.9", "s")
    for _ in range(4):
        auth.attempt(store, keys, "Reviewer One", "x", ACCOUNTS)
    assert auth.attempt(store, keys, "Reviewer One", PASSWORD, ACCOUNTS)[0]
    for _ in range(4):
        assert auth.attempt(store, keys, "Reviewer One", "x", ACCOUNTS)[1] == "That name and password are not right."


def test_named_accounts_only(store):
    keys = client_keys(None, "s")
    assert not auth.attempt(store, keys, "Someone Else", PASSWORD, ACCOUNTS)[0]  # right password, wrong name
    assert auth.attempt(store, keys, " Reviewer One ", PASSWORD, ACCOUNTS)[0]
    ok, message = auth.attempt(store, keys, "Reviewer One", PASSWORD, {})
    assert not ok and "no reviewer accounts" in message


def test_accounts_come_from_secrets_or_the_environment():
    assert auth.accounts_from({"accounts": {"Ann": "h1"}}, '{"Bob": "h2"}') == {"Ann": "h1"}
    assert auth.accounts_from({}, '{"Bob": "h2", "": "h3", "Cy": 5}') == {"Bob": "h2"}
    assert auth.accounts_from(None, "not json") == {}


def test_a_throttled_attempt_costs_the_server_no_hashing(store, monkeypatch):
    """The throttle is checked before the password: past the free failures, guesses cost the guesser time, not us."""
    hashed = []
    real = auth.hashlib.pbkdf2_hmac
    monkeypatch.setattr(auth.hashlib, "pbkdf2_hmac", lambda *a: hashed.append(1) or real(*a))
    keys = client_keys("203.0.113.9", "s")
    outcomes = [auth.attempt(store, keys, "Reviewer One", "x", ACCOUNTS)[1] for _ in range(12)]
    assert outcomes.count("That name and password are not right.") == auth.FREE_FAILURES
    assert len(hashed) == auth.FREE_FAILURES  # the 7 refused attempts computed no hash at all
    # Another address, with every one of the stranger's failures on record, signs in at once.
    assert auth.attempt(store, client_keys("2001:db8::1", "r"), "Reviewer One", PASSWORD, ACCOUNTS)[0]
