"""Searching the team directory and describing a listing for people checking it."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from coverage.assumptions import NATIONAL_TEAMS

NATIONAL_COUNT_NOTE = (
    f"About {NATIONAL_TEAMS} teams were reported UK-wide in December 2025 (Parent-Infant Foundation); "
    "this directory is built from scattered public pages and is not the Parent-Infant Network's own list."
)
STALE_AFTER_DAYS = 365


def search(teams: pd.DataFrame, text: str = "", *, nations=(), statuses=(), confidences=(), kinds=()) -> pd.DataFrame:
    """Teams whose name, host, areas or notes contain the text (case-insensitive), then filtered."""
    t = teams
    needle = text.strip().lower()
    if needle:
        hay = (t["name"] + " " + t["host_organisation"] + " " + t["area_names"] + " " + t["unresolved_areas"]
               + " " + t["nation"]).str.lower()
        t = t[hay.str.contains(needle, regex=False)]
    if nations:
        t = t[t["nation"].map(lambda n: any(x in n.split(";") for x in nations) or (not n and "Unknown" in nations))]
    if statuses:
        t = t[t["status"].isin(statuses)]
    if confidences:
        t = t[t["confidence"].isin(confidences)]
    if kinds:
        t = t[t["kind"].isin(kinds)]
    return t.sort_values("name", key=lambda s: s.str.lower())


def quality_flags(team, today: dt.date | None = None) -> list[str]:
    """What someone checking this listing should look at first."""
    today = today or dt.date.today()
    flags = []
    verified = getattr(team, "last_verified", "")
    if not verified:
        flags.append("never verified")
    else:
        try:
            if (today - dt.date.fromisoformat(verified)).days > STALE_AFTER_DAYS:
                flags.append("not verified in 12 months")
        except ValueError:
            flags.append("verification date unreadable")
    if team.families_per_year != team.families_per_year:
        flags.append("capacity unknown (assumed)")
    if team.unresolved_areas:
        flags.append("area not fully resolved")
    if not team.website and not team.source_url:
        flags.append("no website or source")
    return flags


def counts(teams: pd.DataFrame) -> dict[str, int]:
    return {
        "listed": len(teams),
        "specialised_open": int(((teams["kind"] == "specialised") & (teams["status"] != "closed")).sum()),
        "closed": int((teams["status"] == "closed").sum()),
    }
