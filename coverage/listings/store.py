"""Durable storage for suggested corrections, reviews and every version of the directory.

SQLite (WAL mode, in a configurable folder) is the embedded default so a fresh clone works;
``DATABASE_URL`` switches to PostgreSQL. Nothing a user submits is ever deleted: decisions
change a submission's status, and approvals append a new directory version with a field-by-
field audit trail, so any change can be seen and undone.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event

from coverage import paths

metadata = sa.MetaData()

submissions = sa.Table(
    "submissions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("reference", sa.String(20), nullable=False, unique=True),
    sa.Column("client_token", sa.String(64), nullable=True, unique=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),  # correction | new_team
    sa.Column("team_id", sa.String(80), nullable=True),
    sa.Column("proposed", sa.Text, nullable=False),  # JSON of directory fields
    sa.Column("contact_email", sa.String(254), nullable=False),
    sa.Column("source_url", sa.String(2000), nullable=False),
    sa.Column("message", sa.Text, nullable=False, default=""),
    sa.Column("status", sa.String(20), nullable=False, default="pending"),  # pending | approved | rejected
    sa.Column("reviewer", sa.String(120), nullable=True),
    sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("reason", sa.Text, nullable=True),
    sa.Column("version", sa.Integer, nullable=True),
)

versions = sa.Table(
    "directory_versions",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("author", sa.String(120), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("csv", sa.Text, nullable=False),
    sa.Column("undoes", sa.Integer, nullable=True),
)

changes = sa.Table(
    "directory_changes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("version", sa.Integer, sa.ForeignKey("directory_versions.version"), nullable=False),
    sa.Column("team_id", sa.String(80), nullable=False),
    sa.Column("field", sa.String(40), nullable=False),
    sa.Column("old", sa.Text, nullable=False),
    sa.Column("new", sa.Text, nullable=False),
)

# One row, locked while a new version is written, so two approvals never race.
head = sa.Table(
    "directory_head",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("version", sa.Integer, nullable=False),
)

login_attempts = sa.Table(
    "login_attempts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("key", sa.String(80), nullable=False, index=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("ok", sa.Boolean, nullable=False),
)


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def default_url() -> str:
    """``DATABASE_URL`` if set, else an SQLite file in ``ATLAS_STATE_DIR`` (default ./state)."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        return url.replace("postgres://", "postgresql+psycopg://", 1).replace(
            "postgresql://", "postgresql+psycopg://", 1
        )
    folder = Path(os.environ.get("ATLAS_STATE_DIR", paths.PROJECT_ROOT / "state"))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'atlas.sqlite'}"


@dataclass(frozen=True)
class Version:
    version: int
    created_at: dt.datetime
    author: str
    reason: str
    undoes: int | None


class StoreError(RuntimeError):
    """An operation that cannot be done as asked (the store is unchanged)."""


# What a store that cannot be reached (or fails mid-query) raises: the database driver's errors come
# through SQLAlchemy; a state folder that cannot be created or read is an OSError.
STORE_OUTAGE = (sa.exc.SQLAlchemyError, OSError)


class Store:
    def __init__(self, url: str | None = None):
        self.url = url or default_url()
        self.is_sqlite = self.url.startswith("sqlite")
        kwargs = {"future": True, "pool_pre_ping": True}
        if self.is_sqlite:
            kwargs["connect_args"] = {"timeout": 30, "check_same_thread": False}
        self.engine = sa.create_engine(self.url, **kwargs)
        if self.is_sqlite:

            @event.listens_for(self.engine, "connect")
            def _pragmas(dbapi_conn, _record):  # noqa: ANN001
                cur = dbapi_conn.cursor()
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA busy_timeout=30000")
                cur.execute("PRAGMA foreign_keys=ON")
                cur.execute("PRAGMA synchronous=NORMAL")
                cur.close()
                # Let SQLAlchemy's begin() issue BEGIN IMMEDIATE: writers queue instead of failing mid-way.
                dbapi_conn.isolation_level = None

            @event.listens_for(self.engine, "begin")
            def _begin(conn):  # noqa: ANN001
                conn.exec_driver_sql("BEGIN IMMEDIATE")

        metadata.create_all(self.engine)
        with self.engine.begin() as conn:
            if conn.execute(sa.select(head.c.version).where(head.c.id == 1)).first() is None:
                try:
                    with conn.begin_nested():
                        conn.execute(head.insert().values(id=1, version=0))
                except sa.exc.IntegrityError:
                    pass  # another process created it first

    # ----------------------------------------------------------- submissions
    def submit(
        self,
        kind: str,
        team_id: str | None,
        proposed: dict,
        contact_email: str,
        source_url: str,
        message: str = "",
        client_token: str | None = None,
    ) -> str:
        """Store a submission durably and return its reference. Idempotent on ``client_token``."""
        if kind not in ("correction", "new_team"):
            raise StoreError("kind must be correction or new_team")
        if client_token:
            existing = self._reference_for_token(client_token)
            if existing:
                return existing
        reference = "PIA-" + secrets.token_hex(4).upper()
        row = {
            "reference": reference,
            "client_token": client_token,
            "created_at": now(),
            "kind": kind,
            "team_id": team_id,
            "proposed": json.dumps(proposed, sort_keys=True, ensure_ascii=False),
            "contact_email": contact_email,
            "source_url": source_url,
            "message": message,
            "status": "pending",
        }
        try:
            with self.engine.begin() as conn:
                conn.execute(submissions.insert().values(**row))
        except sa.exc.IntegrityError:
            if client_token:
                existing = self._reference_for_token(client_token)
                if existing:
                    return existing
            raise
        return reference

    def _reference_for_token(self, token: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(submissions.c.reference).where(submissions.c.client_token == token)).scalar()

    def submissions(self, status: str | None = None) -> list[dict]:
        q = sa.select(submissions).order_by(submissions.c.id)
        if status:
            q = q.where(submissions.c.status == status)
        with self.engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(q)]
        for r in rows:
            r["proposed"] = json.loads(r["proposed"])
        return rows

    def get(self, reference: str) -> dict | None:
        found = [s for s in self.submissions() if s["reference"] == reference]
        return found[0] if found else None

    def count(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(submissions)).scalar_one()

    # ----------------------------------------------------------- directory versions
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
        if not author.strip() or not reason.strip():
            raise StoreError("who and why are both required")
        with self.engine.begin() as conn:
            current = conn.execute(sa.select(head.c.version).where(head.c.id == 1).with_for_update()).scalar_one()
            if expected_version is not None and current != expected_version:
                raise StoreError(f"the directory changed (now version {current}); reload and review again")
            new = current + 1
            conn.execute(
                versions.insert().values(
                    version=new, created_at=now(), author=author, reason=reason, csv=csv_text, undoes=undoes
                )
            )
            if field_changes:
                conn.execute(changes.insert(), [{**c, "version": new} for c in field_changes])
            conn.execute(head.update().where(head.c.id == 1).values(version=new))
            if decide:
                self._decide(conn, version=new, **decide)
        return new

    def reject(self, reference: str, reviewer: str, reason: str) -> None:
        if not reviewer.strip() or not reason.strip():
            raise StoreError("a reviewer name and a reason are required to reject")
        with self.engine.begin() as conn:
            self._decide(conn, reference=reference, status="rejected", reviewer=reviewer, reason=reason, version=None)

    @staticmethod
    def _decide(conn, reference: str, status: str, reviewer: str, reason: str, version: int | None) -> None:
        done = conn.execute(
            submissions.update()
            .where(submissions.c.reference == reference, submissions.c.status == "pending")
            .values(status=status, reviewer=reviewer, reason=reason, reviewed_at=now(), version=version)
        )
        if done.rowcount != 1:
            raise StoreError(f"submission {reference} is not pending (already decided, or unknown)")

    # ----------------------------------------------------------- sign-in throttling
    def record_attempt(self, key: str, ok: bool) -> None:
        with self.engine.begin() as conn:
            conn.execute(login_attempts.insert().values(key=key[:80], at=now(), ok=ok))

    def recent_failures(self, key: str | None, window: dt.timedelta) -> int:
        since = now() - window
        q = (
            sa.select(sa.func.count())
            .select_from(login_attempts)
            .where(login_attempts.c.ok.is_(False), login_attempts.c.at >= since)
        )
        if key is not None:
            q = q.where(login_attempts.c.key == key[:80])
        with self.engine.connect() as conn:
            return conn.execute(q).scalar_one()
