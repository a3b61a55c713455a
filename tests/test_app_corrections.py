"""Check a listing and Review through AppTest: submit, sign in, approve, undo, import."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from coverage.listings.auth import hash_password
from coverage.listings.corrections import frame_to_csv
from coverage.listings.store import Store
from coverage.model.assumptions import Assumptions
from coverage.model.atlas import load_atlas
from coverage.model.gaps import area_table

APP = Path(__file__).resolve().parent.parent / "app.py"
PASSWORD = "a long test password"
HASH = hash_password(PASSWORD, iterations=1000)


@pytest.fixture(autouse=True)
def fresh_store(tmp_path, monkeypatch):
    monkeypatch.setenv("ATLAS_STATE_DIR", str(tmp_path / "state"))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield Store()
    st.cache_resource.clear()
    st.cache_data.clear()


def page(name: str, **params) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.secrets["review"] = {"password_hash": HASH}
    for k, v in params.items():
        at.query_params[k] = v
    at.switch_page(name)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def suggest_oxpip_capacity(at: AppTest, families: str, email="lead@oxpip.org.uk") -> AppTest:
    at.selectbox(key="chk_team").set_value("oxpip").run()
    form_inputs = {}
    for t in at.text_input:  # the correction form comes first; the new-team form reuses some labels
        form_inputs.setdefault(t.label, t)
    form_inputs["Families seen in a year (if published)"].input(families)
    form_inputs["Your email (for our reply only; never shown)"].input(email)
    form_inputs["A public page that supports the change"].input("https://www.oxpip.org.uk/about")
    next(b for b in at.button if b.label == "Send the correction").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def sign_in(at: AppTest, password=PASSWORD) -> AppTest:
    inputs = {t.label: t for t in at.text_input}
    inputs["Your name (recorded with each decision)"].input("Reviewer One")
    inputs["Reviewer password"].input(password)
    next(b for b in at.button if b.label == "Sign in").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_check_a_listing_shows_record_flags_and_capacity():
    at = page("pages/check.py")
    at.selectbox(key="chk_team").set_value("newpip").run()
    text = " ".join(m.value for m in at.markdown)
    assert "277 (its published figure)" in text
    assert "Data-quality flags" in text


def test_bad_submission_is_refused_and_nothing_stored(fresh_store):
    at = suggest_oxpip_capacity(page("pages/check.py"), "lots", email="nope")
    errors = " ".join(e.value for e in at.error)  # each message now sits beside its field, under its label
    assert "Your email" in errors and "Families seen in a year" in errors
    assert fresh_store.count() == 0


def test_submit_review_approve_changes_the_figures_then_undo(fresh_store):
    at = suggest_oxpip_capacity(page("pages/check.py"), "150")
    assert at.success and "reference" in at.success[0].value
    ref = fresh_store.submissions("pending")[0]["reference"]
    assert ref in at.success[0].value
    # Not live until approved.
    assert Store().head_version() == 0

    review = sign_in(page("pages/review.py"))
    assert any(ref in m.value for m in review.markdown)
    next(b for b in review.button if b.label == "Approve").click().run()
    assert not review.exception
    store = Store()
    assert store.head_version() == 1 and store.get(ref)["status"] == "approved"
    changes = {(c["field"], c["new"]) for c in store.changes(1)}
    assert ("families_per_year", "150") in changes

    live = load_atlas(directory_csv=store.directory_csv())
    oxford = area_table(live, "utla", Assumptions()).set_index("area_code").at["E10000025", "capacity_per_year"]
    assert oxford == pytest.approx(150)
    home = page("pages/coverage_map.py", area="E10000025")
    assert not home.exception

    # Undo restores the shipped record, as a new version.
    review = page("pages/review.py")
    review = sign_in(review)
    review.text_input(key="undo_reason_1").input("test undo").run()
    next(b for b in review.button if b.label == "Undo version 1").click().run()
    assert Store().head_version() == 2
    restored = load_atlas(directory_csv=Store().directory_csv())
    assert restored.teams.set_index("team_id").at["oxpip", "families_per_year"] != 150


def test_wrong_password_is_refused_and_throttled():
    at = page("pages/review.py")
    for _ in range(5):
        at = sign_in(at, password="wrong")
        assert at.error and "not right" in at.error[0].value
    at = sign_in(at, password=PASSWORD)  # even the right one, once locked out
    assert at.error and "Too many wrong passwords" in at.error[0].value
    assert not any(b.label == "Approve" for b in at.button)


def test_reject_needs_a_reason(fresh_store):
    suggest_oxpip_capacity(page("pages/check.py"), "90")
    review = sign_in(page("pages/review.py"))
    next(b for b in review.button if b.label == "Reject").click().run()
    assert review.error and "reason" in review.error[0].value
    assert Store().submissions("pending")


def test_import_reports_problems_then_replaces_on_acceptance(fresh_store):
    atlas = load_atlas()
    review = sign_in(page("pages/review.py"))
    bad = frame_to_csv(atlas.teams).replace(",unknown,", ",activ,", 1).encode()
    review.file_uploader(key="import_file").upload("network.csv", bad, "text/csv").run()
    assert review.error and "nothing has been changed" in review.error[0].value
    assert Store().head_version() == 0

    teams = atlas.teams.copy()
    teams.loc[teams["team_id"] == "oxpip", "families_per_year"] = 321.0
    review.file_uploader(key="import_file").upload("network.csv", frame_to_csv(teams).encode(), "text/csv").run()
    assert review.success and "All 56 rows are valid" in review.success[0].value
    review.text_input(key="import_reason").input("network list, Nov 2026").run()
    next(b for b in review.button if b.label == "Replace the live directory").click().run()
    assert Store().head_version() == 1
    assert ("families_per_year", "321") in {(c["field"], c["new"]) for c in Store().changes(1)}
