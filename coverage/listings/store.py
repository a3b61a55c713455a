"""Durable storage for suggested corrections, reviews and every version of the directory.

SQLite (WAL mode, ``synchronous=FULL``, in a configurable folder) is the embedded default so a
fresh clone works; ``DATABASE_URL`` switches to PostgreSQL. No suggestion is ever deleted:
decisions change a submission's status, and approvals append a new directory version with a
field-by-field audit trail, so any change can be seen and undone. The one thing erased is the
suggester's contact email, once the retention period after the decision has passed.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event

from coverage import paths
from coverage.listings import schema

logger = logging.getLogger(__name__)
metadata = sa.MetaData()

submissions = sa.Table(
    "submissions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("reference", sa.String(20), nullable=False, unique=True),
    sa.Column("client_token", sa.String(64), nullable=True, unique=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),  # correction | new_team | confirmation
    sa.Column("team_id", sa.String(80), nullable=True),
    sa.Column("proposed", sa.Text, nullable=False),  # JSON of directory fields
    sa.Column("contact_email", sa.String(254), nullable=False),
    sa.Column("source_url", sa.String(2000), nullable=False),
    sa.Column("message", sa.Text, nullable=False, default=""),
    sa.Column("status", sa.String(20), nullable=False, default="pending"),  # pending | flood | approved | rejected
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

# Throttling events (sign-in attempts, public suggestions), keyed by client; see ``Store.admit``.
throttle_events = sa.Table(
    "throttle_events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kind", sa.String(20), nullable=False),  # signin | suggestion
    sa.Column("key", sa.String(120), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("ok", sa.Boolean, nullable=False, default=False),
    sa.Index("ix_throttle_kind_key_at", "kind", "key", "at"),
)

# The address group a public suggestion came from, so a flood can be found and rejected together.
# A table of its own (migration 0002), so no existing row needs migrating.
origins = sa.Table(
    "submission_origins",
    metadata,
    sa.Column("reference", sa.String(20), sa.ForeignKey("submissions.reference"), primary_key=True),
    sa.Column("client_group", sa.String(64), nullable=False),
    sa.Index("ix_origins_group", "client_group"),
)

PENDING = "pending"
FLOOD = "flood"  # stored while suggestions from everyone passed the flood mark: reviewed apart, never lost
OPEN = (PENDING, FLOOD)
ERASED = ""  # what a contact email becomes once the retention period has passed
KINDS = ("correction", "new_team", "confirmation")
# A confirmation's ``proposed`` also holds the confirmer's name and role: contacts, erased with the email.
CONTACT_KEYS = {"confirmation": ("name", "role")}


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


class StaleVersion(StoreError):
    """The directory moved on since the writer looked at it; nothing was written."""

    def __init__(self, expected: int, current: int, message: str = ""):
        super().__init__(message or f"the directory changed (you saw version {expected}, it is now version {current})")
        self.expected = expected
        self.current = current


# A store that cannot be read or written (database down, disk full, read-only file): pages degrade on these.
UNAVAILABLE = (sa.exc.SQLAlchemyError, OSError)


def make_engine(url: str) -> sa.Engine:
    """An engine for the store; on SQLite each connection gets WAL, durable commits and BEGIN IMMEDIATE."""
    kwargs = {"future": True, "pool_pre_ping": True}
    if url.startswith("sqlite"):
        kwargs["connect_args"] = {"timeout": 30, "check_same_thread": False}
    engine = sa.create_engine(url, **kwargs)
    if url.startswith("sqlite"):

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record):  # noqa: ANN001
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=FULL")  # an acknowledged write survives power loss
            cur.close()
            # Let SQLAlchemy's begin() issue BEGIN IMMEDIATE: writers queue instead of failing mid-way.
            dbapi_conn.isolation_level = None

        @event.listens_for(engine, "begin")
        def _begin(conn):  # noqa: ANN001
            conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


class SchemaBehind(StoreError):
    """The store's schema is older than this code needs: nothing is written until it is upgraded."""


class Store:
    def __init__(self, url: str | None = None):
        self.url = url or default_url()
        self.is_sqlite = self.url.startswith("sqlite")
        self.engine = make_engine(self.url)
        found = schema.status(self.engine)
        if found.state is schema.State.EMPTY:  # a brand-new store: built by the migrations, stamped at head
            _, found = schema.upgrade(self.engine)
        self._current = found.state is schema.State.CURRENT
        if self._current:
            self._ensure_head_row()
        else:  # reads go on (the live directory stays on show); every write is refused until upgraded
            logger.warning(schema.behind_message(found))

    def _ensure_head_row(self) -> None:
        with self.engine.begin() as conn:
            if conn.execute(sa.select(head.c.version).where(head.c.id == 1)).first() is None:
                try:
                    with conn.begin_nested():
                        conn.execute(head.insert().values(id=1, version=0))
                except sa.exc.IntegrityError:
                    pass  # another process created it first

    def schema_behind(self) -> str | None:
        """Why nothing can be written yet (the schema is behind head, with the command to run), else None."""
        try:
            self._writable()
        except SchemaBehind as exc:
            return str(exc)
        return None

    def _writable(self) -> None:
        """Refuse a write while the schema is behind; look again first, in case an operator upgraded it."""
        if self._current:
            return
        found = schema.status(self.engine)
        if found.state is not schema.State.CURRENT:
            raise SchemaBehind(schema.behind_message(found))
        self._current = True
        self._ensure_head_row()

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
        client_group: str | None = None,
        held: bool = False,
    ) -> str:
        """Store a submission durably and return its reference. Idempotent on ``client_token``.

        ``client_group`` is the sender's address group (kept with it for bulk review); ``held``
        stores it as an unverified flood instead of in the pending queue.
        """
        self._writable()
        if kind not in KINDS:
            raise StoreError("kind must be correction, new_team or confirmation")
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
            "status": FLOOD if held else PENDING,
        }
        try:
            with self.engine.begin() as conn:
                conn.execute(submissions.insert().values(**row))
                if client_group:
                    conn.execute(origins.insert().values(reference=reference, client_group=client_group[:64]))
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

    def submissions(
        self, status: str | None = None, *, limit: int | None = None, offset: int = 0, newest_first: bool = False
    ) -> list[dict]:
        """Submissions in arrival order (or newest first), one page at a time when ``limit`` is given."""
        q = sa.select(submissions).order_by(submissions.c.id.desc() if newest_first else submissions.c.id)
        if status:
            q = q.where(submissions.c.status == status)
        if limit is not None:
            q = q.limit(limit).offset(offset)
        with self.engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(q)]
        for r in rows:
            r["proposed"] = json.loads(r["proposed"])
        return rows

    def decided(self, *, limit: int, offset: int = 0) -> list[dict]:
        """Approved and rejected submissions, most recently received first, one page at a time."""
        q = (
            sa.select(submissions)
            .where(submissions.c.status.not_in(OPEN))
            .order_by(submissions.c.id.desc())
            .limit(limit)
            .offset(offset)
        )
        with self.engine.connect() as conn:
            return [{**r._mapping, "proposed": json.loads(r.proposed)} for r in conn.execute(q)]

    def get(self, reference: str) -> dict | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(submissions).where(submissions.c.reference == reference)).first()
        return None if row is None else {**row._mapping, "proposed": json.loads(row.proposed)}

    def count(self, status: str | None = None) -> int:
        q = sa.select(sa.func.count()).select_from(submissions)
        if status:
            q = q.where(submissions.c.status == status)
        with self.engine.connect() as conn:
            return conn.execute(q).scalar_one()

    def erase_contacts(self, decided_before: dt.datetime) -> int:
        """Erase the contacts of every submission decided before the cut-off; how many had any erased.

        The email (and a confirmer's name and role) exist only so a reviewer can reply; once a
        suggestion is decided and the retention period has passed they have no purpose left, so
        they are blanked (the suggestion, its evidence and the decision stay for the audit trail).
        """
        self._writable()
        decided = (submissions.c.status.not_in(OPEN), submissions.c.reviewed_at < decided_before)
        with self.engine.begin() as conn:
            emailed = set(
                conn.execute(
                    sa.select(submissions.c.id).where(*decided, submissions.c.contact_email != ERASED)
                ).scalars()
            )
            conn.execute(
                submissions.update().where(*decided, submissions.c.contact_email != ERASED).values(contact_email=ERASED)
            )
            named = set()
            for kind, keys in CONTACT_KEYS.items():
                rows = conn.execute(
                    sa.select(submissions.c.id, submissions.c.proposed).where(*decided, submissions.c.kind == kind)
                )
                for row_id, text in rows.all():
                    proposed = json.loads(text)
                    if any(proposed.get(k) for k in keys):
                        proposed.update({k: ERASED for k in keys if k in proposed})
                        conn.execute(
                            submissions.update()
                            .where(submissions.c.id == row_id)
                            .values(proposed=json.dumps(proposed, sort_keys=True, ensure_ascii=False))
                        )
                        named.add(row_id)
        return len(emailed | named)

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
        self._writable()
        if not reviewer.strip() or not reason.strip():
            raise StoreError("a reviewer name and a reason are required to reject")
        with self.engine.begin() as conn:
            self._decide(conn, reference=reference, status="rejected", reviewer=reviewer, reason=reason, version=None)

    @staticmethod
    def _decide(conn, reference: str, status: str, reviewer: str, reason: str, version: int | None) -> None:
        done = conn.execute(
            submissions.update()
            .where(submissions.c.reference == reference, submissions.c.status.in_(OPEN))
            .values(status=status, reviewer=reviewer, reason=reason, reviewed_at=now(), version=version)
        )
        if done.rowcount != 1:
            raise StoreError(f"submission {reference} is not pending (already decided, or unknown)")

    # ----------------------------------------------------------- throttling (sign-in, suggestions)
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
        since = now() - window
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
            stamp = now()
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
                throttle_events.c.kind == kind, throttle_events.c.at >= now() - window, throttle_events.c.ok.is_(False)
            )
        )
        with self.engine.connect() as conn:
            return conn.execute(q).scalar_one()

    def _lock(self, conn, name: str) -> None:
        """Serialise a check-then-write: SQLite's BEGIN IMMEDIATE already holds the write lock."""
        if not self.is_sqlite:
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(hashtext(:name))"), {"name": "atlas:" + name})
