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


def postgres_base() -> str | None:
    url = os.environ.get("ATLAS_TEST_POSTGRES_URL", "")
    if not url and os.environ.get("CI"):
        pytest.fail("CI must provide ATLAS_TEST_POSTGRES_URL (a real PostgreSQL server)")
    return url or None


@contextlib.contextmanager
def postgres_schema(base: str):
    """A throwaway schema on the server; yields a store URL whose search_path points at it."""
    name = "t_" + uuid.uuid4().hex[:12]
    admin = sa.create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {name}")
    try:
        yield base + ("&" if "?" in base else "?") + f"options=-csearch_path%3D{name}"
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {name} CASCADE")
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request) -> str:
    """Which database a case runs on; PostgreSQL skips locally without a server."""
    if request.param == "postgresql" and postgres_base() is None:
        pytest.skip("no ATLAS_TEST_POSTGRES_URL: PostgreSQL cases need a real server")
    return request.param


@pytest.fixture
def new_store_url(backend, tmp_path):
    """A factory of empty stores on the chosen backend (several per case, e.g. one per Hypothesis example)."""
    stack = contextlib.ExitStack()

    def make() -> str:
        if backend == "sqlite":
            return f"sqlite:///{tmp_path / uuid.uuid4().hex}.sqlite"
        return stack.enter_context(postgres_schema(postgres_base()))

    with stack:
        yield make
