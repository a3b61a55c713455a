"""Where a team stands on a map, and which areas it reaches from there.

The directory gives no address for a team, only the areas it serves, so its marker stands at a
stated point: the mean of its *declared areas'* label points (a point inside each area, written
by the build step into ``areas.csv``), weighted by the babies under two living in each area
(ONS mid-2022, ages 0 and 1). A team that serves one area therefore sits inside that area; a team
that serves several sits where their babies are, which may fall between them, so each area it
serves is joined to the marker by a line. Babies rather than births: the point must not move when
the sidebar's births basis changes.

The areas a team *reaches* are its declared areas when it is declared at council or district
level; a team declared for something larger (a health board, an ICB, a region) reaches every
council with at least one of its atoms inside, which is how its capacity is counted
(``coverage.model.capacity``): a Scottish health board's team counts in each of its councils.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from coverage.model.atlas import Atlas
from coverage.model.levels import ATOM_COLUMN

PLACEMENT_RULE = (
    "Each marker stands at the centre of the areas the listing declares: the average of a point inside "
    "each area, weighted by the babies under two living there (ONS mid-2022). A team serving several "
    "areas (or a health board's councils) is joined by a line to each of them."
)
REACH_LEVEL = "utla"  # a team declared above council level reaches councils
OWN_LEVELS = ("utla", "lad")  # declared at these levels, a team reaches exactly its declared areas


def area_babies(atlas: Atlas, level: str) -> pd.Series:
    """Babies aged 0 and 1 in each area of a level, from its atoms (population already shared out)."""
    atoms = atlas.atoms
    return (atoms["age0"] + atoms["age1"]).groupby(atoms[ATOM_COLUMN[level]]).sum()


def team_positions(atlas: Atlas, teams: pd.DataFrame) -> pd.DataFrame:
    """One row per team with at least one mapped area: its marker's lon and lat.

    Teams with no mapped area have no position and are left out; callers list them separately.
    """
    rows = []
    babies = {}
    for team_id, level, codes in zip(teams["team_id"], teams["area_level"], teams["area_codes"]):
        if not codes:
            continue
        if level not in babies:
            babies[level] = (atlas.level_areas(level), area_babies(atlas, level))
        areas, weights = babies[level]
        known = [c for c in codes if c in areas.index]
        if not known:
            continue
        points = areas.loc[known, ["lon", "lat"]].to_numpy(dtype=float)
        w = weights.reindex(known).fillna(0.0).to_numpy(dtype=float)
        if w.sum() <= 0:
            w = np.ones(len(known))
        lon, lat = (points * w[:, None]).sum(axis=0) / w.sum()
        rows.append({"team_id": team_id, "lon": float(lon), "lat": float(lat), "n_declared": len(known)})
    return pd.DataFrame(rows, columns=["team_id", "lon", "lat", "n_declared"])


def reached_areas(atlas: Atlas, teams: pd.DataFrame) -> pd.DataFrame:
    """One row per (team, area it reaches), with the area's name and label point, in code order."""
    rows = []
    councils = atlas.level_areas(REACH_LEVEL)
    for team_id, level, codes in zip(teams["team_id"], teams["area_level"], teams["area_codes"]):
        if not codes:
            continue
        if level in OWN_LEVELS:
            areas = atlas.level_areas(level)
            reached = sorted(c for c in set(codes) if c in areas.index)
        else:
            areas = councils
            groups = atlas.atom_index.get(level, {})
            parts = [groups[c] for c in codes if c in groups]
            if not parts:
                continue
            atom_rows = np.unique(np.concatenate(parts))
            reached = sorted(set(atlas.atoms[ATOM_COLUMN[REACH_LEVEL]].to_numpy()[atom_rows]))
            level = REACH_LEVEL
        for code in reached:
            area = areas.loc[code]
            rows.append(
                {
                    "team_id": team_id,
                    "level": level,
                    "area_code": code,
                    "area_name": area["area_name"],
                    "lon": float(area["lon"]),
                    "lat": float(area["lat"]),
                }
            )
    return pd.DataFrame(rows, columns=["team_id", "level", "area_code", "area_name", "lon", "lat"])
