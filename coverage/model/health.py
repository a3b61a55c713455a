"""Directory health: how complete and current the directory is, per nation and for the UK.

The atlas's claim (where babies have no team) is only as good as the directory. This headline
says, for each part of the UK, how many services are counted against the count the
Parent-Infant Foundation published, how many of those have dated evidence within a window of
years (a setting: two by default), how many report their own families a year rather than take
the assumed figure, and what the last link check found on their websites. A figure with no
source (a nation's published count) is unknown, with the reason.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from coverage.model.assumptions import Assumptions
from coverage.model.benchmarks import NO_PUBLISHED_COUNT, PUBLISHED_COUNTS
from coverage.model.capacity import counted
from coverage.model.evidence_age import EVIDENCE_WINDOW_YEARS
from coverage.model.service_count import count_services
from coverage.model.services import fold_services

WINDOW_YEARS = EVIDENCE_WINDOW_YEARS  # default: the one evidence window (two years), as on every page
WINDOW_RANGE = (1, 10)
SCOPES = ("United Kingdom", "England", "Wales", "Scotland", "Northern Ireland")
LINK_STATES = ("ok", "moved", "dead", "refused", "not a web address", "not yet checked", "no website listed")


def since_year(window: int, today: dt.date | None = None) -> int:
    """The first year whose evidence is within the window (2024 for two years in 2026)."""
    return (today or dt.date.today()).year - window


def window_words(window: int, today: dt.date | None = None) -> str:
    return f"dated evidence from {since_year(window, today)} on (a window of {window} years)"


def counted_services(teams: pd.DataFrame, assumptions: Assumptions) -> pd.DataFrame:
    """One row per counted service, with its evidence year (from ``services.fold_services``)."""
    services = fold_services(teams)
    return services[counted(services, assumptions)].reset_index(drop=True)


def _published(scope: str) -> tuple[float, str]:
    p = PUBLISHED_COUNTS.get(scope)
    if p is None:
        return float("nan"), f"unknown: {NO_PUBLISHED_COUNT} (the UK count covers it)"
    return float(p.teams), f"{p.when}; {p.source}"


def headline(
    teams: pd.DataFrame,
    assumptions: Assumptions,
    link_states: pd.DataFrame,
    checked_on: str,
    window: int = WINDOW_YEARS,
    today: dt.date | None = None,
) -> pd.DataFrame:
    """One row per scope (UK, then each nation): counted against published, evidence in the window,
    families reported or assumed, and website link states with the date of the last check."""
    since = since_year(window, today)
    services = counted_services(teams, assumptions)
    states = services["team_id"].map(dict(zip(link_states["team_id"], link_states["link_state"])))
    states = states.fillna("not yet checked")
    nations = services["nation"].fillna("").astype(str).str.split(";")
    rows = []
    for scope in SCOPES:
        inside = (
            pd.Series(True, index=services.index)
            if scope == SCOPES[0]
            else nations.map(lambda ns, s=scope: s in [n.strip() for n in ns]).astype(bool)
        )
        s = services[inside]
        published, published_note = _published(scope)
        reported = int(s["families_per_year"].notna().sum())
        row = {
            "scope": scope,
            "services_counted": count_services(teams, assumptions, scope).counted,
            "published_count": published,
            "published_note": published_note,
            "evidence_since": since,
            "evidence_in_window": int(s["evidence_year"].ge(since).sum()),
            "families_reported": reported,
            "families_assumed": len(s) - reported,
        }
        for state in LINK_STATES:
            row[f"links_{state.replace(' ', '_')}"] = int(states[inside].eq(state).sum())
        row["links_last_checked"] = checked_on or "never"
        rows.append(row)
    return pd.DataFrame(rows)


def headline_sentence(row) -> str:
    """One row of the headline in words, for the page and the command line."""
    published = row["published_count"]
    against = (
        f"of {int(published)} published ({row['published_note']})"
        if published == published
        else f"(published count {row['published_note']})"
    )
    return (
        f"{row['scope']}: {row['services_counted']} services counted {against}; "
        f"{row['evidence_in_window']} with dated evidence from {row['evidence_since']} on; "
        f"families a year reported by {row['families_reported']}, assumed for {row['families_assumed']}; "
        f"websites ok {row['links_ok']}, moved {row['links_moved']}, dead {row['links_dead']}, "
        f"refused {row['links_refused']}, not a web address {row['links_not_a_web_address']}, "
        f"not yet checked {row['links_not_yet_checked']}, none listed {row['links_no_website_listed']} "
        f"(last check: {row['links_last_checked']})."
    )


CHECK_LINKS = "python -m coverage check-links"
NEVER_CHECKED = (
    "Links not yet checked: run {command}. In words: nobody has checked the directory's websites yet; an operator "
    "runs this check on a schedule (see deploy/README), and the dates and changes show here once it has run."
)


def link_check_words(checked_on: str, previous_on: str, counts: dict[str, int], changed: int) -> str:
    """When links were last checked and what changed since the check before, in one sentence.

    ``counts`` are the newly dead, recovered and moved links (``link_history.change_counts``) and
    ``changed`` every change listed; with no check at all it says how one is run.
    """
    if not checked_on:
        return NEVER_CHECKED.format(command=CHECK_LINKS)
    if not previous_on:
        return f"Links last checked on {checked_on}; it was the first check, so nothing to compare with yet."
    summary = ", ".join(f"{n} {what}" for what, n in counts.items())
    return (
        f"Links last checked on {checked_on}. Since the check before, on {previous_on}: {summary} "
        f"({changed} change{'' if changed == 1 else 's'} in all)."
    )
