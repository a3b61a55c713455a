"""Corrections-store URLs for the listings tests: SQLite always, PostgreSQL when a server is given.

PostgreSQL runs when ``ATLAS_TEST_POSTGRES_URL`` names a real server (``.ci/run`` starts one);
locally without it those cases skip, and under CI they fail instead. Each store gets its own
schema so cases never see each other's rows.
"""

from __future__ import annotations

import contextlib
import os
import uuid

import pytest
import sqlalchemy as sa

from tests.support.prerequisites import need


@contextlib.contextmanager
def postgres_schemas(base: str):
    """Yields a maker of throwaway schemas on the server (each a store URL whose search_path points
    at it); all are dropped at the end. One pooled admin connection, so a Hypothesis run of many
    examples does not use up the server's connections, which other users share."""
    admin = sa.create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1), pool_size=1, max_overflow=0)
    names: list[str] = []

    def make() -> str:
        name = "t_" + uuid.uuid4().hex[:12]
        with admin.begin() as conn:
            conn.exec_driver_sql(f"CREATE SCHEMA {name}")
        names.append(name)
        return base + ("&" if "?" in base else "?") + f"options=-csearch_path%3D{name}"

    try:
        yield make
    finally:
        # One transaction per schema: dropping hundreds at once (a Hypothesis run that shrank a failure)
        # takes a lock per table and ran the server out of shared memory (max_locks_per_transaction).
        for name in names:
            with admin.begin() as conn:
                conn.exec_driver_sql(f"DROP SCHEMA {name} CASCADE")
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request) -> str:
    """Which database a case runs on; PostgreSQL skips locally without a server."""
    if request.param == "postgresql":
        need("postgres")
    return request.param


@pytest.fixture
def new_store_url(backend, tmp_path):
    """A factory of empty stores on the chosen backend (several per case, e.g. one per Hypothesis example)."""
    if backend == "sqlite":
        yield lambda: f"sqlite:///{tmp_path / uuid.uuid4().hex}.sqlite"
        return
    with postgres_schemas(os.environ["ATLAS_TEST_POSTGRES_URL"]) as make:
        yield make
