"""Two replicas behind HAProxy on one PostgreSQL: an approval through one shows through the other.

The whole production shape on 127.0.0.1 (deploy/local_cluster.py): a throwaway PostgreSQL
cluster, two ``streamlit run`` replicas and HAProxy. A suggestion is stored, a reviewer signs
in and approves it on replica 1 (over Streamlit's websocket protocol, as a browser would), and
a session that HAProxy keeps on replica 2 sees the home page's team count drop within
``CONSISTENCY_S``: replica 2 caches nothing the database's directory version does not key.
"""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

import pytest

from coverage.listings.accounts.auth import hash_password
from coverage.listings.store import Store
from tests.bench.st_protocol import TRIGGER, Session
from tests.deploy import cluster_tools, own_loop
from tests.support.prerequisites import unavailable

pytestmark = [pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
PASSWORD = "replica-test-reviewer"
CONSISTENCY_S = 5.0  # the README's stated bound; each run reads the version, so it is one run in practice
TEAM = "oxpip"  # counted by default (specialised, status unknown): closing it removes one counted team


@pytest.fixture(scope="module")
def cluster():
    reason = cluster_tools.missing_for_cluster()
    if reason:
        unavailable(reason)
    local = cluster_tools.cluster_module().LocalCluster(
        replicas=2, env={"ATLAS_REVIEW_ACCOUNTS": json.dumps({"CI reviewer": hash_password(PASSWORD, iterations=1000)})}
    )
    with local:
        yield local


def _teams_counted(run) -> int:
    line = next(t for t in run.texts if t.startswith("Teams counted: "))
    return int(line.removeprefix("Teams counted: ").split()[0])  # "25 of 51"


async def _approve_on(url: str, reference: str) -> str:
    reviewer = Session(url)
    await reviewer.open()
    try:
        await reviewer.run(page="review")
        signed_in = await reviewer.run(
            page="review",
            changes={"Your name (recorded with each decision)": "CI reviewer", "Reviewer password": PASSWORD}
            | {"Sign in": TRIGGER},
        )
        assert not signed_in.exceptions, signed_in.exceptions
        assert reference in signed_in.text(), signed_in.text()
        approved = await reviewer.run(page="review", changes={"Approve": TRIGGER})
        assert not approved.exceptions, approved.exceptions
        return approved.text()
    finally:
        await reviewer.close()


async def _scenario(cluster) -> dict:
    # a session HAProxy keeps on replica 2 (its sticky cookie), opened before the approval
    watcher = Session(cluster.url)
    watcher.cookies["ATLAS_REPLICA"] = "app2"
    await watcher.open()
    assert watcher.cookies["ATLAS_REPLICA"] == "app2"
    before = await watcher.run()
    assert before.status == "ok" and not before.exceptions

    store = Store(cluster.database_url)
    reference = store.submit("correction", TEAM, {"status": "closed"}, "ci@example.org", "https://example.org/closed")
    await _approve_on(cluster.replica_url(0), reference)
    approved_at = time.monotonic()
    assert store.get(reference)["status"] == "approved"
    assert store.head_version() == 1

    seen_after = None
    while time.monotonic() - approved_at < CONSISTENCY_S:
        after = await watcher.run()
        if _teams_counted(after) == _teams_counted(before) - 1:
            seen_after = time.monotonic() - approved_at
            break
        await asyncio.sleep(0.2)
    await watcher.close()
    store.engine.dispose()
    return {"before": _teams_counted(before), "after": _teams_counted(after), "seen_after_s": seen_after}


def test_an_approval_on_one_replica_shows_on_the_other_through_haproxy(cluster):
    result = own_loop.run(_scenario(cluster))
    assert result["seen_after_s"] is not None, result
    assert result["after"] == result["before"] - 1
    log = (cluster.state_dir / "haproxy.log").read_text(encoding="utf-8", errors="replace")
    assert "streamlit/app2" in log  # the watcher's requests went to replica 2
