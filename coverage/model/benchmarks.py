"""Reproducing the published national picture from the atlas's own data and assumptions.

Checks, not claims: each returns the atlas's figure beside the published one so the Methods
page (and a test) can show whether they agree and why they may not.
"""

from __future__ import annotations

from dataclasses import dataclass

from coverage.model.assumptions import NATIONAL_FAMILIES_HIGH, NATIONAL_FAMILIES_LOW, NATIONAL_TEAMS, Assumptions
from coverage.model.atlas import Atlas
from coverage.model.gaps import area_table, summary, teams_needed_in


@dataclass(frozen=True)
class NationalReach:
    births: float
    need_low: float
    need_central: float
    need_high: float
    reach_central: float  # central families / central need
    reach_low: float  # fewest families / highest need
    reach_high: float  # most families / lowest need


def published_reach(atlas: Atlas, assumptions: Assumptions = Assumptions()) -> NationalReach:
    """UK reach if about 51 teams see 4,400-6,500 families a year, against our need estimate.

    The published figure is "4-6% of babies estimated to need specialist support"; its own
    estimate of need was not visible, so this shows what our prevalence band implies.
    """
    uk = summary(atlas, assumptions).iloc[0]
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


def england_teams_needed(atlas: Atlas, assumptions: Assumptions = Assumptions()) -> int:
    """Teams England would need to bring every council to the target (cf. PIF's 400 at full reach).

    The shared definition (``gaps.teams_needed_in`` over England's councils), so Methods shows
    the figure Plan shows for "every area in England" at the same target and team size.
    """
    councils = area_table(atlas, "utla", assumptions)
    return teams_needed_in(
        councils[councils["nation"] == "England"], assumptions.target_reach, assumptions.families_per_team
    )


__all__ = ["NATIONAL_TEAMS", "NationalReach", "published_reach", "england_teams_needed"]
