"""What a member of the public sees of a listing and of their own suggestion: plain words, nothing private.

The Check a listing page showed the directory's raw record (``area_level`` utla, ``E08000014``,
internal seed notes) and named fields in its error messages differently from the form's labels.
Here each field has one label, used by the form, the record and the messages alike; the record
shows names rather than codes and leaves out working notes; and a suggestion's status can be
looked up by its reference without revealing the email, message or changes it carried.
"""

from __future__ import annotations

import re

import pandas as pd

from coverage.model.levels import LEVELS

# One label per field, as the form shows it; messages about a field use the same words.
FIELD_LABELS = {
    "name": "Team name",
    "host_organisation": "Host organisation",
    "nation": "Nation",
    "area_level": "The areas it serves are",
    "area_codes": "Areas served (codes or names, separated by ;)",
    "status": "Is the team running?",
    "families_per_year": "Families seen in a year (if published)",
    "age_range": "Ages (e.g. pregnancy to age 2)",
    "interventions": "What it offers",
    "website": "Website",
    "source_url": "Public page the listing is based on",
    "notes": "Anything else about the team",
    "contact_email": "Your email (for our reply only; never shown)",
    "evidence_url": "A public page that supports the change",
    "message": "Anything else we should know",
    "fields": "Your changes",
    "kind": "Kind of suggestion",
    "team_id": "Team",
}
STATUS_CHOICES = {"active": "yes, it is running", "closed": "no, it has closed", "unknown": "not sure"}

REFERENCE = re.compile(r"^PIA-[0-9A-F]{8}$")
PUBLIC_STATUS = {
    "pending": "Received: waiting for a reviewer",
    "flood": "Received during a surge of suggestions: waiting for a reviewer (this may take longer)",
    "approved": "Approved: the directory now includes the change",
    "rejected": "Declined",
}
# What a confirmation's person is told: approving it changes only the date the listing was last checked.
CONFIRMATION_STATUS = {**PUBLIC_STATUS, "approved": "Approved: the listing now shows it was checked on {date}"}
KIND_WORDS = {
    "new_team": "a new team",
    "correction": "a correction",
    "confirmation": "a confirmation that the listing is still right",
}


def label(field: str) -> str:
    return FIELD_LABELS.get(field, field.replace("_", " ").capitalize())


def labelled_problems(problems: dict[str, str]) -> dict[str, str]:
    """Each problem under the label the form gives its field ("Website: must be a web address...")."""
    return {label(k): v for k, v in problems.items()}


def area_names(codes, level: str, areas: pd.DataFrame) -> list[str]:
    """The names of the areas with these codes at the level, in the order given (codes as a fallback)."""
    at_level = areas[areas["level"] == level]
    names = dict(zip(at_level["area_code"], at_level["area_name"]))
    return [names.get(c, c) for c in codes]


def readable_record(team: pd.Series, areas: pd.DataFrame) -> list[tuple[str, str]]:
    """The listing as a reader sees it: labelled, names not codes, no working notes or internal ids."""

    def text(value) -> str:
        return "" if value is None or value != value else str(value)

    level = text(team.get("area_level"))
    codes = team.get("area_codes") or ()
    served = "; ".join(area_names(codes, level, areas)) if codes else "none mapped"
    families = team.get("families_per_year")
    rows = [
        ("Team", text(team.get("name"))),
        ("Host organisation", text(team.get("host_organisation")) or "not stated"),
        ("Nation", text(team.get("nation")) or "not stated"),
        ("Areas served", served + (f" ({LEVELS[level].plural})" if level in LEVELS and codes else "")),
        ("Areas not on the map", text(team.get("unresolved_areas"))),
        ("Status", text(team.get("status"))),
        (
            "Families seen in a year",
            f"{int(families)} (published)" if families == families and families else "not published",
        ),
        ("Ages", text(team.get("age_range")) or "not stated"),
        ("What it offers", text(team.get("interventions")) or "not stated"),
        ("Website", text(team.get("website")) or "none listed"),
        ("Public page the listing is based on", text(team.get("source_url")) or "none"),
        ("Last checked", text(team.get("last_verified")) or "not yet"),
    ]
    return [(k, v) for k, v in rows if v]


def normalise_reference(text: str) -> str | None:
    """ "pia-1a2b3c4d " -> "PIA-1A2B3C4D"; None if it cannot be a reference."""
    ref = (text or "").strip().upper()[:20]
    if ref and not ref.startswith("PIA-"):
        ref = "PIA-" + ref
    return ref if REFERENCE.match(ref) else None


def public_status(record: dict | None) -> dict | None:
    """A suggestion's status for the person who made it: never their email, message or proposed fields."""
    if not record:
        return None
    decided = record.get("reviewed_at")
    kind = record.get("kind", "")
    words = CONFIRMATION_STATUS if kind == "confirmation" else PUBLIC_STATUS
    status = words.get(record.get("status", ""), "Received")
    if kind == "confirmation":
        status = status.format(date=(record.get("proposed") or {}).get("confirmed_on", "the date confirmed"))
    return {
        "reference": record["reference"],
        "kind": KIND_WORDS.get(kind, "a correction"),
        "received": record["created_at"].date().isoformat() if record.get("created_at") else "",
        "status": status,
        "decided": decided.date().isoformat() if decided else "",
        "reason": (record.get("reason") or "") if record.get("status") == "rejected" else "",
    }
