"""Reviewer sign-in: salted hashes, constant-time checks, malformed hashes refused, throttling."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib

import pytest

from coverage.listings import auth


def test_hash_is_pbkdf2_with_its_salt_and_verifies():
    salt = b"0123456789abcdef"
    stored = auth.hash_password("correct horse", iterations=1000, salt=salt)
    expected = hashlib.pbkdf2_hmac("sha256", b"correct horse", salt, 1000)
    assert stored == f"pbkdf2_sha256$1000${base64.b64encode(salt).decode()}${base64.b64encode(expected).decode()}"
    assert auth.verify_password("correct horse", stored)
    assert not auth.verify_password("correct horse ", stored)


def test_two_hashes_of_one_password_differ():
    assert auth.hash_password("x", iterations=1000) != auth.hash_password("x", iterations=1000)


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "plain-text-password",
        "md5$1000$c2FsdA==$ZGlnZXN0",
        "pbkdf2_sha256$10$c2FsdA==$ZGlnZXN0",  # too few iterations to be a real hash
        "pbkdf2_sha256$abc$c2FsdA==$ZGlnZXN0",
        "pbkdf2_sha256$1000$not base64!$ZGlnZXN0",
        "pbkdf2_sha256$1000$c2FsdA==",
    ],
)
def test_a_malformed_stored_hash_never_matches(stored):
    assert not auth.verify_password("anything", stored)


class FakeStore:
    """Counts sign-in attempts as the real store does (per session, and overall)."""

    def __init__(self):
        self.attempts: list[tuple[str, bool]] = []

    def recent_failures(self, key, window: dt.timedelta) -> int:
        return sum(1 for k, ok in self.attempts if not ok and (key is None or k == key))

    def record_attempt(self, key, ok) -> None:
        self.attempts.append((key, ok))


HASH = auth.hash_password("right", iterations=1000)


def test_no_hash_configured_refuses_with_a_reason():
    ok, message = auth.attempt(FakeStore(), "s", "right", None)
    assert not ok and "no password hash is configured" in message


def test_session_locked_after_five_failures_even_for_the_right_password():
    store = FakeStore()
    for _ in range(auth.MAX_FAILURES_PER_SESSION):
        assert auth.attempt(store, "s1", "wrong", HASH) == (False, "That password is not right.")
    ok, message = auth.attempt(store, "s1", "right", HASH)
    assert not ok and "Too many wrong passwords" in message
    assert auth.attempt(store, "s2", "right", HASH) == (True, "")  # another session is not locked


def test_everyone_locked_after_fifty_failures_overall():
    store = FakeStore()
    store.attempts = [(f"s{i}", False) for i in range(auth.MAX_FAILURES_OVERALL)]
    ok, message = auth.attempt(store, "fresh", "right", HASH)
    assert not ok and "Too many" in message
