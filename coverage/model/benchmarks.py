"""Reproducing the published national picture from the atlas's own data and assumptions.

Checks, not claims: each returns the atlas's figure beside the published one so the Methods
page (and a test) can show whether they agree and why they may not.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from coverage.model.assumptions import NATIONAL_FAMILIES_HIGH, NATIONAL_FAMILIES_LOW, NATIONAL_TEAMS, Assumptions
from coverage.model.atlas import Atlas
from coverage.model.gaps import summary


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


def england_teams_for_full_reach(
    atlas: Atlas, assumptions: Assumptions = Assumptions(), uk_summary: pd.DataFrame | None = None
) -> float:
    """Teams of the assumed size England would need to see all estimated need (cf. PIF's 400)."""
    table = summary(atlas, assumptions) if uk_summary is None else uk_summary
    england = table.set_index("area_name").loc["England"]
    return float(england["need_per_year"]) / assumptions.families_per_team


__all__ = ["NATIONAL_TEAMS", "NationalReach", "published_reach", "england_teams_for_full_reach"]
