"""The corrections store on SQLite and PostgreSQL: durable, concurrent, and crash-safe.

PostgreSQL runs when ``ATLAS_TEST_POSTGRES_URL`` names a real server (``.ci/run`` starts one);
locally without it those cases skip, and under CI they fail instead.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import subprocess
import sys
import textwrap
import uuid

import pytest
import sqlalchemy as sa

from coverage import paths
from coverage.listings.store import Store, StoreError, submissions, versions
from tests.support.prerequisites import need

WRITERS = 20
PER_WRITER = 25


def _sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'atlas.sqlite'}"


def _postgres_url() -> str:
    need("postgres")
    return os.environ["ATLAS_TEST_POSTGRES_URL"]


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    if request.param == "sqlite":
        yield _sqlite_url(tmp_path)
        return
    base = _postgres_url()
    # A fresh schema per test keeps runs independent on one server.
    schema = "t_" + uuid.uuid4().hex[:10]
    admin = sa.create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    yield base + ("&" if "?" in base else "?") + f"options=-csearch_path%3D{schema}"
    with admin.begin() as conn:
        conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
    admin.dispose()


def _writer(url: str, writer: int, n: int) -> list[str]:
    store = Store(url)
    refs = []
    for i in range(n):
        token = f"w{writer}-{i}"
        for attempt in range(20):
            try:
                refs.append(
                    store.submit(
                        "correction",
                        "oxpip",
                        {"families_per_year": str(i + 1)},
                        f"w{writer}@example.org",
                        "https://example.org",
                        f"writer {writer}",
                        token,
                    )
                )
                break
            except sa.exc.OperationalError:
                if attempt == 19:
                    raise
    store.engine.dispose()
    return refs


def test_submission_round_trip(url):
    store = Store(url)
    ref = store.submit("new_team", None, {"name": "<img src=x onerror=alert(1)>"}, "a@b.org", "https://x.org", "hello")
    got = store.get(ref)
    assert got["proposed"] == {"name": "<img src=x onerror=alert(1)>"}
    assert got["status"] == "pending"
    # Same client token twice (a double click) stores one submission.
    t1 = store.submit("correction", "oxpip", {}, "a@b.org", "https://x.org", "", client_token="tok")
    t2 = store.submit("correction", "oxpip", {}, "a@b.org", "https://x.org", "", client_token="tok")
    assert t1 == t2 and store.count() == 2


@pytest.mark.slow
def test_500_submissions_from_20_concurrent_writers(url):
    Store(url).engine.dispose()  # create the schema once, before the race
    ctx = mp.get_context("spawn")
    with ctx.Pool(WRITERS) as pool:
        results = pool.starmap(_writer, [(url, w, PER_WRITER) for w in range(WRITERS)])
    refs = [r for rs in results for r in rs]
    store = Store(url)
    rows = store.submissions()
    assert len(refs) == len(set(refs)) == WRITERS * PER_WRITER
    assert len(rows) == WRITERS * PER_WRITER  # none lost
    assert len({r["client_token"] for r in rows}) == WRITERS * PER_WRITER  # none duplicated
    assert {r["reference"] for r in rows} == set(refs)


def test_versions_are_atomic_ordered_and_guarded(url):
    store = Store(url)
    ref = store.submit("correction", "oxpip", {"families_per_year": "10"}, "a@b.org", "https://x.org")
    v1 = store.write_version(
        "csv-1",
        "rev",
        "first",
        [{"team_id": "oxpip", "field": "families_per_year", "old": "", "new": "10"}],
        expected_version=0,
        decide={"reference": ref, "status": "approved", "reviewer": "rev", "reason": "ok"},
    )
    assert v1 == 1 and store.get(ref)["status"] == "approved" and store.get(ref)["version"] == 1
    with pytest.raises(StoreError, match="changed"):
        store.write_version("csv-stale", "rev", "stale view", [], expected_version=0)
    with pytest.raises(StoreError, match="not pending"):
        store.write_version(
            "csv-2",
            "rev",
            "again",
            [],
            expected_version=1,
            decide={"reference": ref, "status": "approved", "reviewer": "rev", "reason": "twice"},
        )
    # The failed decision rolled back its version too.
    assert store.head_version() == 1 and store.directory_csv() == "csv-1"
    assert [v.version for v in store.versions()] == [1]
    with pytest.raises(StoreError, match="reason"):
        store.reject(store.submit("correction", "oxpip", {}, "a@b.org", "https://x.org"), "rev", " ")


KILL_SCRIPT = textwrap.dedent("""
    import os, signal, sys
    import sqlalchemy as sa
    from coverage.listings.store import Store, submissions, versions, head, now
    store = Store(sys.argv[1])
    with store.engine.begin() as conn:
        conn.execute(submissions.insert().values(reference="PIA-KILLED", created_at=now(), kind="correction",
            team_id="oxpip", proposed="{}", contact_email="k@x.org", source_url="https://x.org", message="",
            status="pending"))
        conn.execute(versions.insert().values(version=99, created_at=now(), author="k", reason="k", csv="half"))
        conn.execute(head.update().values(version=99))
        sys.stdout.write("in-transaction\\n"); sys.stdout.flush()
        os.kill(os.getpid(), signal.SIGKILL)
""")


@pytest.mark.slow
def test_writer_killed_mid_transaction_leaves_the_store_consistent(url):
    store = Store(url)
    ref = store.submit("correction", "oxpip", {}, "a@b.org", "https://x.org")
    proc = subprocess.run(
        [sys.executable, "-c", KILL_SCRIPT, url],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=paths.PROJECT_ROOT,
    )
    assert "in-transaction" in proc.stdout and proc.returncode == -9
    fresh = Store(url)
    assert fresh.get("PIA-KILLED") is None
    assert fresh.head_version() == 0 and fresh.versions() == []
    assert fresh.get(ref)["status"] == "pending"
    if fresh.is_sqlite:
        with fresh.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    # And it still takes writes.
    assert fresh.write_version("after", "rev", "recovered", [], expected_version=0) == 1
    with fresh.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(submissions)).scalar() == 1
        assert conn.execute(sa.select(sa.func.count()).select_from(versions)).scalar() == 1


def test_sqlite_uses_wal(tmp_path):
    store = Store(_sqlite_url(tmp_path))
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
