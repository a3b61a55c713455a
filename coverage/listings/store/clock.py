"""The store's clock: one ``now`` that stamps every row and every throttling window.

A module of its own so that a test can stop it (``monkeypatch.setattr(clock, "now", ...)``) and
every part of the store, and the sign-in throttle that compares against its stamps, sees the
same frozen time.
"""

from __future__ import annotations

import datetime as dt


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
