"""'This listing is still right': confirmed on Check a listing, decided on Review, tracked, throttled.

The evidence count is the Directory health headline's own: a nation's counted services whose
latest dated evidence falls in the window (two years by default).
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
import sqlalchemy as sa

from coverage.listings.health.report import directory_health
from coverage.listings.store import Store
from coverage.listings.throttle import clients
from coverage.listings.workflow.corrections import frame_to_csv
from coverage.model.assumptions import Assumptions
from coverage.model.atlas import load_atlas
from coverage.model.services import evidence_year
from tests.app.apprun import page, sign_in

pytestmark = [pytest.mark.apptest, pytest.mark.usefixtures("fresh_store")]

TEAM = "oldham-eas"  # England, specialised, active; newest evidence 2021 (year established), no last_verified
BUTTON = "This listing is still right"
WINDOW_YEARS = 2


def evidence_within_window(atlas, nation: str, today: dt.date) -> int:
    """The health headline's "dated evidence in the window" figure for one nation."""
    report = directory_health(atlas, Assumptions(), window=WINDOW_YEARS, today=today, results=None)
    headline = report.headline.set_index("scope")
    assert report.since == today.year - WINDOW_YEARS
    return int(headline.loc[nation, "evidence_in_window"])


def rows(csv_text: str) -> dict[str, dict[str, str]]:
    return {r["team_id"]: r for r in csv.DictReader(io.StringIO(csv_text, newline=""))}


def confirm(at, name: str = "", role: str = ""):
    """Press the button on the open listing, after typing the optional details given."""
    boxes = {t.label: t for t in at.text_input}
    if name:
        boxes["Your name (optional)"].input(name)
    if role:
        boxes["Your role in the team (optional)"].input(role)
    next(b for b in at.button if b.label == BUTTON).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def track(at, reference: str) -> str:
    at.text_input(key="chk_track").input(reference).run()
    return "\n".join(m.value for m in at.markdown if reference in m.value)


def test_confirm_then_approve_moves_only_last_verified_and_lifts_evidence_within_window_count(fresh_store):
    today = dt.date.today()
    shipped = load_atlas().teams
    assert evidence_year(shipped)[shipped["team_id"] == TEAM].iloc[0] < today.year - WINDOW_YEARS  # older evidence
    before = evidence_within_window(load_atlas(), "England", today)

    at = confirm(page("pages/check.py", team=TEAM), role="Team lead")
    (message,) = [s.value for s in at.success]
    (sent,) = fresh_store.submissions("pending")
    assert sent["reference"] in message and sent["kind"] == "confirmation"
    assert sent["proposed"] == {"confirmed_on": today.isoformat(), "how": "web", "name": "", "role": "Team lead"}
    assert "Received: waiting for a reviewer" in track(at, sent["reference"])

    review = sign_in(page("pages/review.py"))
    assert any("Confirmation: **Oldham Early Attachment Service** is still right" in m.value for m in review.markdown)
    assert not [d for d in review.dataframe if "Proposed" in d.value.columns]  # not shown as a diff
    next(b for b in review.button if b.label == "Approve").click().run()
    assert not review.exception and not review.error
    decided = next(d.value for d in review.dataframe if "confirmed" in d.value.columns)  # who and how, recorded
    assert list(decided["confirmed"]) == [f"Still right on {today.isoformat()}, by web form, from Team lead"]

    store = Store()
    expected = rows(frame_to_csv(shipped))
    expected[TEAM]["last_verified"] = today.isoformat()
    assert rows(store.directory_csv()) == expected  # the directory differs only in that cell
    assert store.get(sent["reference"])["reviewer"] == "Reviewer One"
    live = load_atlas(directory_csv=store.directory_csv())
    assert evidence_within_window(live, "England", today) == before + 1

    check = page("pages/check.py", team=TEAM)
    assert f"checked on {today.isoformat()}" in track(check, sent["reference"])
    (history,) = [d.value for d in check.dataframe if "What happened" in d.value.columns]
    assert list(history["What happened"]) == [f"Confirmed still right (web form): approved on {today.isoformat()}"]


def test_reject_changes_nothing(fresh_store):
    confirm(page("pages/check.py", team=TEAM))
    review = sign_in(page("pages/review.py"))
    review.text_input(key=f"reason_{fresh_store.submissions()[0]['reference']}").input("not from the team")
    next(b for b in review.button if b.label == "Reject").click().run()
    assert not review.exception and not review.error
    store = Store()
    assert store.head_version() == 0 and store.directory_csv() is None
    assert store.submissions()[0]["status"] == "rejected"


def test_a_flood_from_one_client_is_throttled_with_a_clear_message_and_nothing_is_lost(fresh_store):
    at = page("pages/check.py", team=TEAM)
    for n in range(clients.SUGGESTIONS_PER_CLIENT):
        confirm(at, name=f"Person {n}")
        assert at.success and "reference" in at.success[0].value
    confirm(at, name="One too many")
    assert at.error and at.error[0].value.startswith("You have sent 5 confirmations in the last hour")
    # Every one acknowledged was stored, and what was typed into the refused one is still in the box.
    assert [s["proposed"]["name"] for s in fresh_store.submissions()] == [f"Person {n}" for n in range(5)]
    assert next(t for t in at.text_input if t.label == "Your name (optional)").value == "One too many"


def test_a_failed_save_keeps_the_form_and_says_so(fresh_store, monkeypatch):
    def down(self, *args, **kwargs):
        raise sa.exc.OperationalError("INSERT", {}, Exception("connection refused"))

    at = page("pages/check.py", team=TEAM)
    monkeypatch.setattr(Store, "submit", down)
    confirm(at, role="Psychologist")
    assert at.error and "could not be saved" in at.error[0].value and not at.success
    assert next(t for t in at.text_input if t.label == "Your role in the team (optional)").value == "Psychologist"


def test_a_reviewer_records_a_phone_confirmation_with_a_note(fresh_store):
    review = sign_in(page("pages/review.py"))
    team_box = next(s for s in review.selectbox if s.label == "Team")
    team_box.set_value(TEAM)
    next(r for r in review.radio if r.label == "How it was received").set_value("phone")
    next(t for t in review.text_area if t.label.startswith("Note")).input("Rang the team's office; all correct")
    next(b for b in review.button if b.label == "Record the confirmation").click().run()
    assert not review.exception and not review.error
    assert review.success and "directory version 1" in review.success[0].value
    (sent,) = fresh_store.submissions()
    assert (sent["status"], sent["reviewer"], sent["proposed"]["how"]) == ("approved", "Reviewer One", "phone")
    assert sent["message"] == "Recorded by Reviewer One: Rang the team's office; all correct"
    changes = Store().changes(1)
    assert [(c["team_id"], c["field"]) for c in changes] == [(TEAM, "last_verified")]
