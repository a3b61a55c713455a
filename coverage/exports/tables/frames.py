"""The rows the tables export: the area table and the team directory, in the exported columns' order.

Separate from the writers so that the CSV, the Excel workbook and the GIS files (``exports.gis``)
all start from the same frame, and a figure cannot differ between two formats of one table. Team
ids are turned into names here because a reader recognises a team by its name, not its id.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from coverage.exports.tables.columns import AREA_COLUMNS, TEAM_COLUMNS
from coverage.model.assumptions import Assumptions
from coverage.model.atlas import Atlas
from coverage.model.capacity import counted
from coverage.model.evidence_age import evidence_age
from coverage.model.gaps import area_table
from coverage.model.levels import LEVELS
from coverage.model.services import evidence_year, evidence_year_text


def team_names(atlas: Atlas, team_ids: pd.Series) -> pd.Series:
    """';'-joined team ids -> '; '-joined team names (what a reader recognises)."""
    names = dict(zip(atlas.teams["team_id"], atlas.teams["name"]))
    return team_ids.fillna("").map(lambda ids: "; ".join(names.get(t, t) for t in ids.split(";") if t))


def area_frame(atlas: Atlas, level: str, assumptions: Assumptions, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The area table at a level with the export's columns, in order, and the teams named."""
    table = area_table(atlas, level, assumptions) if table is None else table
    out = table.copy()
    out["team_names"] = team_names(atlas, out["team_ids"])
    out["team_evidence_years"] = team_evidence_years(atlas, out["team_ids"])
    out["uncounted_names"] = team_names(atlas, out["uncounted_team_ids"]) if "uncounted_team_ids" in out else ""
    return out[[c.key for c in AREA_COLUMNS if c.key in out.columns]].reset_index(drop=True)


def team_evidence_years(atlas: Atlas, team_ids: pd.Series) -> pd.Series:
    """';'-joined team ids -> '; '-joined evidence years, in the same order as ``team_names``."""
    years = dict(zip(atlas.teams["team_id"], evidence_year(atlas.teams))) if len(atlas.teams) else {}
    return team_ids.fillna("").map(
        lambda ids: "; ".join(evidence_year_text(years.get(t, float("nan"))) for t in ids.split(";") if t)
    )


def team_frame(atlas: Atlas, assumptions: Assumptions, reference: dt.date | None = None) -> pd.DataFrame:
    """The team directory with whether each team counts under the assumptions, and its evidence age
    against the window as of ``reference`` (the export's date; today if not given)."""
    teams = atlas.teams.copy()
    teams["counted"] = counted(teams, assumptions) if len(teams) else pd.Series(dtype=bool)
    age = evidence_age(teams, reference or dt.date.today())
    teams["evidence_year"] = age["evidence_year"].astype("Int64") if len(teams) else pd.Series(dtype="Int64")
    teams["evidence_in_window"] = age["evidence_in_window"].astype(bool)
    teams["area_codes"] = teams["area_codes"].map(lambda codes: ";".join(codes))
    return teams[[c.key for c in TEAM_COLUMNS]].reset_index(drop=True)


def area_provenance_what(level: str) -> str:
    """The provenance's 'what it is' line for the area table at a level (shared with the GIS files)."""
    lvl = LEVELS[level]
    return f"One row per area: {lvl.plural} ({lvl.description}), with need, capacity, reach and their bands."
