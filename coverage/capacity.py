"""How each team's capacity is shared among the areas it serves.

A team declared at any level is expanded to the atoms inside its areas, and its families per
year are split among them by share of annual births. Summing atoms then gives the team's
contribution at every other level: a Scottish board's team covers its councils, and a
council's team counts toward its ICB, region and nation.
"""

from __future__ import annotations

import pandas as pd

from coverage.assumptions import Assumptions
from coverage.levels import ATOM_COLUMN


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


def team_weights(teams: pd.DataFrame, atoms: pd.DataFrame, births: pd.Series) -> pd.DataFrame:
    """One row per (team, atom) it serves, with the atom's share of the team's births."""
    rows = []
    code_to_atoms = {
        level: atoms.groupby(col).groups for level, col in ATOM_COLUMN.items()
    }
    for team in teams.itertuples():
        groups = code_to_atoms.get(team.area_level, {})
        idx = sorted({i for code in team.area_codes for i in groups.get(code, [])})
        if not idx:
            continue
        b = births.loc[idx]
        total = b.sum()
        weight = b / total if total > 0 else pd.Series(1 / len(idx), index=idx)
        rows.append(pd.DataFrame({"team_id": team.team_id, "atom": idx, "weight": weight.values}))
    if not rows:
        return pd.DataFrame({"team_id": pd.Series(dtype=str), "atom": pd.Series(dtype=int), "weight": pd.Series(dtype=float)})
    return pd.concat(rows, ignore_index=True)
