"""A team saying "this listing is still right": the cheapest way for the directory to stay current.

A confirmation changes nothing but the date the listing was last checked. It travels as a
submission of kind ``confirmation`` (no schema change: ``proposed`` holds the date confirmed,
how it arrived and the optional name and role; the email sits where every suggestion keeps it),
waits for a reviewer like any suggestion, and its approval writes a new directory version whose
only change is that team's ``last_verified``. A reviewer who hears from a team by phone or email
records it in one step, which is audited the same way (a submission, decided by that reviewer).

The confirmer's name, role and email are contacts: kept only to reply, and erased with every
other contact once the retention period after the decision has passed (``Store.erase_contacts``).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from coverage.listings.workflow.corrections import EMAIL
from coverage.model.directory import CONTROL

KIND = "confirmation"
# How a confirmation reached the atlas, as stored and as said to people.
CHANNELS = {"web": "web form", "phone": "phone", "email": "email"}
CONTACT_KEYS = ("name", "role")  # the confirmer's own details inside ``proposed``
LIMITS = {"name": 120, "role": 120, "note": 2000}


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def validate(
    team_id: str | None,
    team_ids: set[str],
    *,
    how: str = "web",
    confirmed_on: dt.date | None = None,
    name: str = "",
    role: str = "",
    email: str = "",
    note: str = "",
    today: dt.date | None = None,
) -> tuple[dict, dict[str, str]]:
    """The ``proposed`` record of a confirmation and a message per bad field (empty when all is well).

    Every detail about the person is optional; what is given must be plain text within its
    limit, and an email must be one we could reply to.
    """
    today = today or dt.date.today()
    confirmed_on = confirmed_on or today
    problems: dict[str, str] = {}
    if team_id not in team_ids:
        problems["team_id"] = "choose a listed team to confirm"
    if how not in CHANNELS:
        problems["how"] = f"must be one of {', '.join(CHANNELS.values())}"
    if confirmed_on > today:
        problems["confirmed_on"] = "cannot be in the future"
    fields = {"name": _text(name), "role": _text(role), "note": _text(note)}
    for key, value in fields.items():
        if CONTROL.search(value):
            problems[key] = "contains control characters"
        elif len(value) > LIMITS[key]:
            problems[key] = f"is {len(value)} characters; the limit is {LIMITS[key]}"
    email = _text(email)
    if email and (len(email) > 254 or not EMAIL.match(email)):
        problems["contact_email"] = "must be an email address we can reply to, or left blank"
    proposed = {"confirmed_on": confirmed_on.isoformat(), "how": how, "name": fields["name"], "role": fields["role"]}
    return proposed, problems


def confirmed_date(proposed: dict) -> dt.date:
    """The date a stored confirmation says the listing was right on."""
    return dt.date.fromisoformat(str(proposed["confirmed_on"]))


def apply(frame: pd.DataFrame, team_id: str, confirmed_on: dt.date) -> tuple[pd.DataFrame, str]:
    """The directory with one team's ``last_verified`` moved to the date confirmed; nothing else changes.

    A confirmation older than the listing's last check leaves the date as it is: a phone call
    recorded late must not make a listing look older than it is.
    """
    rows = frame["team_id"] == team_id
    if not rows.any():
        raise ValueError(f"no row in the directory has team_id '{team_id}'")
    out = frame.copy()
    new = confirmed_on.isoformat()
    out.loc[rows, "last_verified"] = [max(old or "", new) for old in out.loc[rows, "last_verified"].fillna("")]
    return out, team_id


def describe(proposed: dict) -> str:
    """A confirmation in words for a reviewer: when, how, and who when they said (contacts may be erased)."""
    how = CHANNELS.get(proposed.get("how", ""), proposed.get("how", ""))
    who = ", ".join(p for p in (_text(proposed.get("name")), _text(proposed.get("role"))) if p)
    return f"Still right on {proposed.get('confirmed_on', '?')}, by {how}" + (f", from {who}" if who else "")


def version_reason(reference: str, team_name: str, proposed: dict, reason: str = "") -> str:
    """The directory version's reason: which confirmation, for which team, how it came (never who)."""
    how = CHANNELS.get(proposed.get("how", ""), proposed.get("how", ""))
    said = f"{reference}: {team_name} confirmed still right on {proposed.get('confirmed_on', '?')} ({how})"
    return f"{said}; {reason}" if reason and reason != f"approved {reference}" else said
