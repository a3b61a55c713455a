"""One clock for the whole store: stopping it stops every stamp (submissions, versions, decisions, throttling)."""

from __future__ import annotations

import datetime as dt

from coverage.listings.store import Store, clock

FROZEN = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)


def _utc(at: dt.datetime) -> dt.datetime:
    return at if at.tzinfo else at.replace(tzinfo=dt.UTC)  # SQLite gives naive times back


def test_a_stopped_clock_stamps_every_part_of_the_store(tmp_path, monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: FROZEN)
    store = Store(f"sqlite:///{tmp_path / 'atlas.sqlite'}")
    ref = store.submit("correction", "t1", {"notes": "x"}, "a@example.org", "https://example.org")
    store.reject(ref, "Ada", "not needed")
    store.write_version("team_id\nt1\n", "Ada", "first", [])
    seen: dict = {}
    store.admit("signin", ["session:s"], dt.timedelta(minutes=15), lambda s: None)
    store.admit("signin", ["session:s"], dt.timedelta(minutes=15), lambda s: seen.update(s))
    row = store.get(ref)
    assert _utc(row["created_at"]) == FROZEN and _utc(row["reviewed_at"]) == FROZEN
    assert _utc(store.versions()[0].created_at) == FROZEN
    assert seen == {"session:s": [FROZEN]}  # the first admitted attempt, stamped by the same clock
    store.engine.dispose()
