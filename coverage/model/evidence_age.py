"""How old each service's evidence is, against one evidence window shared by every page and export.

A 2015 listing and a 2026 one used to look the same (#20). A service's evidence year is the
latest year a dated source places it in operation (``services.evidence_year``: its
``last_verified`` date or its start year, the latest over every row describing it). It is
*within the window* when that year is no older than ``EVIDENCE_WINDOW_YEARS`` before the
reference date's year: with a two-year window, on any day of 2026 evidence from 2024 on is
recent. The reference date is always passed in (the app passes today, an export its own
date), so the same directory gives the same answer in a test on any day.

This is a description, not a counting rule: stale teams still count unless the sidebar's
evidence choice (``Assumptions.evidence_since``) leaves them out.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from coverage.model.assumptions import Assumptions
from coverage.model.atlas import Atlas
from coverage.model.gaps import counted_teams
from coverage.model.services import evidence_year

# The one evidence window (years back from the reference date's year); /health, the team map,
# the directory, profiles, Check a listing and every export read it from here.
EVIDENCE_WINDOW_YEARS = 2
_YEARS_WORDS = {1: "year", 2: "two years", 3: "three years", 4: "four years", 5: "five years"}
WINDOW_WORDS = "the last " + _YEARS_WORDS.get(EVIDENCE_WINDOW_YEARS, f"{EVIDENCE_WINDOW_YEARS} years")


def window_start(reference: dt.date, years: int = EVIDENCE_WINDOW_YEARS) -> int:
    """The earliest evidence year inside the window: 2024 for any date in 2026 with two years."""
    return reference.year - years


def within_window(years: pd.Series, start: int) -> pd.Series:
    """True where an evidence year is ``start`` or later; no dated evidence (NaN) is never within."""
    return years.astype(float).ge(start)


def evidence_age(teams: pd.DataFrame, reference: dt.date, years: int = EVIDENCE_WINDOW_YEARS) -> pd.DataFrame:
    """Each row's service evidence year and whether it is within the window (index kept)."""
    year = evidence_year(teams) if len(teams) else pd.Series(dtype=float)
    return pd.DataFrame(
        {"evidence_year": year, "evidence_in_window": within_window(year, window_start(reference, years))},
        index=teams.index,
    )


def age_words(year: float, start: int) -> str:
    """A service's evidence in words: "evidence from 2025", "latest evidence 2019, before 2024", "no dated evidence"."""
    if year is None or year != year:
        return "no dated evidence"
    if year >= start:
        return f"evidence from {int(year)}"
    return f"latest evidence {int(year)}, before {start}"


def stale_among(services: pd.DataFrame, start: int) -> int:
    """How many of these services have no dated evidence from ``start`` on."""
    return int((~within_window(evidence_year(services), start)).sum()) if len(services) else 0


def stale_sentence(stale: int, total: int, start: int) -> str:
    """One line for the home page: how many counted teams have no evidence in the window."""
    if total == 0:
        return "No teams are counted under these choices."
    if stale == 0:
        return f"All {total} counted teams have dated evidence from {start} on ({WINDOW_WORDS})."
    verb = "has" if stale == 1 else "have"
    return (
        f"{stale} of the {total} counted teams {verb} no dated evidence from {start} on ({WINDOW_WORDS}): "
        "they still count, but their listings need confirming."
    )


def counted_stale_sentence(atlas: Atlas, assumptions: Assumptions, reference: dt.date) -> str:
    """The home page's line: of the services counted UK-wide, how many have no evidence in the window."""
    services = counted_teams(atlas, assumptions)
    start = window_start(reference)
    return "Across the UK: " + stale_sentence(stale_among(services, start), len(services), start)
