"""How each team's capacity is shared among the areas it serves.

A team declared at any level is expanded to the atoms inside its areas, and its families per
year are split among them by share of annual births. Summing atoms then gives the team's
contribution at every other level: a Scottish board's team covers its councils, and a
council's team counts toward its ICB, region and nation.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from coverage.model.assumptions import Assumptions
from coverage.model.levels import ATOM_COLUMN


def counted(teams: pd.DataFrame, assumptions: Assumptions) -> pd.Series:
    """Which teams count under the assumptions. Closed teams never count."""
    statuses = {"active", "unknown"} if assumptions.count_unknown_status else {"active"}
    return (
        teams["status"].isin(statuses)
        & teams["kind"].isin(assumptions.counted_kinds)
        & teams["confidence"].isin(assumptions.counted_confidence)
        & teams["area_codes"].map(len).gt(0)
    )


def team_families(teams: pd.DataFrame, families_per_team: float) -> pd.Series:
    """A team's own families-per-year figure where known, else the assumed default."""
    return teams["families_per_year"].fillna(families_per_team).astype(float)


def atom_index(atoms: pd.DataFrame) -> dict[str, dict[str, np.ndarray]]:
    """For each level, the row positions of the atoms inside each area code."""
    out = {}
    for level, col in ATOM_COLUMN.items():
        codes = atoms[col].to_numpy()
        order = np.argsort(codes, kind="stable")
        uniq, starts = np.unique(codes[order], return_index=True)
        out[level] = dict(zip(uniq, np.split(order, starts[1:])))
    return out


def team_weights(
    teams: pd.DataFrame, atoms: pd.DataFrame, births: pd.Series, index: dict[str, dict[str, np.ndarray]] | None = None
) -> pd.DataFrame:
    """One row per (team, atom) it serves, with the atom's share of the team's births."""
    index = index or atom_index(atoms)
    b = births.to_numpy(dtype=float)
    ids, positions, weights = [], [], []
    for team_id, level, codes in zip(teams["team_id"], teams["area_level"], teams["area_codes"]):
        groups = index.get(level, {})
        parts = [groups[c] for c in codes if c in groups]
        if not parts:
            continue
        idx = np.unique(np.concatenate(parts))
        total = b[idx].sum()
        w = b[idx] / total if total > 0 else np.full(len(idx), 1 / len(idx))
        ids.append(np.full(len(idx), team_id, dtype=object))
        positions.append(idx)
        weights.append(w)
    if not ids:
        return pd.DataFrame(
            {"team_id": pd.Series(dtype=object), "atom": pd.Series(dtype=int), "weight": pd.Series(dtype=float)}
        )
    return pd.DataFrame(
        {
            "team_id": np.concatenate(ids),
            "atom": atoms.index.to_numpy()[np.concatenate(positions)],
            "weight": np.concatenate(weights),
        }
    )
