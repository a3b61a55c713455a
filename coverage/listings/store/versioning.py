"""Versions of the directory in the store: each approval appends one, with a field-by-field audit trail.

Versions are never rewritten, so any change can be seen and undone; one locked head row
serialises writers, and a writer that looked at an older version than the head is refused.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa

from coverage.listings.store import clock
from coverage.listings.store.errors import StaleVersion, StoreError
from coverage.listings.store.tables import changes, head, versions


@dataclass(frozen=True)
class Version:
    version: int
    created_at: dt.datetime
    author: str
    reason: str
    undoes: int | None


class DirectoryVersions:
    """The directory-versions part of :class:`coverage.listings.store.Store` (it needs ``engine``, ``_writable``, ``_decide``)."""

    def head_version(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(head.c.version).where(head.c.id == 1)).scalar_one()

    def directory_csv(self, version: int | None = None) -> str | None:
        """The directory at a version (default: the latest), or None if none was ever written."""
        with self.engine.connect() as conn:
            version = (
                version
                if version is not None
                else conn.execute(sa.select(head.c.version).where(head.c.id == 1)).scalar_one()
            )
            if not version:
                return None
            return conn.execute(sa.select(versions.c.csv).where(versions.c.version == version)).scalar()

    def versions(self) -> list[Version]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(
                    versions.c.version, versions.c.created_at, versions.c.author, versions.c.reason, versions.c.undoes
                ).order_by(versions.c.version.desc())
            )
            return [Version(*r) for r in rows]

    def changes(self, version: int) -> list[dict]:
        with self.engine.connect() as conn:
            q = sa.select(changes).where(changes.c.version == version).order_by(changes.c.id)
            return [dict(r._mapping) for r in conn.execute(q)]

    def write_version(
        self,
        csv_text: str,
        author: str,
        reason: str,
        field_changes: list[dict],
        expected_version: int | None = None,
        decide: dict | None = None,
        undoes: int | None = None,
    ) -> int:
        """Append a directory version atomically, with its audit rows and (optionally) a decision.

        ``expected_version`` guards against approving on a stale view: if someone else wrote
        a version since the reviewer looked, nothing is written and StoreError says so.
        """
        self._writable()
        if not author.strip() or not reason.strip():
            raise StoreError("who and why are both required")
        with self.engine.begin() as conn:
            current = conn.execute(sa.select(head.c.version).where(head.c.id == 1).with_for_update()).scalar_one()
            if expected_version is not None and current != expected_version:
                raise StaleVersion(expected_version, current)
            new = current + 1
            conn.execute(
                versions.insert().values(
                    version=new, created_at=clock.now(), author=author, reason=reason, csv=csv_text, undoes=undoes
                )
            )
            if field_changes:
                conn.execute(changes.insert(), [{**c, "version": new} for c in field_changes])
            conn.execute(head.update().where(head.c.id == 1).values(version=new))
            if decide:
                self._decide(conn, version=new, **decide)
        return new

    def team_changes(self, team_id: str) -> list[dict]:
        """The audit rows of one team with their version's date and whether it undid another."""
        q = (
            sa.select(changes.c.version, changes.c.field, versions.c.created_at, versions.c.undoes)
            .join(versions, versions.c.version == changes.c.version)
            .where(changes.c.team_id == team_id)
            .order_by(changes.c.id)
        )
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q)]
