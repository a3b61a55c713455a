"""Check a listing: one visitor's suggestions are limited, with a clear message and nothing lost."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from coverage.listings.store import Store
from coverage.listings.throttle import clients

pytestmark = pytest.mark.apptest


@pytest.fixture(autouse=True)
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("ATLAS_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    st.cache_resource.clear()
    s = Store()
    yield s
    s.engine.dispose()
    st.cache_resource.clear()


def send_new_team(at: AppTest, name: str) -> AppTest:
    inputs = {}
    for t in at.text_input:
        inputs[t.label] = t  # the new-team form comes last; its labels win
    inputs["Team name"].input(name)
    inputs["Areas served (codes or names, separated by ;)"].input("Hartlepool")
    inputs["Your email (for our reply only; never shown)"].input("lead@example.org")
    inputs["A public page about the team"].input("https://example.org/team")
    next(b for b in at.button if b.label == "Send the new team").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_sixth_suggestion_within_the_hour_is_refused_and_kept_in_the_form(store, app_test):
    at = app_test("pages/check.py")
    for n in range(clients.SUGGESTIONS_PER_CLIENT):
        send_new_team(at, f"Team {n}")
        assert at.success and "reference" in at.success[0].value
    send_new_team(at, "One too many")
    assert at.error and "5 suggestions in the last hour" in at.error[0].value
    assert store.count() == clients.SUGGESTIONS_PER_CLIENT
    assert any(t.value == "One too many" for t in at.text_input)  # nothing typed is lost
