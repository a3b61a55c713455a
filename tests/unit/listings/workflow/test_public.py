"""What the public sees: labelled fields, names not codes, no working notes; a status without private details."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from coverage.listings.workflow import public

pytestmark = pytest.mark.unit

AREAS = pd.DataFrame(
    {
        "level": ["utla", "utla", "lad"],
        "area_code": ["E08000014", "E10000016", "E08000014"],
        "area_name": ["Sefton", "Kent", "Sefton"],
    }
)


def test_record_shows_names_and_levels_in_words_and_hides_working_notes():
    team = pd.Series(
        {
            "team_id": "sefton-pip",
            "name": "Sefton PIP",
            "area_level": "utla",
            "area_codes": ("E08000014",),
            "status": "active",
            "families_per_year": float("nan"),
            "notes": "Seed notes: [confidence: high] internal",
            "source_url": "https://example.org/sefton",
        }
    )
    record = dict(public.readable_record(team, AREAS))
    assert record["Areas served"] == "Sefton (councils)"
    assert record["Families seen in a year"] == "not published"
    text = " ".join(f"{k} {v}" for k, v in record.items())
    assert "E08000014" not in text and "utla" not in text and "Seed notes" not in text and "sefton-pip" not in text


def test_problems_are_named_as_the_form_labels_them():
    got = public.labelled_problems({"contact_email": "must be an email", "families_per_year": "must be a number"})
    assert set(got) == {"Your email (for our reply only; never shown)", "Families seen in a year (if published)"}


@pytest.mark.parametrize(
    ("text", "ref"),
    [
        ("PIA-1A2B3C4D", "PIA-1A2B3C4D"),
        (" pia-1a2b3c4d ", "PIA-1A2B3C4D"),
        ("1a2b3c4d", "PIA-1A2B3C4D"),
        ("PIA-XYZ", None),
        ("", None),
    ],
)
def test_references_are_normalised_or_refused(text, ref):
    assert public.normalise_reference(text) == ref


def test_status_reveals_nothing_private():
    record = {
        "reference": "PIA-1A2B3C4D",
        "kind": "correction",
        "created_at": dt.datetime(2026, 11, 1, 9, 30, tzinfo=dt.UTC),
        "status": "rejected",
        "reviewed_at": dt.datetime(2026, 11, 3, tzinfo=dt.UTC),
        "reason": "The source does not mention this team.",
        "contact_email": "secret@example.org",
        "message": "private note",
        "proposed": {"name": "X"},
        "reviewer": "Reviewer One",
    }
    status = public.public_status(record)
    assert status == {
        "reference": "PIA-1A2B3C4D",
        "kind": "a correction",
        "received": "2026-11-01",
        "status": "Declined",
        "decided": "2026-11-03",
        "reason": "The source does not mention this team.",
    }
    assert public.public_status(None) is None
    pending = public.public_status({**record, "status": "pending", "reviewed_at": None, "reason": None})
    assert pending["status"].startswith("Received") and pending["reason"] == "" and pending["decided"] == ""


def test_a_suggestion_held_as_a_flood_is_described_to_its_sender_as_waiting():
    shown = public.public_status({"reference": "PIA-0000000A", "status": "flood", "kind": "new_team"})
    assert shown["status"].startswith("Received during a surge") and "waiting for a reviewer" in shown["status"]
