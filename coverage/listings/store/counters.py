"""Throttling events in the store: counted per client key, checked and recorded in one locked transaction.

The rules (how many, how long) live with their callers (``coverage.listings.throttle.clients``
for suggestions, ``coverage.listings.accounts.auth`` for sign-in); the store only guarantees that
concurrent callers queue on a lock, so a cap can never be overshot.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import sqlalchemy as sa

from coverage.listings.store import clock
from coverage.listings.store.tables import throttle_events


class ThrottleCounters:
    """The throttling part of :class:`coverage.listings.store.Store` (it needs ``engine``, ``is_sqlite``, ``_writable``)."""

    def admit(
        self,
        kind: str,
        keys: list[str],
        window: dt.timedelta,
        refuse: Callable[[dict[str, list[dt.datetime]]], str | None],
    ) -> tuple[str | None, list[int]]:
        """Atomically decide whether one more event of ``kind`` from these client keys may happen.

        Inside one locked transaction: read each key's counted events in the window (oldest
        first), ask ``refuse`` for a message (None admits), and when admitted record one event
        per key. Concurrent callers queue on the lock, so a cap can never be overshot.
        Returns (message or None, ids of the recorded events).
        """
        self._writable()
        keys = [k[:120] for k in keys]
        since = clock.now() - window
        with self.engine.begin() as conn:
            self._lock(conn, kind)
            rows = conn.execute(
                sa.select(throttle_events.c.key, throttle_events.c.at)
                .where(
                    throttle_events.c.kind == kind,
                    throttle_events.c.key.in_(keys),
                    throttle_events.c.at >= since,
                    throttle_events.c.ok.is_(False),
                )
                .order_by(throttle_events.c.at)
            )
            seen: dict[str, list[dt.datetime]] = {k: [] for k in keys}
            for key, at in rows:
                seen[key].append(at if at.tzinfo else at.replace(tzinfo=dt.UTC))
            message = refuse(seen)
            if message is not None:
                return message, []
            stamp = clock.now()
            ids = [
                conn.execute(
                    throttle_events.insert()
                    .values(kind=kind, key=k, at=stamp, ok=False)
                    .returning(throttle_events.c.id)
                ).scalar_one()
                for k in keys
            ]
        return None, ids

    def settle(self, kind: str, keys: list[str]) -> None:
        """Stop counting the keys' recent events (a successful sign-in clears its client's failures)."""
        self._writable()
        with self.engine.begin() as conn:
            conn.execute(
                throttle_events.update()
                .where(throttle_events.c.kind == kind, throttle_events.c.key.in_([k[:120] for k in keys]))
                .values(ok=True)
            )

    def recent_events(self, kind: str, window: dt.timedelta) -> int:
        """Counted events of a kind from everyone in the window (to notice floods)."""
        q = (
            sa.select(sa.func.count())
            .select_from(throttle_events)
            .where(
                throttle_events.c.kind == kind,
                throttle_events.c.at >= clock.now() - window,
                throttle_events.c.ok.is_(False),
            )
        )
        with self.engine.connect() as conn:
            return conn.execute(q).scalar_one()

    def _lock(self, conn, name: str) -> None:
        """Serialise a check-then-write: SQLite's BEGIN IMMEDIATE already holds the write lock."""
        if not self.is_sqlite:
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(hashtext(:name))"), {"name": "atlas:" + name})
