"""The corrections store's schema version: where a database stands, and Alembic to bring it to head.

A live directory lives in this database, so an app upgrade must never change its tables by
hand or by ``create_all``. The migration scripts ship inside the package (``migrations/``) and
run from code; ``python -m coverage store upgrade`` runs them and ``store status`` says where a
store stands. A store made before migrations existed (the five tables, no ``alembic_version``)
is recognised by its tables and stamped as the baseline before anything newer runs; its rows
are never touched by the stamp.

Migrations run inside one transaction holding the store's write lock (SQLite's BEGIN
IMMEDIATE, a PostgreSQL advisory lock), so two replicas starting on one fresh database do not
both create the tables: the second waits, looks again, and finds the work done.
"""

from __future__ import annotations

import enum
import functools
import logging
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

logger = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BASELINE = "0001_baseline"
UPGRADE_COMMAND = "python -m coverage store upgrade"

# The tables and columns the app created before migrations existed (the baseline revision).
BASELINE_TABLES = {
    "submissions": {
        "id", "reference", "client_token", "created_at", "kind", "team_id", "proposed", "contact_email",
        "source_url", "message", "status", "reviewer", "reviewed_at", "reason", "version",
    },
    "directory_versions": {"version", "created_at", "author", "reason", "csv", "undoes"},
    "directory_changes": {"id", "version", "team_id", "field", "old", "new"},
    "directory_head": {"id", "version"},
    "throttle_events": {"id", "kind", "key", "at", "ok"},
}  # fmt: skip


class State(enum.Enum):
    EMPTY = "empty"  # no tables at all: a brand-new store
    UNVERSIONED = "unversioned"  # the baseline's tables made by the older create_all, never stamped
    BEHIND = "behind"  # stamped with an older revision than this code's head
    CURRENT = "current"
    UNKNOWN = "unknown"  # tables that are not ours, or a revision this code does not know (a newer app?)


@dataclass(frozen=True)
class Status:
    state: State
    revision: str | None  # the revision the database is stamped with, if any
    head: str
    detail: str = ""

    def describe(self) -> str:
        where = f"at {self.revision}" if self.revision else "not stamped"
        line = f"schema {self.state.value}: database {where}, this version of the app needs {self.head}"
        return line + (f" ({self.detail})" if self.detail else "")


class MigrationRefused(RuntimeError):
    """The database holds tables or a revision this code does not know: it is not ours to migrate."""


@functools.cache
def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(_config())


def _config(connection: sa.Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    return _script().get_current_head()


def _unversioned_mismatch(inspector: sa.Inspector, tables: set[str]) -> str:
    """Why these tables are not the baseline's (empty when they are exactly the baseline's)."""
    if tables != set(BASELINE_TABLES):
        return f"tables {sorted(tables)} are not the baseline's {sorted(BASELINE_TABLES)}"
    for table, columns in BASELINE_TABLES.items():
        found = {c["name"] for c in inspector.get_columns(table)}
        if found != columns:
            return f"table {table} has columns {sorted(found)}, the baseline has {sorted(columns)}"
    return ""


def status_of(conn: sa.Connection) -> Status:
    """Where the database on this connection stands against this code's migrations."""
    head = head_revision()
    revision = MigrationContext.configure(conn).get_current_revision()
    inspector = sa.inspect(conn)
    tables = set(inspector.get_table_names()) - {"alembic_version"}
    if revision is None:
        if not tables:
            return Status(State.EMPTY, None, head)
        mismatch = _unversioned_mismatch(inspector, tables)
        return Status(State.UNKNOWN if mismatch else State.UNVERSIONED, None, head, mismatch)
    if revision == head:
        return Status(State.CURRENT, revision, head)
    try:
        known = {s.revision for s in _script().iterate_revisions(head, "base")}
    except Exception:  # noqa: BLE001 - alembic raises several types for an unknown revision
        known = set()
    if revision in known:
        return Status(State.BEHIND, revision, head)
    return Status(State.UNKNOWN, revision, head, "a revision this version of the app does not know")


def status(engine: sa.Engine) -> Status:
    with engine.connect() as conn:
        return status_of(conn)


def behind_message(found: Status) -> str:
    return (
        f"The corrections store's schema is older than this version of the app needs ({found.describe()}): "
        f"nothing can be saved until an operator runs: {UPGRADE_COMMAND}"
    )


def _lock(conn: sa.Connection) -> None:
    """Serialise migrations across processes (SQLite's BEGIN IMMEDIATE already holds the write lock)."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(hashtext('atlas:migrations'))"))


def upgrade(engine: sa.Engine) -> tuple[Status, Status]:
    """Bring the store to head, stamping a pre-migrations store as the baseline first.

    Returns (before, after). Raises ``MigrationRefused`` if the tables are not ours to migrate
    (unknown tables or revision): nothing is changed then.
    """
    with engine.begin() as conn:
        _lock(conn)
        before = status_of(conn)
        if before.state is State.UNKNOWN:
            raise MigrationRefused(f"refusing to migrate: {before.describe()}")
        if before.state is not State.CURRENT:
            config = _config(conn)
            if before.state is State.UNVERSIONED:
                logger.info("corrections store made before migrations: stamping it as %s", BASELINE)
                command.stamp(config, BASELINE)
            command.upgrade(config, "head")
            logger.info(
                "corrections store migrated from %s to %s", before.revision or before.state.value, head_revision()
            )
        after = status_of(conn)
    return before, after


def run_command(action: str, url: str | None = None) -> int:
    """``python -m coverage store status|upgrade``: print where the store stands, migrate on upgrade."""
    import sys

    from coverage.listings.store.engine import UNAVAILABLE, default_url, make_engine

    try:
        engine = make_engine(url or default_url())
        if action == "status":
            found = status(engine)
            print(found.describe())
            return 0 if found.state is State.CURRENT else 1
        before, after = upgrade(engine)
    except MigrationRefused as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except UNAVAILABLE as exc:
        print(f"error: the corrections store cannot be used ({type(exc).__name__})", file=sys.stderr)
        return 2
    print(f"before: {before.describe()}\nafter:  {after.describe()}")
    return 0
