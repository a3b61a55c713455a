"""Reviewer passwords: salted PBKDF2 hashes, constant-time checks, malformed hashes refused (throttling: test_auth_throttle)."""

from __future__ import annotations

import base64
import hashlib

import pytest

from coverage.listings.accounts import auth


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
