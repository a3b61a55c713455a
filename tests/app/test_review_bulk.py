"""Review's "Many at once": a held flood is listed apart, narrowed by address group and text, and rejected together."""

from __future__ import annotations

import pytest

from coverage.listings.store import FLOOD, Store
from tests.app.apprun import page, sign_in

pytestmark = pytest.mark.usefixtures("fresh_store")


def suggest(store: Store, name: str, group: str, held: bool) -> str:
    return store.submit(
        "new_team", None, {"name": name}, "x@example.org", "https://example.org/x", client_group=group, held=held
    )


def many_tab(at):
    return next(t for t in at.tabs if t.label == "Many at once")


def test_a_flood_is_rejected_together_and_the_honest_suggestion_stays(fresh_store):
    junk = [suggest(fresh_store, f"Cheap pills {n}", "203.0.113.9", held=True) for n in range(12)]
    other = suggest(fresh_store, "Cheap pills elsewhere", "2001:db8:1:2::/64", held=True)
    honest = suggest(fresh_store, "Little Steps", "198.51.100.7", held=False)

    at = sign_in(page("pages/review.py"))
    queue = next(t for t in at.tabs if t.label == "Pending")
    assert any("**13** more held apart as an unverified flood" in m.value for m in queue.markdown)
    tab = many_tab(at)
    assert any("**13** suggestion(s) held as an unverified flood" in m.value for m in tab.markdown)
    at.selectbox(key="bulk_group").select("203.0.113.9").run()
    at.text_input(key="bulk_text").input("pills").run()
    shown = next(d.value for d in many_tab(at).dataframe if "From" in d.value.columns)
    assert sorted(shown["Reference"]) == sorted(junk)  # the other group's and the honest one are not shown
    assert set(shown["From"]) == {"203.0.113.9"}

    # Without a reason nothing is decided.
    next(b for b in at.button if b.label == "Reject all shown").click().run()
    assert at.error and "reason" in at.error[0].value
    assert fresh_store.count("rejected") == 0

    at.text_input(key="bulk_reason").input("one address, one message, twelve times")  # sent with the button
    next(b for b in at.button if b.label == "Reject all shown").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.success and "Rejected 12" in at.success[0].value
    for ref in junk:
        sub = fresh_store.get(ref)
        assert (sub["status"], sub["reviewer"], sub["reason"]) == (
            "rejected",
            "Reviewer One",
            "one address, one message, twelve times",
        )
    assert fresh_store.get(other)["status"] == FLOOD
    assert fresh_store.get(honest)["status"] == "pending"
    assert fresh_store.count() == 14  # nothing deleted


def test_held_suggestions_can_be_moved_into_the_queue(fresh_store):
    held = suggest(fresh_store, "Bumps Team", "198.51.100.9", held=True)
    at = sign_in(page("pages/review.py"))
    at.selectbox(key="bulk_status").select(FLOOD).run()
    next(b for b in at.button if b.label == "Move held ones shown into the queue").click().run()
    assert not at.exception
    assert fresh_store.get(held)["status"] == "pending"
    assert any(held in m.value for m in at.markdown)  # now in the Pending tab's queue
