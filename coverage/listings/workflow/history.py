"""A listing's history as a reader sees it: what reviewers changed, and every confirmation it received.

The store keeps an audit row per changed field and every submission; this gathers one team's
and says them in plain words, newest first, with nothing private (no email, name, role,
message or reviewer), so Check a listing can show it to anyone.
"""

from __future__ import annotations

import datetime as dt

from coverage.listings.store import Store
from coverage.listings.workflow import confirmations
from coverage.listings.workflow.public import label

CONFIRMATION_STATES = {
    "pending": "received, waiting for a reviewer",
    "approved": "approved",
    "rejected": "declined by a reviewer",
}


def team_changes(store: Store, team_id: str) -> list[dict]:
    """The audit rows of one team with their version's date and whether it undid another."""
    return store.team_changes(team_id)


def team_confirmations(store: Store, team_id: str) -> list[dict]:
    """Every confirmation sent for one team, whatever its state, oldest first."""
    return store.team_submissions(team_id, confirmations.KIND)


def _day(value: dt.datetime | None) -> str:
    return value.date().isoformat() if value else ""


def history_rows(change_rows: list[dict], confirmation_rows: list[dict]) -> list[dict[str, str]]:
    """One row per event (a version that changed the team, a confirmation), newest first.

    A version written by approving a confirmation is said once, as that confirmation.
    """
    by_confirmation = {c["version"] for c in confirmation_rows if c["status"] == "approved"}
    events: list[tuple[str, int, str]] = []
    fields: dict[int, list[str]] = {}
    when: dict[int, tuple[str, int | None]] = {}
    for c in change_rows:
        if c["version"] in by_confirmation:
            continue
        fields.setdefault(c["version"], [])
        if c["field"] not in fields[c["version"]]:
            fields[c["version"]].append(c["field"])
        when[c["version"]] = (_day(c["created_at"]), c["undoes"])
    for version, names in fields.items():
        day, undoes = when[version]
        said = ", ".join("the team was added" if f == "(team)" else label(f).lower() for f in names)
        verb = f"Version {undoes} undone" if undoes else "Changed after a reviewed suggestion"
        events.append((day, version, f"{verb}: {said} (directory version {version})"))
    for c in confirmation_rows:
        how = confirmations.CHANNELS.get(c["proposed"].get("how", ""), "")
        state = CONFIRMATION_STATES.get(c["status"], c["status"])
        if c["status"] != "pending" and c["reviewed_at"]:
            state += f" on {_day(c['reviewed_at'])}"
        text = f"Confirmed still right ({how}): {state}"
        events.append((c["proposed"].get("confirmed_on", _day(c["created_at"])), c["version"] or 0, text))
    events.sort(key=lambda e: (e[0], e[1]), reverse=True)
    return [{"Date": day, "What happened": text} for day, _, text in events]


def listing_history(store: Store, team_id: str) -> list[dict[str, str]]:
    """What Check a listing shows under a team: its changes and confirmations, newest first."""
    return history_rows(team_changes(store, team_id), team_confirmations(store, team_id))
