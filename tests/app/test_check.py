"""Check a listing: the record as counted, and a bad suggestion refused with nothing stored."""

from __future__ import annotations

import pytest

from tests.app.apprun import page, suggest_oxpip_capacity

pytestmark = pytest.mark.usefixtures("fresh_store")


def test_check_a_listing_shows_record_flags_and_capacity():
    at = page("pages/check.py")
    at.selectbox(key="chk_team").set_value("newpip").run()
    text = " ".join(m.value for m in at.markdown)
    assert "277 (its published figure)" in text
    assert "Data-quality flags" in text


def test_bad_submission_is_refused_and_nothing_stored(fresh_store):
    at = suggest_oxpip_capacity(page("pages/check.py"), "lots", email="nope")
    errors = " ".join(e.value for e in at.error)  # each message sits beside its field, under its label
    assert "Your email" in errors and "Families seen in a year" in errors
    assert fresh_store.count() == 0
