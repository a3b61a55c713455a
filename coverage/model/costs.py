"""What closing an area's gap would cost a year: teams needed times a sourced cost per team.

A commissioner asks "what would it take for Kent?" in two numbers: how many teams, and what they
cost a year. Both come with a band, because both rest on assumptions: the teams on the prevalence
band (fewer babies in need, fewer teams), the cost on the band of published contract values
(``assumptions.COST_PER_TEAM_YEAR``). The band runs from the fewest teams at the lowest cost to the
most teams at the highest, so it holds every combination of the two.

Teams are counted the one way the atlas counts them (``gaps.teams_needed_in``): each area's
whole-team shortfall, summed, so a set of areas gets the sum of its areas' own figures.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from coverage.model.assumptions import COST_PER_TEAM_YEAR, Assumptions
from coverage.model.gaps import teams_needed_in


@dataclass(frozen=True)
class CostToClose:
    """Teams needed and their yearly cost for one area or a set, each with its band."""

    teams: int
    teams_low: int
    teams_high: int
    cost: float
    cost_low: float
    cost_high: float
    families_per_team: float
    cost_per_team: float
    cost_per_team_low: float
    cost_per_team_high: float
    target: float

    @property
    def closed(self) -> bool:
        """True when no team is needed even at the high prevalence."""
        return self.teams_high == 0


def cost_to_close(areas: pd.DataFrame, assumptions: Assumptions, families_per_team: float | None = None) -> CostToClose:
    """Teams to bring every area in ``areas`` to the target reach, and what they cost a year.

    ``areas`` is area-table rows (need_per_year, capacity_per_year), one or many, at one level.
    ``families_per_team`` defaults to the assumed team size.
    """
    a = assumptions
    size = a.families_per_team if families_per_team is None else families_per_team

    def teams_at(prevalence: float) -> int:
        return teams_needed_in(areas, a.target_reach, size, prevalence / a.prevalence)

    teams, low, high = teams_at(a.prevalence), teams_at(a.prevalence_low), teams_at(a.prevalence_high)
    return CostToClose(
        teams=teams,
        teams_low=low,
        teams_high=high,
        cost=teams * a.cost_per_team,
        cost_low=low * a.cost_per_team_low,
        cost_high=high * a.cost_per_team_high,
        families_per_team=size,
        cost_per_team=a.cost_per_team,
        cost_per_team_low=a.cost_per_team_low,
        cost_per_team_high=a.cost_per_team_high,
        target=a.target_reach,
    )


def pounds(value: float) -> str:
    """£1.2m, £797k or £9,500: a yearly cost as a board paper writes it."""
    if value >= 1_000_000:
        return f"£{value / 1_000_000:,.1f}m"
    if value >= 10_000:
        return f"£{value / 1_000:,.0f}k"
    return f"£{value:,.0f}"


def headline(c: CostToClose) -> str:
    """One sentence: the teams and the yearly cost, with both bands."""
    if c.closed:
        return f"No extra team is needed to reach {c.target:.0%} of estimated need, even at the high prevalence."
    teams = "1 more team" if c.teams == 1 else f"{c.teams:,} more teams"
    return (
        f"{teams} of {c.families_per_team:,.0f} families a year would bring it to {c.target:.0%} of estimated need "
        f"(band {c.teams_low:,}-{c.teams_high:,}), costing about {pounds(c.cost)} a year "
        f"(band {pounds(c.cost_low)}-{pounds(c.cost_high)})."
    )


def rests_on(c: CostToClose) -> str:
    """What the cost figure rests on, in words a reader can check."""
    defaults = (
        c.cost_per_team_low == COST_PER_TEAM_YEAR["low"].value
        and c.cost_per_team == COST_PER_TEAM_YEAR["central"].value
        and c.cost_per_team_high == COST_PER_TEAM_YEAR["high"].value
    )
    own = "" if defaults else " (your own figure widens the published band)"
    return (
        f"Cost per team a year {pounds(c.cost_per_team)}, band {pounds(c.cost_per_team_low)}-"
        f"{pounds(c.cost_per_team_high)}{own}: low, {COST_PER_TEAM_YEAR['low'].label}; central, "
        f"{COST_PER_TEAM_YEAR['central'].label}; high, {COST_PER_TEAM_YEAR['high'].label}. "
        "The band runs from the fewest teams (low prevalence) at the lowest cost to the most teams "
        "(high prevalence) at the highest. Published contract values and costings are not broken down into "
        "set-up and running costs; Kent's separate £400,000 for venues is left out."
    )


def short(c: CostToClose) -> str:
    """The answer in one line, for a page with no room to spare (the briefing's first page)."""
    if c.closed:
        return f"no extra team needed to reach {c.target:.0%} of estimated need"
    teams = "1 more team" if c.teams == 1 else f"{c.teams:,} more teams"
    return (
        f"{teams} (band {c.teams_low:,}-{c.teams_high:,}) at about {pounds(c.cost)} a year "
        f"(band {pounds(c.cost_low)}-{pounds(c.cost_high)}) to reach {c.target:.0%} of estimated need"
    )
