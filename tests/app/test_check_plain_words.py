"""Check a listing in plain words: errors beside their fields, a link that chooses the team, status by reference."""

from __future__ import annotations

import pytest

from coverage.listings.store import Store
from tests.app.pages import open_page

pytestmark = [pytest.mark.apptest, pytest.mark.slow]


def test_record_has_no_internal_fields():
    at = open_page("check", team="oxpip")
    assert at.selectbox(key="chk_team").value == "oxpip"  # the "Suggest a correction" link chose it
    shown = at.table[0].value.to_string()
    assert "Oxfordshire" in shown
    for internal in ("E10000025", "utla", "Seed notes", "area_level"):
        assert internal not in shown


def test_errors_sit_beside_their_fields_under_the_same_labels():
    at = open_page("check", team="oxpip")
    inputs = {}
    for t in at.text_input:
        inputs.setdefault(t.label, t)
    inputs["Families seen in a year (if published)"].input("lots")
    inputs["Your email (for our reply only; never shown)"].input("nope")
    next(b for b in at.button if b.label == "Send the correction").click().run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert errors[0].startswith("Nothing was sent yet")
    assert any(e.startswith("Families seen in a year (if published):") for e in errors)
    assert any(e.startswith("Your email (for our reply only; never shown):") for e in errors)
    # what was typed is still there
    first = next(t for t in at.text_input if t.label == "Families seen in a year (if published)")
    assert first.value == "lots"
    # the form does not prefill the team's working notes
    assert all("Seed notes" not in (t.value or "") for t in at.text_area)


def test_track_a_suggestion_shows_status_only():
    store = Store()
    ref = store.submit(
        "correction", "oxpip", {"families_per_year": "150"}, "private@example.org", "https://x.org/a", "secret note"
    )
    at = open_page("check")
    at.text_input(key="chk_track").input(ref.lower()).run()
    text = " ".join(m.value for m in at.markdown)
    assert ref in text and "Received: waiting for a reviewer" in text
    assert "private@example.org" not in text and "secret note" not in text and "150" not in text
    at.text_input(key="chk_track").input("PIA-00000000").run()
    assert any("No suggestion has the reference PIA-00000000" in w.value for w in at.warning)
