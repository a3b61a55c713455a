"""Bulk review of open suggestions: held floods, filters by hour, address group and text, decisions together."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from coverage.listings.store import FLOOD, Store, StoreError, schema, submissions
from coverage.listings.workflow import bulk

pytestmark = pytest.mark.unit

NOON = dt.datetime(2026, 12, 4, 12, tzinfo=dt.UTC)


@pytest.fixture
def store(new_store_url):
    s = Store(new_store_url())
    yield s
    s.engine.dispose()


def suggest(store: Store, name: str, group: str | None, at: dt.datetime, held: bool = False) -> str:
    ref = store.submit(
        "new_team", None, {"name": name}, "a@example.org", "https://example.org/x", client_group=group, held=held
    )
    with store.engine.begin() as conn:  # arrival time set by hand, so the hours are known
        conn.execute(submissions.update().where(submissions.c.reference == ref).values(created_at=at))
    return ref


@pytest.fixture
def queue(store):
    refs = {
        "honest": suggest(store, "Little Steps Team", "198.51.100.7", NOON + dt.timedelta(minutes=5)),
        "junk1": suggest(store, "BUY PILLS now", "203.0.113.9", NOON + dt.timedelta(minutes=10), held=True),
        "junk2": suggest(store, "buy pills cheap", "203.0.113.9", NOON + dt.timedelta(minutes=70), held=True),
        "junk3": suggest(store, "Totally real team", "203.0.113.9", NOON + dt.timedelta(minutes=75)),
        "old": suggest(store, "Bumps and Babies", None, NOON - dt.timedelta(hours=3)),
    }
    return refs


def refs_of(rows):
    return [r["reference"] for r in rows]


def test_filters_select_by_status_hour_group_and_text(store, queue):
    rows = bulk.open_suggestions(store)
    assert refs_of(rows) == list(queue.values())  # oldest first by arrival order in the store
    assert {r["status"] for r in rows if r["reference"] in (queue["junk1"], queue["junk2"])} == {FLOOD}
    by = lambda **kw: refs_of(bulk.matching(rows, bulk.Filter(**kw)))  # noqa: E731
    assert by(status=FLOOD) == [queue["junk1"], queue["junk2"]]
    assert by(group="203.0.113.9") == [queue["junk1"], queue["junk2"], queue["junk3"]]
    assert by(hour=NOON) == [queue["honest"], queue["junk1"]]
    assert by(hour=NOON + dt.timedelta(hours=1), group="203.0.113.9") == [queue["junk2"], queue["junk3"]]
    assert by(text="PILLS") == [queue["junk1"], queue["junk2"]]  # case-insensitive
    assert by(group=bulk.UNKNOWN_GROUP) == [queue["old"]]  # sent before groups were recorded
    hours, groups = bulk.choices(rows)
    assert hours[0] == NOON + dt.timedelta(hours=1) and hours[-1] == NOON - dt.timedelta(hours=3)
    assert groups[0] == ("203.0.113.9", 3)


def test_reject_many_records_each_decision_and_leaves_the_rest(store, queue):
    rows = bulk.matching(bulk.open_suggestions(store), bulk.Filter(group="203.0.113.9"))
    assert bulk.reject_many(store, refs_of(rows), "Ada", "spam flood from one address") == 3
    for key in ("junk1", "junk2", "junk3"):
        sub = store.get(queue[key])
        assert (sub["status"], sub["reviewer"], sub["reason"]) == ("rejected", "Ada", "spam flood from one address")
        assert sub["reviewed_at"] is not None
    assert store.get(queue["honest"])["status"] == "pending"
    assert store.count() == 5  # nothing deleted


def test_a_selection_decided_meanwhile_changes_nothing(store, queue):
    store.reject(queue["junk3"], "Grace", "spam")
    with pytest.raises(StoreError, match="1 of the 3 selected"):
        bulk.reject_many(store, [queue["junk1"], queue["junk2"], queue["junk3"]], "Ada", "spam")
    assert store.get(queue["junk1"])["status"] == FLOOD  # all or none
    with pytest.raises(StoreError, match="reason"):
        bulk.reject_many(store, [queue["junk1"]], "Ada", " ")


def test_held_suggestions_can_be_released_into_the_queue(store, queue):
    assert bulk.release_many(store, [queue["junk1"]], "Ada") == 1
    assert store.get(queue["junk1"])["status"] == "pending"
    with pytest.raises(StoreError):
        bulk.release_many(store, [queue["honest"]], "Ada")  # only held ones are released


def test_a_store_made_before_origins_were_recorded_gains_the_table_and_keeps_its_rows(new_store_url):
    url = new_store_url()
    old = Store(url)
    kept = [
        old.submit("new_team", None, {"name": f"Kept {n}"}, "a@example.org", "https://example.org/x") for n in range(3)
    ]
    old.reject(kept[2], "Ada", "duplicate")
    with old.engine.begin() as conn:  # the store as it was at the revision before origins were recorded
        conn.execute(sa.text("DROP TABLE submission_origins"))
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '0001_baseline'"))
    old.engine.dispose()
    behind = Store(url)
    assert "python -m coverage store upgrade" in behind.schema_behind()  # read, never written, until upgraded
    schema.upgrade(behind.engine)  # adds the new table beside the old ones; no row is rewritten
    behind.engine.dispose()
    again = Store(url)
    try:
        rows = bulk.open_suggestions(again)
        assert [r["reference"] for r in rows] == kept[:2]
        assert {r["client_group"] for r in rows} == {bulk.UNKNOWN_GROUP}
        assert again.get(kept[2])["status"] == "rejected" and again.count() == 3
        new = again.submit(
            "new_team", None, {"name": "New"}, "a@example.org", "https://example.org/x", client_group="198.51.100.7"
        )
        assert bulk.open_suggestions(again)[-1]["client_group"] == "198.51.100.7" and new
    finally:
        again.engine.dispose()
