"""The columns of the exported tables: their keys, what each means, its kind, and its header in words.

Kept apart from the writers because the same definitions serve every format: the analyst's CSV
uses the keys as headers, the readable CSV and its README the words, the Excel sheet the kinds
(for number formats) and meanings (for its README sheet), and the health worklists define their
own columns with the same ``Column``. A new column is added here once and every format follows.
"""

from __future__ import annotations

from dataclasses import dataclass

from coverage.model.evidence_age import EVIDENCE_WINDOW_YEARS, WINDOW_WORDS


@dataclass(frozen=True)
class Column:
    """One exported column: its key (the analyst's header), its meaning, and its kind of value."""

    key: str
    meaning: str
    fmt: str = "text"  # text, int, dec, pct, bool


AREA_COLUMNS: tuple[Column, ...] = (
    Column("area_code", "Area code (ONS GSS code; health areas use the ICB, health board or trust code)"),
    Column("area_name", "Area name"),
    Column("nation", "Nation the area is in"),
    Column(
        "population_1001",
        "Babies in the 1001 days: aged 0 + aged 1 + 270/365 x births a year (pregnancies in progress)",
        "int",
    ),
    Column("annual_births", "Births a year on the births basis in the assumptions", "int"),
    Column(
        "need_per_year",
        "Need: families a year estimated to need a specialised parent-infant relationship team "
        "(births a year x prevalence), central estimate",
        "int",
    ),
    Column("need_low", "Need at the low prevalence of the band", "int"),
    Column("need_high", "Need at the high prevalence of the band", "int"),
    Column("teams", "Teams counted as serving the area under the assumptions", "int"),
    Column(
        "capacity_per_year",
        "Capacity: families a year the teams serving the area can see (a team's own figure, "
        "else the assumed families per team; a team serving several areas is split by births)",
        "int",
    ),
    Column("capacity_low", "Capacity at the low families-per-team figure", "int"),
    Column("capacity_high", "Capacity at the high families-per-team figure", "int"),
    Column(
        "reach",
        "Reach of listed teams: capacity / need, central estimate (a lower bound where reach_lower_bound)",
        "pct",
    ),
    Column("reach_lower_bound", "A source reports more teams here than the directory lists", "bool"),
    Column("reach_low", "Reach, low end of the band (low capacity / high need)", "pct"),
    Column("reach_high", "Reach, high end of the band (high capacity / low need)", "pct"),
    Column(
        "unmet_need_per_year",
        "Unmet need: families a year estimated to need help that teams cannot see (need - capacity, at least 0)",
        "int",
    ),
    Column("teams_needed", "Extra teams of the assumed size needed to bring reach up to the target", "int"),
    Column("teams_per_10k_births", "Team-equivalents serving the area per 10,000 births a year", "dec"),
    Column(
        "status",
        "no team listed / team reported, not listed (a source reports one) / service listed, not counted "
        "(the directory lists a service here that does not count as a team) / some provision / meets target "
        "(the last two: a team is listed)",
    ),
    Column("evidence", "team listed / team reported, not listed / service listed, not counted / no team listed"),
    Column("team_names", "Names of the teams counted as serving the area, separated by semicolons"),
    Column(
        "team_evidence_years",
        "Latest year dated evidence shows each counted team working, in the order of team_names "
        "('no dated evidence' where none)",
    ),
    Column(
        "listed_not_counted",
        "Where the directory lists services here that do not count as teams: how many, and why, in words",
    ),
    Column("uncounted_names", "Names of the services listed here that do not count, separated by semicolons"),
    Column(
        "family_hubs",
        "Whether the area is (or contains) one of the 75 Family Hubs and Start for Life authorities",
        "bool",
    ),
    Column("dep_share", "Share of small areas in the nation's most deprived 10% (compare only within a nation)", "pct"),
    Column("dep_index", "Deprivation index the share comes from"),
    Column("births_fallback", "True where registered births were unavailable and babies aged 0 stand in", "bool"),
    Column(
        "area_share_estimate",
        "True where figures rest on a Northern Ireland district split along a trust boundary by land area (an estimate)",
        "bool",
    ),
)

TEAM_COLUMNS: tuple[Column, ...] = (
    Column("team_id", "Identifier of the team in the directory"),
    Column("name", "Team name"),
    Column("host_organisation", "Organisation that runs the team"),
    Column("nation", "Nation(s) the team works in"),
    Column("area_level", "Level of the areas the team serves (utla, lad, health, region, nation)"),
    Column("area_codes", "Codes of the areas served, separated by semicolons"),
    Column("area_names", "Names of the areas served"),
    Column("status", "active / closed / unknown"),
    Column("confidence", "verified / reported / unconfirmed"),
    Column("kind", "specialised / borderline / other"),
    Column("families_per_year", "Families a year the team reports seeing (blank if unknown)", "int"),
    Column(
        "counted",
        "Whether the service counts under the assumptions; each service once (a row describing another row's "
        "service is never counted), so the rows marked True are the services counted on every page",
        "bool",
    ),
    Column("same_service_as", "The row this row's service is counted under (blank: counted on its own)"),
    Column("evidence_year", "Latest year dated evidence shows the service (last verified or started); blank if none"),
    Column(
        "evidence_in_window",
        f"Whether that year is within the evidence window ({EVIDENCE_WINDOW_YEARS} years back from the export's date)",
        "bool",
    ),
    Column("website", "Team website"),
    Column("source_url", "Public source for the listing"),
    Column("last_verified", "Date the listing was last checked"),
)

# What the readable CSV's header row says for each key: the words a reader sees on the pages.
READABLE_HEADERS = {
    "area_code": "Area code",
    "area_name": "Area",
    "nation": "Nation",
    "population_1001": "Babies in the 1001 days",
    "annual_births": "Births a year",
    "need_per_year": "Need a year (families)",
    "need_low": "Need a year, low",
    "need_high": "Need a year, high",
    "teams": "Listed teams counted",
    "capacity_per_year": "Families listed teams can see a year",
    "capacity_low": "Families listed teams can see a year, low",
    "capacity_high": "Families listed teams can see a year, high",
    "reach": "Reach of listed teams (%)",
    "reach_lower_bound": "Reach is a lower bound (a source reports more teams)",
    "reach_low": "Reach of listed teams, low (%)",
    "reach_high": "Reach of listed teams, high (%)",
    "unmet_need_per_year": "Unmet need a year (families)",
    "teams_needed": "Teams needed for target",
    "teams_per_10k_births": "Teams per 10,000 births",
    "status": "Status",
    "evidence": "What the directory shows",
    "team_evidence_years": "Latest evidence of each team (year)",
    "listed_not_counted": "Services listed here, not counted",
    "uncounted_names": "Services listed, not counted",
    "evidence_year": "Latest evidence (year)",
    "evidence_in_window": f"Evidence in {WINDOW_WORDS}",
    "area_share_estimate": "Includes an area-share estimate (NI trust split)",
    "team_names": "Teams serving the area",
    "family_hubs": "Family Hubs authority",
    "dep_share": "Small areas in nation's most deprived 10% (%)",
    "dep_index": "Deprivation index",
    "births_fallback": "Babies aged 0 used for births",
    "team_id": "Team id",
    "name": "Team",
    "host_organisation": "Host organisation",
    "area_level": "Areas served are",
    "area_codes": "Area codes served",
    "area_names": "Areas served",
    "confidence": "Confidence",
    "kind": "Kind of service",
    "families_per_year": "Families a year (published)",
    "counted": "Counted",
    "website": "Website",
    "source_url": "Source",
    "last_verified": "Last checked",
}
