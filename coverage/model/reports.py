"""Area-level reports of provision: what sources say where the directory names no team.

A report is evidence about the directory's completeness, never capacity: ``team_reported``
(a source says the area has a team, as Greater Manchester says of each locality) turns an
area with no listed team from "no team listed" into "team reported, not listed";
``none_found`` (dated evidence that an area had none, or that searches found none) is shown
on the area's profile with its source and date, and changes no figure.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from coverage.model.levels import ATOM_COLUMN, LEVEL_KEYS

REPORTS_FILE = "provision_reports.csv"
REPORT_COLUMNS = ["area_level", "area_codes", "area_names", "report", "kind", "source_url", "seen", "notes"]
TEAM_REPORTED = "team_reported"
NONE_FOUND = "none_found"
REPORT_KINDS = {
    TEAM_REPORTED: "a source reports a team here that the directory does not list",
    NONE_FOUND: "a source searched and found none here (at the date given)",
}


def empty_reports() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in REPORT_COLUMNS})


def report_problems(reports: pd.DataFrame, known_codes: dict[str, set[str]]) -> list[str]:
    """Why a reports file cannot be used (the build refuses it rather than drop a report)."""
    out = []
    missing = [c for c in REPORT_COLUMNS if c not in reports.columns]
    if missing:
        return [f"{REPORTS_FILE}: missing column(s) {', '.join(missing)}"]
    for i, row in enumerate(reports.itertuples(), start=2):
        if row.area_level not in LEVEL_KEYS:
            out.append(f"{REPORTS_FILE} line {i}: area_level '{row.area_level}' is not one of {', '.join(LEVEL_KEYS)}")
            continue
        unknown = [c for c in str(row.area_codes).split(";") if c not in known_codes.get(row.area_level, set())]
        if unknown:
            out.append(f"{REPORTS_FILE} line {i}: {', '.join(unknown)} not a known {row.area_level} code")
        if row.kind not in REPORT_KINDS:
            out.append(f"{REPORTS_FILE} line {i}: kind '{row.kind}' is not one of {', '.join(REPORT_KINDS)}")
    return out


def load_reports(data_dir: Path) -> pd.DataFrame:
    """The committed reports (none when the file is absent, as in an older data/)."""
    path = data_dir / REPORTS_FILE
    if not path.exists():
        return empty_reports()
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def report_atoms(reports: pd.DataFrame, atoms: pd.DataFrame) -> list[np.ndarray]:
    """For each report, the positions of the atoms inside the areas it names."""
    out = []
    for level, codes in zip(reports["area_level"], reports["area_codes"]):
        wanted = set(str(codes).split(";"))
        out.append(np.flatnonzero(atoms[ATOM_COLUMN[level]].isin(wanted).to_numpy()))
    return out


def team_reported_atoms(reports: pd.DataFrame, atoms: pd.DataFrame) -> np.ndarray:
    """True for each atom some ``team_reported`` report covers."""
    flag = np.zeros(len(atoms), dtype=bool)
    for kind, idx in zip(reports["kind"], report_atoms(reports, atoms)):
        if kind == TEAM_REPORTED:
            flag[idx] = True
    return flag


def reports_for_area(reports: pd.DataFrame, atoms: pd.DataFrame, level: str, code: str) -> pd.DataFrame:
    """Every report whose areas overlap the area, newest first (the profile lists them all)."""
    inside = set(np.flatnonzero(atoms[ATOM_COLUMN[level]].eq(code).to_numpy()))
    hits = [bool(inside.intersection(idx)) for idx in report_atoms(reports, atoms)]
    out = reports[hits].copy() if len(reports) else reports.copy()
    out["meaning"] = out["kind"].map(REPORT_KINDS)
    return out.sort_values("seen", ascending=False).reset_index(drop=True)
