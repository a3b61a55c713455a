"""The directory health worklists as downloads: CSV with its README sidecar, and Excel with a README sheet.

The same writers as every other table (``exports.tables``), so the files are formula-safe and
carry their title, the assumptions, sources and date in the same way.
"""

from __future__ import annotations

import datetime as dt

from coverage.exports.provenance import provenance
from coverage.exports.tables import Column, csv_readme, to_csv, to_readable_csv, to_xlsx
from coverage.listings.health.report import HealthReport
from coverage.model.assumptions import Assumptions
from coverage.model.atlas import Atlas

TEAM_WORKLIST_COLUMNS: tuple[Column, ...] = (
    Column("rank", "Place in the worklist: counted services first, by the need in the areas they serve", "int"),
    Column("team_id", "Identifier of the service in the directory"),
    Column("name", "Service name"),
    Column("nation", "Nation(s) the service works in"),
    Column("counted", "yes if the service counts under the assumptions (each service once)"),
    Column("kind", "specialised / borderline / other"),
    Column("status", "active / closed / unknown"),
    Column("evidence_year", "Latest year dated evidence shows the service; blank if none"),
    Column(
        "link_state",
        "Website at the last link check: ok, moved, dead, refused (points inside the network), not a web address, "
        "not yet checked (or edited since), no website listed",
    ),
    Column("families_source", "reported (the service's own figure) or assumed (the default size)"),
    Column("need_served", "Families a year of need in the areas the service names", "int"),
    Column("problems", "Each problem in plain words, separated by semicolons ('none found' if none)"),
    Column("action", "What would fix each problem, separated by semicolons"),
    Column("why_here", "Why the service is at this place in the list"),
)
AREA_WORKLIST_COLUMNS: tuple[Column, ...] = (
    Column("level", "Level of the area (nation, region, health, utla)"),
    Column("area_code", "Official code of the area"),
    Column("area_name", "Name of the area"),
    Column("nation", "Nation the area is in"),
    Column("need_per_year", "Families a year estimated to need a team in the area", "int"),
    Column("disagreement", "Where the sources and the directory disagree or say nothing, in words"),
    Column("action", "What would settle it"),
    Column("sources", "The sources behind the disagreement, separated by ' ; '"),
)
LISTS = {
    "teams": (
        "Directory health: team worklist",
        "One row per service in the directory, counted or not, with each problem and the action that fixes it.",
        TEAM_WORKLIST_COLUMNS,
        "Teams",
    ),
    "areas": (
        "Directory health: area worklist",
        "One row per area where the sources and the directory disagree or say nothing, named by code and name.",
        AREA_WORKLIST_COLUMNS,
        "Areas",
    ),
}
FORMATS = ("csv", "readable_csv", "readme", "xlsx")


def worklist_export(
    atlas: Atlas, report: HealthReport, which: str, fmt: str, assumptions: Assumptions, *, today: dt.date | None = None
) -> bytes:
    """One worklist ('teams' or 'areas') as 'csv', 'readable_csv', its 'readme' or 'xlsx' bytes."""
    title, what, columns, sheet = LISTS[which]
    frame = report.teams if which == "teams" else report.areas
    what += f" Evidence window: dated evidence from {report.since} on; last link check: {report.checked_on or 'never'}."
    prov = provenance(title, assumptions, atlas.manifest, today=today, what=what)
    if fmt == "csv":
        return to_csv(frame, prov)
    if fmt == "readable_csv":
        return to_readable_csv(frame, columns)
    if fmt == "readme":
        return csv_readme(frame, columns, prov, atlas.manifest)
    if fmt == "xlsx":
        return to_xlsx(frame, prov, atlas.manifest, assumptions=assumptions, columns=columns, sheet=sheet)
    raise ValueError(f"unknown worklist format {fmt!r}; choose {', '.join(FORMATS)}")
