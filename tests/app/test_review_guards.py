"""Review page guards: stale views refused with what changed, per-client sign-in throttling,
a paginated queue, and a store that cannot be written reported rather than raised."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from coverage.listings.accounts.auth import hash_password
from coverage.listings.store import Store
from coverage.listings.workflow.corrections import frame_to_csv
from coverage.model.atlas import load_atlas
from tests.support.apptest import open_app

pytestmark = pytest.mark.apptest

PASSWORD = "a long test password"
HASH = hash_password(PASSWORD, iterations=1000)
ACCOUNTS = {"Reviewer One": HASH, "Reviewer Two": HASH}


@pytest.fixture(autouse=True)
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("ATLAS_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    st.cache_resource.clear()
    st.cache_data.clear()
    s = Store()
    yield s
    s.engine.dispose()
    st.cache_resource.clear()
    st.cache_data.clear()


def suggest(store: Store, team_id: str, fields: dict) -> str:
    return store.submit("correction", team_id, fields, "lead@example.org", "https://example.org/evidence")


def review_page() -> AppTest:
    at = open_app("pages/review.py", secrets={"review": {"accounts": ACCOUNTS}})
    assert not at.exception, [e.value for e in at.exception]
    return at


def sign_in(at: AppTest, name="Reviewer One", password=PASSWORD) -> AppTest:
    inputs = {t.label: t for t in at.text_input}
    inputs["Your name (recorded with each decision)"].input(name)
    inputs["Reviewer password"].input(password)
    next(b for b in at.button if b.label == "Sign in").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def approve(at: AppTest, ref: str) -> AppTest:
    at.button(key=f"FormSubmitter:decide_{ref}-Approve").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_stale_approval_is_refused_with_what_changed(store):
    first = suggest(store, "oxpip", {"families_per_year": "150"})
    second = suggest(store, "newpip", {"notes": "moved to a new building"})
    one = sign_in(review_page(), "Reviewer One")
    two = sign_in(review_page(), "Reviewer Two")

    approve(two, first)
    assert store.head_version() == 1
    approve(one, second)  # One still looks at version 0
    assert one.error, "a stale approval must be refused"
    message = one.error[0].value
    assert "Nothing was written" in message and "version 1 by Reviewer Two" in message and "oxpip" in message
    assert store.head_version() == 1 and store.get(second)["status"] == "pending"

    approve(one, second)  # now One has seen version 1
    assert not one.error and store.head_version() == 2
    assert [c["team_id"] for c in store.changes(2)] == ["newpip", "newpip"]
    assert store.versions()[0].author == "Reviewer One"


def test_a_stale_import_is_refused(store):
    ref = suggest(store, "oxpip", {"families_per_year": "150"})
    one = sign_in(review_page(), "Reviewer One")
    teams = load_atlas().teams
    teams.loc[teams["team_id"] == "newpip", "notes"] = "from the network's list"
    one.file_uploader(key="import_file").upload("network.csv", frame_to_csv(teams).encode(), "text/csv").run()
    one.text_input(key="import_reason").input("network list").run()

    two = sign_in(review_page(), "Reviewer Two")
    approve(two, ref)
    next(b for b in one.button if b.label == "Replace the live directory").click().run()
    assert not one.exception
    assert one.error and "version 1 by Reviewer Two" in one.error[0].value
    assert store.head_version() == 1  # the import did not wipe Two's approval


@pytest.mark.slow
def test_60_wrong_passwords_from_12_sessions_leave_another_client_signing_in(monkeypatch):
    """A client is its address: new sessions from the guessing address stay throttled, another address is not.

    The store's clock stands still, so the waits between attempts cannot run out while a busy
    machine draws the 60 pages (they did under load, and the fresh session then signed in).
    """
    from coverage.listings.store import clock
    from ui import client

    frozen = clock.now()
    monkeypatch.setattr(clock, "now", lambda: frozen)
    monkeypatch.setattr(client, "client_group", lambda: "203.0.113.9")
    for _ in range(12):
        at = review_page()
        for _ in range(5):
            at = sign_in(at, password="wrong")
            assert at.error
    again = sign_in(review_page())  # a fresh session from the same address is the same client
    assert again.error and "Too many wrong passwords" in again.error[0].value
    monkeypatch.setattr(client, "client_group", lambda: "198.51.100.7")
    right = sign_in(review_page())
    assert not right.error
    assert any(b.label == "Sign out" for b in right.button)


def test_the_queue_shows_one_page_at_a_time(store):
    refs = [suggest(store, "oxpip", {"notes": f"note {n}"}) for n in range(45)]
    at = sign_in(review_page())
    approves = [b for b in at.button if b.label == "Approve"]
    assert len(approves) == 20
    assert "45" in at.markdown[0].value or any("**45**" in m.value for m in at.markdown)
    at.number_input(key="review_page").set_value(3).run()
    shown = [b.key for b in at.button if b.label == "Approve"]
    assert len(shown) == 5 and refs[-1] in shown[-1]


def test_a_store_that_cannot_be_written_is_reported_not_raised(store, monkeypatch):
    ref = suggest(store, "oxpip", {"families_per_year": "150"})
    at = sign_in(review_page())
    path = Path(store.url.removeprefix("sqlite:///"))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///file:{path}?mode=ro&uri=true")
    st.cache_resource.clear()
    approve(at, ref)
    assert at.error and "cannot be used just now (approving)" in at.error[0].value
    assert store.get(ref)["status"] == "pending" and store.head_version() == 0


def test_an_unreachable_store_is_reported_not_raised(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody:nothing@127.0.0.1:9/none?connect_timeout=1")
    st.cache_resource.clear()
    at = review_page()
    assert any("cannot be used just now (opening it)" in e.value for e in at.error)


def test_reviewer_text_in_history_is_shown_as_text(store):
    ref = suggest(store, "oxpip", {"families_per_year": "150"})
    at = sign_in(review_page())
    at.text_input(key=f"reason_{ref}").input("[Sign in again](http://127.0.0.1:9/x) ![i](http://127.0.0.1:9/p.png)")
    approve(at, ref)
    label = next(e.label for e in at.expander if e.label.startswith("Version 1"))
    assert "Reviewer One" in label and r"\[Sign in again\]\(http\:" in label
    assert not re.search(r"(?<!\\)[\[\]()!]", label.split("Reviewer One", 1)[1]), label
