"""Reviewer accounts: each a name with its own salted hash, checked in constant time, throttled per client.

Accounts live in Streamlit secrets (``[review.accounts]``, one ``"Name" = "hash"`` line each)
or in ``ATLAS_REVIEW_ACCOUNTS`` (a JSON object of name to hash), never in the repository;
``python -m coverage hash-password --name "Name"`` makes a line. The account name is what
the audit trail records, so every decision names a person, not a shared password.

Throttling is per client, never global, so strangers cannot lock reviewers out: each sign-in
attempt is counted against the client's address (as the proxy saw it) and its browser
session. After ``FREE_FAILURES`` wrong passwords a client waits, doubling each time up to
``MAX_DELAY``; after ``MAX_FAILURES`` in the window it is refused until the window ends. The
check and the count happen in one locked transaction (``Store.admit``), so concurrent
attempts cannot overshoot the cap. Lockouts and floods are logged.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import logging
import secrets

from coverage.listings.store import clock

logger = logging.getLogger(__name__)

ALGORITHM = "pbkdf2_sha256"
ITERATIONS = 600_000  # OWASP Password Storage Cheat Sheet figure for PBKDF2-HMAC-SHA256
WINDOW = dt.timedelta(minutes=15)
FREE_FAILURES = 5  # per client key in the window before any wait
MAX_FAILURES = 30  # per client key in the window: refused until it ends
MAX_DELAY = dt.timedelta(minutes=5)
FLOOD = 50  # failures from everyone in the window worth a warning in the log
KIND = "signin"
MAX_NAME_CHARS = 120


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


# Checked for an unknown name, so a wrong name costs as long as a wrong password (no name probing).
_DECOY = f"{ALGORITHM}${ITERATIONS}${base64.b64encode(bytes(16)).decode()}${base64.b64encode(bytes(32)).decode()}"


def accounts_from(secrets_section: dict | None, env_json: str | None) -> dict[str, str]:
    """Reviewer name -> hash from the secrets section, else from the environment's JSON; bad entries are skipped."""
    raw = dict((secrets_section or {}).get("accounts", {}) or {})
    if not raw and env_json:
        try:
            loaded = json.loads(env_json)
        except ValueError:
            logger.error("ATLAS_REVIEW_ACCOUNTS is not a JSON object of name to hash; no reviewer can sign in")
            loaded = {}
        raw = loaded if isinstance(loaded, dict) else {}
    return {
        str(name).strip(): str(value)
        for name, value in raw.items()
        if str(name).strip() and len(str(name)) <= MAX_NAME_CHARS and isinstance(value, str)
    }


def wait_needed(failures: list[dt.datetime], at: dt.datetime) -> dt.timedelta:
    """How long a client with these recent failures (oldest first) must still wait; zero if none."""
    n = len(failures)
    if n >= MAX_FAILURES:
        return failures[0] + WINDOW - at
    if n < FREE_FAILURES:
        return dt.timedelta(0)
    delay = min(dt.timedelta(seconds=2 ** (n - FREE_FAILURES + 1)), MAX_DELAY)
    return max(failures[-1] + delay - at, dt.timedelta(0))


def _wait_words(wait: dt.timedelta) -> str:
    seconds = max(1, int(wait.total_seconds() + 0.999))
    return f"{seconds} seconds" if seconds < 120 else f"{seconds // 60 + (seconds % 60 > 0)} minutes"


def attempt(store, keys: list[str], name: str, password: str, accounts: dict[str, str]) -> tuple[bool, str]:
    """Check a sign-in as reviewer ``name`` from the client ``keys``; returns (ok, message for the person)."""
    if not accounts:
        return False, "Reviewing is not set up here: no reviewer accounts are configured in the app's secrets."
    now = clock.now()  # the store's clock, which stamps the events compared with it
    counts: dict[str, int] = {}

    def refuse(seen: dict[str, list[dt.datetime]]) -> str | None:
        counts.update({k: len(times) for k, times in seen.items()})
        worst = max((wait_needed(times, now) for times in seen.values()), default=dt.timedelta(0))
        if worst <= dt.timedelta(0):
            return None
        return f"Too many wrong passwords from this browser or network. Try again in {_wait_words(worst)}."

    # The attempt is counted as a failure before the password is checked; a success clears it.
    message, _ = store.admit(KIND, keys, WINDOW, refuse)
    if message is not None:
        logger.info("reviewer sign-in refused while throttled: %s", ", ".join(keys))
        return False, message
    stored = accounts.get(name.strip())
    ok = verify_password(password, stored or _DECOY) and stored is not None
    if ok:
        store.settle(KIND, keys)
        logger.info("reviewer %r signed in", name.strip())
        return True, ""
    for key, before in counts.items():  # each threshold is logged once, when it is crossed
        if before + 1 == FREE_FAILURES:
            logger.warning("%d wrong reviewer passwords from %s: it now waits between attempts", FREE_FAILURES, key)
        elif before + 1 == MAX_FAILURES:
            logger.warning("%d wrong reviewer passwords from %s: locked out for %s", MAX_FAILURES, key, WINDOW)
    failures = store.recent_events(KIND, WINDOW)
    if failures and failures % FLOOD == 0:
        logger.warning("sign-in flood: %d wrong reviewer passwords from all clients in %s", failures, WINDOW)
    return False, "That name and password are not right."
