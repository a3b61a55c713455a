"""Loads the committed ``data/`` into one object the engine computes from.

Plain functions with no caching: the Streamlit pages wrap these in ``st.cache_data`` /
``st.cache_resource`` at their edge, and tests call them directly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from coverage import paths
from coverage.model.directory import Problem, load_directory, parse_directory
from coverage.model.levels import LEVEL_KEYS
from coverage.model.reports import empty_reports, load_reports

DIRECTORY_FILE = "teams.csv"


@dataclass(frozen=True)
class Atlas:
    atoms: pd.DataFrame  # one row per atom, with its district's population shared out
    areas: pd.DataFrame  # one row per area per level, with context
    teams: pd.DataFrame  # the validated directory
    problems: tuple[Problem, ...]  # rows of the directory left out, and why
    manifest: dict
    data_dir: Path
    reports: pd.DataFrame = field(default_factory=empty_reports)  # area-level reports of provision

    @cached_property
    def atom_index(self):
        """Atom positions per area code per level, computed once (frozen data, so safe to keep)."""
        from coverage.model.capacity import atom_index

        return atom_index(self.atoms)

    @cached_property
    def services(self) -> pd.DataFrame:
        """The directory folded to one row per service (``services.fold_services``), once per atlas.

        Every figure starts from it; folding took about 7 ms and one change of prevalence folded it
        six times. Shared by every caller: filter it (a new frame), never change it in place.
        """
        from coverage.model.services import fold_services

        return fold_services(self.teams)

    @cached_property
    def team_reported_atoms(self) -> np.ndarray:
        """Atoms some source says have a team (whether or not the directory lists it)."""
        from coverage.model.reports import team_reported_atoms

        return team_reported_atoms(self.reports, self.atoms)

    @cached_property
    def area_share_estimates(self) -> dict[str, np.ndarray]:
        """Per level, True for each area holding part of a district split by land area (an estimate).

        A district cut by a Northern Ireland trust boundary is shared out by area, since no
        small-area population is shipped: any area that takes only part of such a district
        has figures that assume its people are spread evenly, and the district itself (or its
        council) receives a trust team's capacity by that same split.
        """
        from coverage.model.levels import ATOM_COLUMN

        atoms = self.atoms
        by_area = atoms["share_basis"].eq("area").to_numpy() if "share_basis" in atoms.columns else None
        out = {}
        for level, frame in self._level_areas.items():
            flag = np.zeros(len(frame), dtype=bool)
            if by_area is not None and by_area.any():
                cut = atoms.groupby("lad_code")[ATOM_COLUMN[level]].transform("nunique").gt(1).to_numpy()
                cut = cut | (level in ("lad", "utla"))
                flag[np.unique(self.atom_area_position[level][by_area & cut])] = True
            out[level] = flag
        return out

    def known_codes(self) -> dict[str, set[str]]:
        return known_codes(self.areas)

    @cached_property
    def _level_areas(self) -> dict[str, pd.DataFrame]:
        return {lvl: g.set_index("area_code") for lvl, g in self.areas.groupby("level")}

    def level_areas(self, level: str) -> pd.DataFrame:
        """The areas of one level, indexed by code (a copy: callers may add columns)."""
        return self._level_areas[level].copy()

    @cached_property
    def atom_area_position(self) -> dict[str, np.ndarray]:
        """For each level, the row of ``level_areas(level)`` that each atom falls in."""
        from coverage.model.levels import ATOM_COLUMN

        out = {}
        for level, frame in self._level_areas.items():
            lookup = pd.Series(np.arange(len(frame)), index=frame.index)
            pos = self.atoms[ATOM_COLUMN[level]].map(lookup)
            if pos.isna().any():
                raise ValueError(f"an atom has no {level} area in areas.csv")
            out[level] = pos.to_numpy(dtype=int)
        return out

    def boundaries(self, level: str) -> dict:
        return load_boundaries(self.data_dir, level)


def known_codes(areas: pd.DataFrame) -> dict[str, set[str]]:
    return {lvl: set(g["area_code"]) for lvl, g in areas.groupby("level")}


def load_boundaries(data_dir: Path, level: str) -> dict:
    if level not in LEVEL_KEYS:
        raise ValueError(f"unknown level {level!r}")
    return json.loads((data_dir / "boundaries" / f"{level}.geojson").read_text(encoding="utf-8"))


def load_atoms(data_dir: Path) -> pd.DataFrame:
    """Atoms joined to their district: codes at every level and population by share."""
    atoms = pd.read_csv(
        data_dir / "atoms.csv", dtype={"atom_id": str, "lad_code": str, "health_code": str, "share_basis": str}
    )
    districts = pd.read_csv(data_dir / "districts.csv", dtype=str, keep_default_na=False)
    for col in ("age0", "age1"):
        districts[col] = districts[col].astype(float)
    districts["births_registered"] = pd.to_numeric(districts["births_registered"].replace("", None)).astype(float)
    out = atoms.merge(districts, on="lad_code", how="left", validate="many_to_one")
    if out["utla_code"].isna().any():
        raise ValueError("atoms.csv names a district missing from districts.csv")
    for col in ("age0", "age1", "births_registered"):
        out[col] = out[col] * out["share"]
    return out


def load_areas(data_dir: Path) -> pd.DataFrame:
    return pd.read_csv(data_dir / "areas.csv", dtype={"area_code": str, "level": str})


def load_atlas(
    data_dir: Path | None = None, directory_path: Path | None = None, directory_csv: str | None = None
) -> Atlas:
    """Everything the app shows, from the committed data and the team directory.

    ``directory_csv`` (a reviewed version from the store) takes the place of the file.
    """
    data_dir = data_dir or paths.data_dir()
    areas = load_areas(data_dir)
    if directory_csv is not None:
        teams, problems = parse_directory(directory_csv.encode("utf-8"), known_codes(areas), "directory (live version)")
    else:
        teams, problems = load_directory(directory_path or data_dir / DIRECTORY_FILE, known_codes(areas))
    manifest = json.loads((data_dir / "manifest.json").read_text(encoding="utf-8"))
    return Atlas(load_atoms(data_dir), areas, teams, tuple(problems), manifest, data_dir, load_reports(data_dir))
