"""Named, sourced assumptions. Every figure the atlas shows is computed under these.

The defaults come from ``shared/data/teams/FACTS.md``; each carries where it comes from so
the app and every export can say which assumption a number rests on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from coverage.model import ranges
from coverage.model.directory import CONFIDENCES, KINDS


@dataclass(frozen=True)
class Sourced:
    value: float
    label: str
    source: str


# Share of babies needing specialised parent-infant relationship help (FACTS.md section 3).
PREVALENCE = {
    "low": Sourced(
        0.10,
        "10%: babies with a disorganised attachment",
        "Family Hubs and Start for Life programme guide, Annex I (quoted in a Lincolnshire FOI answer); "
        "PIF's 'at least 1 in 10 babies'",
    ),
    "central": Sourced(
        0.15,
        "15%: babies needing specialised parent-infant relationship interventions",
        "Kent County Council public-health consultant, cabinet committee (original source not given)",
    ),
    "high": Sourced(
        0.22,
        "22%: upper end of infant mental illness prevalence (10-22%)",
        "WAIMH Perspectives article on infant mental health services in Scotland, July 2022",
    ),
}

# About 51 teams support 4,400-6,500 families a year (Centre for Mental Health with PIF, Feb 2026).
NATIONAL_TEAMS = 51
NATIONAL_FAMILIES_LOW = 4400
NATIONAL_FAMILIES_HIGH = 6500
FAMILIES_PER_TEAM = {
    "low": Sourced(
        NATIONAL_FAMILIES_LOW / NATIONAL_TEAMS,
        "4,400 families a year across 51 teams",
        "Centre for Mental Health, Why babies' first relationships matter (Feb 2026)",
    ),
    "central": Sourced(
        (NATIONAL_FAMILIES_LOW + NATIONAL_FAMILIES_HIGH) / 2 / NATIONAL_TEAMS,
        "midpoint of 4,400-6,500 families a year across 51 teams",
        "Centre for Mental Health, Why babies' first relationships matter (Feb 2026)",
    ),
    "high": Sourced(
        NATIONAL_FAMILIES_HIGH / NATIONAL_TEAMS,
        "6,500 families a year across 51 teams",
        "Centre for Mental Health, Why babies' first relationships matter (Feb 2026)",
    ),
}

# What one team costs a year, in pounds. Only published contract values and costings, each turned
# into a yearly figure the way its source allows (FACTS.md sections 2d and 7c; teams.csv notes).
# Left out: Newcastle's £786,041.67 and Tameside's £22,357 awards (term not stated), OXPIP's c.£500k
# income (a charity's income, not one contract) and PIF's 2021 £88m ask (no period given).
PIF_LA_COSTING = 67_300_000  # over 2025/26-2027/28, for every local authority to develop at least one team
PIF_LA_COSTING_YEARS = 3
ENGLISH_COUNCILS = 153  # counties and unitary authorities in England (ONS, Dec 2023): one team each
KENT_APPROVED = 2_059_928  # Kent PIMHS, approved for 31 months
KENT_MONTHS = 31
HARINGEY_YEAR = 265_955  # Haringey PIPS, a 12-month extension for 2025/26
COST_PER_TEAM_YEAR = {
    "low": Sourced(
        round(PIF_LA_COSTING / PIF_LA_COSTING_YEARS / ENGLISH_COUNCILS),
        "£67.3m over three years (2025/26-2027/28) for every English council to develop at least one team, "
        "spread over 153 councils",
        "Parent-Infant Foundation, letter to the Chancellor on the future of Start for Life (Mar 2024), "
        "parentinfantfoundation.org.uk; 153 councils: ONS counties and unitary authorities, Dec 2023",
    ),
    "central": Sourced(
        HARINGEY_YEAR,
        "£265,955 for a 12-month extension of Haringey's Parent Infant Psychology Service (2025/26)",
        "Haringey Council cabinet member decision on the Family Hubs and Start for Life grant, 2025/26 "
        "(minutes.haringey.gov.uk/mgAi.aspx?ID=82226)",
    ),
    "high": Sourced(
        round(KENT_APPROVED * 12 / KENT_MONTHS),
        "£2,059,928 approved for 31 months of Kent's county-wide Parent Infant Mental Health Service",
        "Kent County Council decision 25/00012, 21 Mar 2025 (democracy.kent.gov.uk, issue 68210); "
        "a yearly figure at 12/31 of the total",
    ),
}

# When a team serves part of a district split between health areas (see coverage.model.capacity):
# a part holding less than this share of the district's small areas is a sliver, not served.
MIN_PART_SHARE = Sourced(
    0.10,
    "a team named for councils or districts serves a part of a split district only if the part holds "
    "at least 10% of the district's small areas",
    "Atlas rule: the smallest real parts of split districts hold 8-15%; the slivers it drops hold 1-5% "
    "(one or a few small areas of Cherwell, Vale of White Horse and others)",
)
# Earliest year the "count only teams with evidence since" assumption accepts.
EARLIEST_EVIDENCE_YEAR = 2000

PREGNANCY_DAYS = 270
BIRTHS_BASES = {
    "age0": "Babies aged 0 (ONS mid-2022), all four nations",
    "registered": "Registered births 2023 (England and Wales); babies aged 0 elsewhere",
}


# The choices that decide which services count and over which atoms each one's families are shared
# (coverage.model.counting); the other fields only scale the figures (need, capacity, cost, target).
COUNTING_FIELDS = (
    "births_basis",
    "counted_kinds",
    "counted_confidence",
    "count_unknown_status",
    "evidence_since",
    "min_part_share",
)


@dataclass(frozen=True)
class Assumptions:
    """What the user has chosen. Frozen, so it can key a cache and be compared."""

    prevalence: float = PREVALENCE["central"].value
    prevalence_low: float = PREVALENCE["low"].value
    prevalence_high: float = PREVALENCE["high"].value
    families_per_team: float = FAMILIES_PER_TEAM["central"].value
    families_per_team_low: float = FAMILIES_PER_TEAM["low"].value
    families_per_team_high: float = FAMILIES_PER_TEAM["high"].value
    births_basis: str = "age0"
    target_reach: float = 1.0
    counted_kinds: frozenset[str] = field(default_factory=lambda: frozenset({"specialised"}))
    counted_confidence: frozenset[str] = field(default_factory=lambda: frozenset(CONFIDENCES))
    count_unknown_status: bool = True
    evidence_since: int | None = None  # count only services with dated evidence from this year on
    min_part_share: float = MIN_PART_SHARE.value
    cost_per_team: float = COST_PER_TEAM_YEAR["central"].value
    cost_per_team_low: float = COST_PER_TEAM_YEAR["low"].value
    cost_per_team_high: float = COST_PER_TEAM_YEAR["high"].value

    def __post_init__(self) -> None:
        problems = self.problems()
        if problems:
            raise ValueError("; ".join(problems))

    def problems(self) -> list[str]:
        out = []
        for name in ("prevalence", "prevalence_low", "prevalence_high"):
            if getattr(self, name) not in ranges.PREVALENCE:
                out.append(f"{name} must be {ranges.PREVALENCE.describe(as_percent=True)}")
        if not self.prevalence_low <= self.prevalence <= self.prevalence_high:
            out.append("prevalence must lie within its low-high band")
        for name in ("families_per_team", "families_per_team_low", "families_per_team_high"):
            if getattr(self, name) not in ranges.FAMILIES_PER_YEAR:
                out.append(f"{name} must be {ranges.FAMILIES_PER_YEAR.describe()}")
        if not self.families_per_team_low <= self.families_per_team <= self.families_per_team_high:
            out.append("families_per_team must lie within its low-high band")
        if self.births_basis not in BIRTHS_BASES:
            out.append(f"births_basis must be one of {', '.join(BIRTHS_BASES)}")
        if self.target_reach not in ranges.TARGET_REACH:
            out.append(f"target_reach must be {ranges.TARGET_REACH.describe(as_percent=True)}")
        if not self.counted_kinds or not self.counted_kinds <= set(KINDS):
            out.append(f"counted_kinds must be a non-empty subset of {', '.join(KINDS)}")
        if not self.counted_confidence or not self.counted_confidence <= set(CONFIDENCES):
            out.append(f"counted_confidence must be a non-empty subset of {', '.join(CONFIDENCES)}")
        if self.evidence_since is not None and not (
            EARLIEST_EVIDENCE_YEAR <= self.evidence_since <= dt.date.today().year
        ):
            out.append(f"evidence_since must be a year from {EARLIEST_EVIDENCE_YEAR} to {dt.date.today().year}")
        for name in ("cost_per_team", "cost_per_team_low", "cost_per_team_high"):
            if getattr(self, name) not in ranges.COST_PER_TEAM_YEAR:
                out.append(f"{name} must be {ranges.COST_PER_TEAM_YEAR.describe()}")
        if not self.cost_per_team_low <= self.cost_per_team <= self.cost_per_team_high:
            out.append("cost_per_team must lie within its low-high band")
        if not 0 <= self.min_part_share < 0.5:
            out.append("min_part_share must be at least 0 and below 0.5")
        return out

    def with_prevalence(self, value: float) -> Assumptions:
        """A user's own prevalence, widening the band to include it."""
        return replace(
            self,
            prevalence=value,
            prevalence_low=min(self.prevalence_low, value),
            prevalence_high=max(self.prevalence_high, value),
        )

    def with_families_per_team(self, value: float) -> Assumptions:
        return replace(
            self,
            families_per_team=value,
            families_per_team_low=min(self.families_per_team_low, value),
            families_per_team_high=max(self.families_per_team_high, value),
        )

    def with_cost_per_team(self, value: float) -> Assumptions:
        """A user's own yearly cost per team, widening the band to include it."""
        return replace(
            self,
            cost_per_team=value,
            cost_per_team_low=min(self.cost_per_team_low, value),
            cost_per_team_high=max(self.cost_per_team_high, value),
        )

    def counting_choices(self) -> Assumptions:
        """These assumptions with only their counting choices kept and every other field at its default.

        Two visitors who differ only in prevalence, team size, cost or target get equal results, so
        whatever depends on the counting choices alone (which services count, the completeness of
        the listing, the evidence line) can be kept once for both.
        """
        return replace(Assumptions(), **{name: getattr(self, name) for name in COUNTING_FIELDS})

    def describe(self) -> str:
        """One line that travels with every figure and export."""
        kinds = " and ".join(k for k in KINDS if k in self.counted_kinds)
        conf = [c for c in CONFIDENCES if c in self.counted_confidence]
        # In words a reader of an exported chart understands (not the directory's field names).
        listings = "however well confirmed" if len(conf) == len(CONFIDENCES) else "listed as " + " or ".join(conf)
        running = "running or not known to have closed" if self.count_unknown_status else "known to be running"
        return (
            f"Need = annual births x {self.prevalence:.0%} (band {self.prevalence_low:.0%}-{self.prevalence_high:.0%}); "
            f"{self.families_per_team:.0f} families a year per team where a team's own figure is unknown "
            f"(band {self.families_per_team_low:.0f}-{self.families_per_team_high:.0f}); "
            f"births basis: {BIRTHS_BASES[self.births_basis]}; target reach {self.target_reach:.0%}; "
            f"counting {kinds} teams, {listings}, {running}; {self.evidence_rule()}; each service counted once; "
            f"a team serves a part of a split district holding at least {self.min_part_share:.0%} of it."
        )

    def evidence_rule(self) -> str:
        if self.evidence_since is None:
            return "teams counted whatever the age of their evidence"
        return f"only teams with dated evidence from {self.evidence_since} on"
