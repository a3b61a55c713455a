"""How each team's capacity is shared among the areas it serves.

A team declared at any level is expanded to the atoms inside its areas, and its families per
year are split among them by share of annual births. Summing atoms then gives the team's
contribution at every other level: a Scottish board's team covers its councils, and a
council's team counts toward its ICB, region and nation.

When a team serves an area (the rule behind every team count and status): a team serves the
atoms inside the areas it names, except that a team named for councils or districts does not
serve a *part* of a district split between health areas when that part holds less than
``Assumptions.min_part_share`` of the district's small areas (a sliver: one small area of
Cherwell in Northamptonshire ICB). Its capacity is shared over the atoms it does serve, so
every level still sums exactly to the UK total.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from coverage.model.assumptions import Assumptions
from coverage.model.levels import ATOM_COLUMN
from coverage.model.services import evidence_year, is_second_description

# The level at which districts are split into atoms: a team named for a health area serves
# every part inside it, however small.
SPLIT_LEVEL = "health"


def counted(teams: pd.DataFrame, assumptions: Assumptions) -> pd.Series:
    """Which teams count under the assumptions. Closed teams never count.

    A row that describes a service another row stands for never counts on its own (the
    service is counted once, through that row); with ``evidence_since`` set, a service
    counts only if its latest dated evidence is from that year or later.
    """
    statuses = {"active", "unknown"} if assumptions.count_unknown_status else {"active"}
    out = (
        teams["status"].isin(statuses)
        & teams["kind"].isin(assumptions.counted_kinds)
        & teams["confidence"].isin(assumptions.counted_confidence)
        & teams["area_codes"].map(len).gt(0)
        & ~is_second_description(teams)
    )
    if assumptions.evidence_since is not None:
        out &= evidence_year(teams).ge(assumptions.evidence_since)
    return out


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


def served_atoms(idx: np.ndarray, level: str, part_share: np.ndarray, min_part_share: float) -> np.ndarray:
    """The atoms a team serves among those inside its areas (slivers of split districts dropped).

    If every atom would be dropped (a team named only for a sliver), it keeps them all: a team
    always serves somewhere it was named for.
    """
    if level == SPLIT_LEVEL or min_part_share <= 0:
        return idx
    keep = idx[part_share[idx] >= min_part_share - 1e-12]
    return keep if len(keep) else idx


def team_weights(
    teams: pd.DataFrame,
    atoms: pd.DataFrame,
    births: pd.Series,
    index: dict[str, dict[str, np.ndarray]] | None = None,
    min_part_share: float = 0.0,
) -> pd.DataFrame:
    """One row per (team, atom) it serves, with the atom's share of the team's births."""
    index = index or atom_index(atoms)
    b = births.to_numpy(dtype=float)
    part_share = atoms["share"].to_numpy(dtype=float) if "share" in atoms.columns else np.ones(len(atoms))
    ids, positions, weights = [], [], []
    for team_id, level, codes in zip(teams["team_id"], teams["area_level"], teams["area_codes"]):
        groups = index.get(level, {})
        parts = [groups[c] for c in codes if c in groups]
        if not parts:
            continue
        idx = served_atoms(np.unique(np.concatenate(parts)), level, part_share, min_part_share)
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
