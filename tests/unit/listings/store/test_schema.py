"""Schema migrations of the corrections store, on SQLite and PostgreSQL.

A fresh store reaches head through the migrations; a store made by the pre-migrations code
(``metadata.create_all``, no ``alembic_version``) holding suggestions, decisions, versions and
throttle events is stamped and upgraded with every row carried across; a store behind head
refuses writes with a message naming the command, while reads go on.
"""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from coverage.cli import main
from coverage.listings.store import SchemaBehind, Store, make_engine, metadata, schema

# The pre-migrations store's tables (the baseline); later revisions add tables beside them.
TABLES = ["submissions", "directory_versions", "directory_changes", "directory_head", "throttle_events"]
ADDED = {"submission_origins"}  # revision 0002
T0 = dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def url(new_store_url) -> str:
    """An empty store on SQLite, and on PostgreSQL in a throwaway schema (conftest's, dropped after)."""
    return new_store_url()


def _todays_store(url: str) -> sa.Engine:
    """A store as the pre-migrations code left it: create_all, then rows of every kind."""
    engine = make_engine(url)
    t = {name: metadata.tables[name] for name in TABLES}
    metadata.create_all(engine, tables=list(t.values()))  # the tables that code made: no later ones
    sub = dict.fromkeys(("client_token", "reviewer", "reviewed_at", "reason", "version")) | {
        "created_at": T0, "kind": "correction", "proposed": '{"status": "closed"}', "message": ""
    }  # fmt: skip
    with engine.begin() as conn:
        conn.execute(t["directory_head"].insert().values(id=1, version=2))
        conn.execute(
            t["directory_versions"].insert(),
            [
                {
                    "version": 1,
                    "created_at": T0,
                    "author": "Ann",
                    "reason": "new",
                    "csv": "team_id\na\n",
                    "undoes": None,
                },
                {"version": 2, "created_at": T0, "author": "Bo", "reason": "undo", "csv": "team_id\n", "undoes": 1},
            ],
        )
        conn.execute(
            t["directory_changes"].insert(),
            [
                {"version": 1, "team_id": "a", "field": "status", "old": "", "new": "active"},
                {"version": 2, "team_id": "a", "field": "status", "old": "active", "new": ""},
            ],
        )
        conn.execute(
            t["submissions"].insert(),
            [
                sub | {"reference": "PIA-0001", "team_id": "a", "contact_email": "p@example.org",
                       "source_url": "https://example.org/a", "status": "pending", "client_token": "tok1"},
                sub | {"reference": "PIA-0002", "team_id": "a", "contact_email": "", "source_url": "https://e.org",
                       "status": "approved", "reviewer": "Ann", "reviewed_at": T0, "reason": "ok", "version": 1},
                sub | {"reference": "PIA-0003", "team_id": None, "kind": "new_team", "contact_email": "q@e.org",
                       "source_url": "https://e.org/b", "status": "rejected", "reviewer": "Bo", "reviewed_at": T0,
                       "reason": "no source"},
            ],
        )  # fmt: skip
        conn.execute(
            t["throttle_events"].insert(),
            [
                {"kind": "signin", "key": "ip:10.0.0.1", "at": T0, "ok": False},
                {"kind": "signin", "key": "ip:10.0.0.1", "at": T0, "ok": True},
                {"kind": "suggestion", "key": "*", "at": T0, "ok": False},
            ],
        )
    return engine


def _rows(engine: sa.Engine) -> dict[str, list[tuple]]:
    with engine.connect() as conn:
        return {
            name: [tuple(r) for r in conn.execute(sa.select(metadata.tables[name]).order_by(sa.text("1")))]
            for name in TABLES
        }


def test_a_fresh_store_is_built_by_the_migrations_and_matches_the_tables_the_code_uses(url):
    store = Store(url)
    found = schema.status(store.engine)
    assert (found.state, found.revision) == (schema.State.CURRENT, schema.head_revision())
    assert store.head_version() == 0
    assert store.submit("correction", "a", {"status": "closed"}, "p@example.org", "https://example.org").startswith(
        "PIA-"
    )
    with store.engine.connect() as conn:
        assert set(sa.inspect(conn).get_table_names()) == {*TABLES, *ADDED, "alembic_version"}
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []  # migrations and code agree
    store.engine.dispose()


def test_a_store_made_before_migrations_is_stamped_and_upgraded_with_every_row_kept(url):
    engine = _todays_store(url)
    before_rows = _rows(engine)
    assert [len(before_rows[t]) for t in TABLES] == [3, 2, 2, 1, 3]
    assert schema.status(engine).state is schema.State.UNVERSIONED

    before, after = schema.upgrade(engine)

    assert (before.state, before.revision) == (schema.State.UNVERSIONED, None)
    assert (after.state, after.revision) == (schema.State.CURRENT, schema.head_revision())
    assert _rows(engine) == before_rows  # same rows, same values, table by table
    with engine.connect() as conn:
        assert ADDED <= set(sa.inspect(conn).get_table_names())  # and the later revisions' tables beside them
    store = Store(url)
    assert store.head_version() == 2
    assert [s["reference"] for s in store.submissions()] == ["PIA-0001", "PIA-0002", "PIA-0003"]
    assert store.write_version("team_id\nb\n", "Cy", "after the upgrade", []) == 3
    assert schema.upgrade(engine)[0].state is schema.State.CURRENT  # running it again changes nothing
    assert _rows(engine)["submissions"] == before_rows["submissions"]
    store.engine.dispose()
    engine.dispose()


def test_a_store_behind_head_is_read_but_never_written_until_upgraded(url):
    engine = _todays_store(url)
    store = Store(url)
    assert store.head_version() == 2  # reads go on: the live directory stays on show
    assert store.count("pending") == 1
    with pytest.raises(SchemaBehind, match="python -m coverage store upgrade"):
        store.submit("correction", "a", {"status": "closed"}, "p@example.org", "https://example.org")
    with pytest.raises(SchemaBehind, match="python -m coverage store upgrade"):
        store.reject("PIA-0001", "Ann", "no")
    with pytest.raises(SchemaBehind):  # decisions made many at once too
        store.decide_many(["PIA-0001"], {"status": "rejected"}, ("pending",))
    with pytest.raises(SchemaBehind):
        store.admit("signin", ["ip:1"], dt.timedelta(minutes=5), lambda seen: None)
    assert _rows(engine)["submissions"][0][10] == "pending"  # nothing was written
    assert store.count() == 3

    schema.upgrade(engine)
    store.reject("PIA-0001", "Ann", "no")  # the same Store object notices the upgrade
    assert store.get("PIA-0001")["status"] == "rejected"
    store.engine.dispose()
    engine.dispose()


def test_tables_that_are_not_the_baseline_are_never_stamped(url):
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE submissions (id INTEGER PRIMARY KEY)")
    found = schema.status(engine)
    assert found.state is schema.State.UNKNOWN and "baseline" in found.detail
    with pytest.raises(schema.MigrationRefused):
        schema.upgrade(engine)
    with engine.connect() as conn:
        assert "alembic_version" not in sa.inspect(conn).get_table_names()
    engine.dispose()


def test_the_command_line_reports_and_upgrades(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("ATLAS_STATE_DIR", str(tmp_path))
    _todays_store(f"sqlite:///{tmp_path / 'atlas.sqlite'}").dispose()
    assert main(["store", "status"]) == 1
    assert "schema unversioned" in capsys.readouterr().out
    assert main(["erase-contacts", "--days", "0"]) == 2
    assert "python -m coverage store upgrade" in capsys.readouterr().err
    assert main(["store", "upgrade"]) == 0
    assert f"after:  schema current: database at {schema.head_revision()}" in capsys.readouterr().out
    assert main(["store", "status"]) == 0
    assert main(["erase-contacts", "--days", "0"]) == 0
    assert "erased 1 contact email(s)" in capsys.readouterr().out  # PIA-0003; PIA-0002's was already erased
