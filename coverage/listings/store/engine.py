"""Where the store lives and how to connect to it: SQLite by default, PostgreSQL when ``DATABASE_URL`` says.

SQLite (WAL mode, ``synchronous=FULL``, in a configurable folder) is the embedded default so a
fresh clone works; ``DATABASE_URL`` switches to PostgreSQL.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import event

from coverage import paths, settings

# A store that cannot be read or written (database down, disk full, read-only file): pages degrade on these.
UNAVAILABLE = (sa.exc.SQLAlchemyError, OSError)


def default_url() -> str:
    """``DATABASE_URL`` if set, else an SQLite file in ``ATLAS_STATE_DIR`` (default ./state)."""
    url = settings.current().database_url
    if url:
        return url.replace("postgres://", "postgresql+psycopg://", 1).replace(
            "postgresql://", "postgresql+psycopg://", 1
        )
    folder = paths.state_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'atlas.sqlite'}"


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
