"""Reproducing the published national picture from the atlas's own data and assumptions.

Checks, not claims: each returns the atlas's figure beside the published one so the Methods
page (and a test) can show whether they agree and why they may not.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from coverage.model.assumptions import NATIONAL_FAMILIES_HIGH, NATIONAL_FAMILIES_LOW, NATIONAL_TEAMS, Assumptions
from coverage.model.atlas import Atlas
from coverage.model.gaps import area_table, summary, teams_needed_in
from coverage.model.service_count import count_services


@dataclass(frozen=True)
class PublishedCount:
    teams: int
    when: str
    source: str


# The latest published count of specialised parent-infant relationship teams (FACTS.md section 1).
# No separate count for Wales, Scotland or Northern Ireland was found.
PUBLISHED_COUNTS: dict[str, PublishedCount] = {
    "United Kingdom": PublishedCount(
        51, "Dec 2025", "Parent-Infant Foundation, 11 Dec 2025 (https://parentinfantfoundation.org.uk/?p=10937)"
    ),
    "England": PublishedCount(
        38, "Jun 2024", "Parent-Infant Foundation, 10 Jun 2024 (https://parentinfantfoundation.org.uk/?p=7917)"
    ),
}
NO_PUBLISHED_COUNT = "no published count for this nation was found"


def completeness(atlas: Atlas, assumptions: Assumptions) -> pd.DataFrame:
    """Teams the directory lists and counts against the latest published count, UK then each nation.

    ``listed`` is every open service of the kinds being counted (each service once);
    ``counted`` also meets the confidence, status and evidence-age choices. A service naming
    two nations counts in each, and once in the UK. Both come from ``service_count.count_services``,
    the count every page shows.
    """
    rows = []
    for scope in ("United Kingdom", "England", "Wales", "Scotland", "Northern Ireland"):
        n = count_services(atlas.teams, assumptions, scope)
        published = PUBLISHED_COUNTS.get(scope)
        rows.append(
            {
                "scope": scope,
                "listed": n.services,
                "counted": n.counted,
                "published": published.teams if published else None,
                "published_when": published.when if published else "",
                "published_source": published.source if published else NO_PUBLISHED_COUNT,
                "rows_and_services": n.words(),
            }
        )
    out = pd.DataFrame(rows)
    out["counted_share"] = [c / p if p else float("nan") for c, p in zip(out["counted"], out["published"])]
    return out


def completeness_sentence(row) -> str:
    """'25 teams counted of 51 reported UK-wide (Dec 2025, source)', or why there is no comparison."""
    if row["published"] is None or pd.isna(row["published"]):
        return f"{row['scope']}: {row['counted']} teams counted ({row['listed']} listed); {NO_PUBLISHED_COUNT}."
    return (
        f"{row['scope']}: {row['counted']} teams counted ({row['listed']} listed) of {int(row['published'])} "
        f"published ({row['published_when']}; {row['published_source']})."
    )


@dataclass(frozen=True)
class NationalReach:
    births: float
    need_low: float
    need_central: float
    need_high: float
    reach_central: float  # central families / central need
    reach_low: float  # fewest families / highest need
    reach_high: float  # most families / lowest need


def published_reach(
    atlas: Atlas, assumptions: Assumptions = Assumptions(), uk_summary: pd.DataFrame | None = None
) -> NationalReach:
    """UK reach if about 51 teams see 4,400-6,500 families a year, against our need estimate.

    The published figure is "4-6% of babies estimated to need specialist support"; its own
    estimate of need was not visible, so this shows what our prevalence band implies.
    ``uk_summary`` is ``summary(atlas, assumptions)`` when the caller already has it.
    """
    uk = (summary(atlas, assumptions) if uk_summary is None else uk_summary).iloc[0]
    central_families = (NATIONAL_FAMILIES_LOW + NATIONAL_FAMILIES_HIGH) / 2
    return NationalReach(
        births=float(uk["annual_births"]),
        need_low=float(uk["need_low"]),
        need_central=float(uk["need_per_year"]),
        need_high=float(uk["need_high"]),
        reach_central=central_families / float(uk["need_per_year"]),
        reach_low=NATIONAL_FAMILIES_LOW / float(uk["need_high"]),
        reach_high=NATIONAL_FAMILIES_HIGH / float(uk["need_low"]),
    )


def england_teams_needed(
    atlas: Atlas, assumptions: Assumptions = Assumptions(), councils: pd.DataFrame | None = None
) -> int:
    """Teams England would need to bring every council to the target (cf. PIF's 400 at full reach).

    The shared definition (``gaps.teams_needed_in`` over England's councils), so Methods shows
    the figure Plan shows for "every area in England" at the same target and team size.
    ``councils`` is ``area_table(atlas, "utla", assumptions)`` when the caller already has it.
    """
    if councils is None:
        councils = area_table(atlas, "utla", assumptions)
    return teams_needed_in(
        councils[councils["nation"] == "England"], assumptions.target_reach, assumptions.families_per_team
    )


__all__ = [
    "NATIONAL_TEAMS",
    "PUBLISHED_COUNTS",
    "NationalReach",
    "completeness",
    "completeness_sentence",
    "england_teams_needed",
    "published_reach",
]
