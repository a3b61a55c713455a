"""The reviewers' password: stored only as a salted hash, checked in constant time, throttled.

The hash lives in Streamlit secrets (``[review] password_hash``) or the environment, never
in the repository. ``python -m coverage hash-password`` makes one.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import secrets

ALGORITHM = "pbkdf2_sha256"
ITERATIONS = 600_000  # OWASP Password Storage Cheat Sheet figure for PBKDF2-HMAC-SHA256
MAX_FAILURES_PER_SESSION = 5
MAX_FAILURES_OVERALL = 50
WINDOW = dt.timedelta(minutes=15)


def hash_password(password: str, *, iterations: int = ITERATIONS, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    b64 = lambda b: base64.b64encode(b).decode("ascii")  # noqa: E731
    return f"{ALGORITHM}${iterations}${b64(salt)}${b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    """True only for the right password; a malformed stored hash never matches."""
    try:
        algorithm, iterations, salt, expected = stored.split("$")
        if algorithm != ALGORITHM or not 1_000 <= int(iterations) <= 10_000_000:
            return False
        digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), base64.b64decode(salt), int(iterations))
        return hmac.compare_digest(digest, base64.b64decode(expected))
    except (ValueError, TypeError):
        return False


def locked_out(store, session_key: str) -> bool:
    """Too many recent failures from this session, or from everyone together."""
    return (
        store.recent_failures(session_key, WINDOW) >= MAX_FAILURES_PER_SESSION
        or store.recent_failures(None, WINDOW) >= MAX_FAILURES_OVERALL
    )


def attempt(store, session_key: str, password: str, stored_hash: str | None) -> tuple[bool, str]:
    """Check a sign-in, recording it; returns (ok, message for the person)."""
    if not stored_hash:
        return False, "Reviewing is not set up here: no password hash is configured in the app's secrets."
    if locked_out(store, session_key):
        return False, "Too many wrong passwords. Try again in 15 minutes."
    ok = verify_password(password, stored_hash)
    store.record_attempt(session_key, ok)
    return ok, "" if ok else "That password is not right."
