"""'This listing is still right': a confirmation moves one team's last_verified and nothing else.

Expected directories are hand-built: the shipped CSV with the one cell replaced, compared as text.
Store cases run on SQLite, and on PostgreSQL when ``ATLAS_TEST_POSTGRES_URL`` is set.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io

import pytest

from coverage.listings.store import Store, StoreError, submissions
from coverage.listings.throttle import clients
from coverage.listings.workflow import confirmations, corrections, history, public, review
from coverage.model.atlas import load_atlas

pytestmark = pytest.mark.unit

TEAM = "oldham-eas"  # shipped with no last_verified (evidence 2021 from year_established)
DAY = dt.date(2026, 11, 30)
IDS = {"oxpip", TEAM}


@functools.cache
def atlas():
    return load_atlas()


def rows(csv_text: str) -> dict[str, dict[str, str]]:
    return {r["team_id"]: r for r in csv.DictReader(io.StringIO(csv_text, newline=""))}


def shipped_rows() -> dict[str, dict[str, str]]:
    return rows(corrections.frame_to_csv(atlas().teams))


def confirmation(**kwargs) -> dict:
    proposed, problems = confirmations.validate(TEAM, IDS, confirmed_on=DAY, today=DAY, **kwargs)
    assert not problems, problems
    return proposed


# ----------------------------------------------------------------- validation


def test_a_bare_confirmation_needs_nothing_but_the_team():
    proposed, problems = confirmations.validate(TEAM, IDS, today=DAY)
    assert problems == {}
    assert proposed == {"confirmed_on": "2026-11-30", "how": "web", "name": "", "role": ""}


def test_every_detail_is_checked_and_said_in_words():
    _, problems = confirmations.validate(
        "nobody",
        IDS,
        how="fax",
        confirmed_on=DAY + dt.timedelta(days=1),
        name="x" * 121,
        role="lead\x07",
        email="not an email",
        note="y" * 2001,
        today=DAY,
    )
    assert problems == {
        "team_id": "choose a listed team to confirm",
        "how": "must be one of web form, phone, email",
        "confirmed_on": "cannot be in the future",
        "name": "is 121 characters; the limit is 120",
        "role": "contains control characters",
        "contact_email": "must be an email address we can reply to, or left blank",
        "note": "is 2001 characters; the limit is 2000",
    }


# ----------------------------------------------------------------- the directory after approval


def test_apply_changes_only_that_teams_last_verified():
    after, touched = confirmations.apply(atlas().teams, TEAM, DAY)
    assert touched == TEAM
    expected = shipped_rows()
    assert expected[TEAM]["last_verified"] == ""
    expected[TEAM]["last_verified"] = "2026-11-30"
    assert rows(corrections.frame_to_csv(after)) == expected
    assert corrections.diff(atlas().teams, after) == [
        {"team_id": TEAM, "field": "last_verified", "old": "", "new": "2026-11-30"}
    ]


def test_an_older_confirmation_never_makes_a_listing_look_older():
    # OXPIP was last checked 2025-03-01; a call recorded from 2024 leaves it there.
    after, _ = confirmations.apply(atlas().teams, "oxpip", dt.date(2024, 1, 15))
    assert corrections.diff(atlas().teams, after) == []


def test_an_unknown_team_is_refused():
    with pytest.raises(ValueError, match="no row"):
        confirmations.apply(atlas().teams, "nobody", DAY)


def test_approval_writes_a_version_differing_only_in_last_verified(new_store_url):
    store = Store(new_store_url())
    ref = store.submit(confirmations.KIND, TEAM, confirmation(name="Ann Lee", role="Team lead"), "ann@example.org", "")
    version = review.approve(store, atlas(), atlas().teams, ref, "Reviewer One", "", 0)
    assert version == 1
    expected = shipped_rows()
    expected[TEAM]["last_verified"] = "2026-11-30"
    assert rows(store.directory_csv()) == expected
    assert [(c["team_id"], c["field"], c["old"], c["new"]) for c in store.changes(1)] == [
        (TEAM, "last_verified", "", "2026-11-30")
    ]
    decided = store.get(ref)
    assert (decided["status"], decided["reviewer"], decided["version"]) == ("approved", "Reviewer One", 1)
    assert decided["proposed"]["how"] == "web"
    assert (
        store.versions()[0].reason
        == f"{ref}: Oldham Early Attachment Service confirmed still right on 2026-11-30 (web form)"
    )


def test_reject_changes_nothing(new_store_url):
    store = Store(new_store_url())
    ref = store.submit(confirmations.KIND, TEAM, confirmation(), "", "")
    store.reject(ref, "Reviewer One", "not from the team")
    assert store.head_version() == 0 and store.directory_csv() is None and store.versions() == []
    assert store.get(ref)["status"] == "rejected"


def test_a_reviewer_records_a_phone_confirmation_in_one_audited_step(new_store_url):
    store = Store(new_store_url())
    proposed = confirmation(how="phone", role="Clinical lead")
    ref, version = review.record_confirmation(
        store,
        atlas(),
        atlas().teams,
        proposed,
        team_id=TEAM,
        email="",
        note="Rang the team's office",
        reviewer="Reviewer One",
        expected_version=0,
        client_token="form-1",
    )
    assert version == 1 and store.head_version() == 1
    sent = store.get(ref)
    assert (sent["kind"], sent["status"], sent["reviewer"]) == ("confirmation", "approved", "Reviewer One")
    assert sent["message"] == "Recorded by Reviewer One: Rang the team's office"
    assert sent["proposed"]["how"] == "phone" and sent["proposed"]["role"] == "Clinical lead"
    assert store.versions()[0].reason.endswith("(phone); recorded by Reviewer One")
    # The same form sent again does nothing more.
    again = review.record_confirmation(
        store,
        atlas(),
        atlas().teams,
        proposed,
        team_id=TEAM,
        email="",
        note="Rang the team's office",
        reviewer="Reviewer One",
        expected_version=1,
        client_token="form-1",
    )
    assert again == (ref, 1) and store.count() == 1


def test_a_recorded_confirmation_refused_as_stale_is_kept_pending(new_store_url):
    store = Store(new_store_url())
    with pytest.raises(StoreError, match="waits under Pending"):
        review.record_confirmation(
            store,
            atlas(),
            atlas().teams,
            confirmation(how="email"),
            team_id=TEAM,
            email="",
            note="",
            reviewer="Reviewer One",
            expected_version=3,  # the reviewer's page is not the store's version 0
        )
    assert store.count("pending") == 1 and store.head_version() == 0


# ----------------------------------------------------------------- contacts, throttle, tracking


def test_a_confirmers_name_role_and_email_are_erased_with_other_contacts(new_store_url):
    store = Store(new_store_url())
    ref = store.submit(confirmations.KIND, TEAM, confirmation(name="Ann Lee", role="Lead"), "ann@example.org", "")
    waiting = store.submit(confirmations.KIND, TEAM, confirmation(name="Bo Chan", role="Lead"), "", "")
    store.reject(ref, "Reviewer One", "duplicate")
    with store.engine.begin() as conn:
        conn.execute(
            submissions.update()
            .where(submissions.c.reference == ref)
            .values(reviewed_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=91))
        )
    cutoff = dt.datetime.now(dt.UTC) - dt.timedelta(days=90)
    assert store.erase_contacts(cutoff) == 1
    erased = store.get(ref)
    assert erased["contact_email"] == "" and erased["proposed"] == {
        "confirmed_on": "2026-11-30",
        "how": "web",
        "name": "",
        "role": "",
    }
    assert store.get(waiting)["proposed"]["name"] == "Bo Chan"  # pending: kept to reply
    assert store.erase_contacts(cutoff) == 0


def test_confirmations_are_throttled_per_client_apart_from_suggestions(new_store_url):
    store = Store(new_store_url())
    keys = ["address:203.0.113.9", "session:abc"]
    for _ in range(clients.SUGGESTIONS_PER_CLIENT):
        assert clients.admit_confirmation(store, keys) == (None, False)
    refused, held = clients.admit_confirmation(store, keys)
    assert not held
    assert refused.startswith("You have sent 5 confirmations in the last hour") and "Nothing was sent" in refused
    assert clients.admit_confirmation(store, ["session:other"]) == (None, False)  # another person is not held back
    assert clients.admit_suggestion(store, keys) == (None, False)  # nor are this person's suggestions


def test_tracking_a_confirmation_says_what_it_did():
    record = {
        "reference": "PIA-0000ABCD",
        "kind": "confirmation",
        "created_at": dt.datetime(2026, 11, 30, 10, tzinfo=dt.UTC),
        "status": "approved",
        "reviewed_at": dt.datetime(2026, 12, 1, tzinfo=dt.UTC),
        "proposed": {"confirmed_on": "2026-11-30", "how": "web", "name": "Ann Lee", "role": "Lead"},
        "reason": "fine",
    }
    assert public.public_status(record) == {
        "reference": "PIA-0000ABCD",
        "kind": "a confirmation that the listing is still right",
        "received": "2026-11-30",
        "status": "Approved: the listing now shows it was checked on 2026-11-30",
        "decided": "2026-12-01",
        "reason": "",
    }


def test_history_says_each_change_and_confirmation_once_newest_first():
    at = dt.datetime
    change_rows = [
        {"version": 1, "field": "families_per_year", "created_at": at(2026, 10, 2, tzinfo=dt.UTC), "undoes": None},
        {"version": 1, "field": "last_verified", "created_at": at(2026, 10, 2, tzinfo=dt.UTC), "undoes": None},
        {"version": 2, "field": "last_verified", "created_at": at(2026, 11, 5, tzinfo=dt.UTC), "undoes": None},
        {"version": 3, "field": "families_per_year", "created_at": at(2026, 11, 6, tzinfo=dt.UTC), "undoes": 1},
    ]
    confirmation_rows = [
        {
            "proposed": {"confirmed_on": "2026-11-04", "how": "phone"},
            "created_at": at(2026, 11, 5, tzinfo=dt.UTC),
            "status": "approved",
            "reviewed_at": at(2026, 11, 5, tzinfo=dt.UTC),
            "version": 2,
        },
        {
            "proposed": {"confirmed_on": "2026-11-20", "how": "web"},
            "created_at": at(2026, 11, 20, tzinfo=dt.UTC),
            "status": "pending",
            "reviewed_at": None,
            "version": None,
        },
    ]
    assert history.history_rows(change_rows, confirmation_rows) == [
        {"Date": "2026-11-20", "What happened": "Confirmed still right (web form): received, waiting for a reviewer"},
        {
            "Date": "2026-11-06",
            "What happened": "Version 1 undone: families seen in a year (if published) (directory version 3)",
        },
        {"Date": "2026-11-04", "What happened": "Confirmed still right (phone): approved on 2026-11-05"},
        {
            "Date": "2026-10-02",
            "What happened": "Changed after a reviewed suggestion: families seen in a year (if published), "
            "last verified (directory version 1)",
        },
    ]


def test_listing_history_reads_the_store(new_store_url):
    store = Store(new_store_url())
    ref = store.submit(confirmations.KIND, TEAM, confirmation(), "", "")
    review.approve(store, atlas(), atlas().teams, ref, "Reviewer One", "", 0)
    store.submit(confirmations.KIND, "oxpip", confirmation(), "", "")  # another team's: not in this history
    (only,) = history.listing_history(store, TEAM)
    assert only["Date"] == "2026-11-30" and only["What happened"].startswith(
        "Confirmed still right (web form): approved on "
    )


def test_a_reviewer_reads_when_how_and_from_whom_until_the_contacts_are_erased():
    given = {"confirmed_on": "2026-11-30", "how": "phone", "name": "Ann Lee", "role": "Team lead"}
    assert confirmations.describe(given) == "Still right on 2026-11-30, by phone, from Ann Lee, Team lead"
    erased = {**given, "name": "", "role": ""}
    assert confirmations.describe(erased) == "Still right on 2026-11-30, by phone"
