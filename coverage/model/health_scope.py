"""Which part of the UK a directory health worklist covers: a nation, a region, an ICB or a health board.

A regional lead works on their own part of the directory. A service belongs to a part when any
small area it serves lies inside it; an area belongs when any of its small areas does, so a
council split between two ICBs shows under both. A listing with no mapped area can only be
placed by its nation column, so it shows under its nation and the UK, never under a region.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

UK = "United Kingdom"


@dataclass(frozen=True)
class Scope:
    nation: str = UK  # a nation's name, or the UK
    region: str = ""  # an English region's code
    health: str = ""  # an ICB's or health board's code

    @property
    def narrowed(self) -> bool:
        return bool(self.region or self.health)


def atoms_in_scope(atoms: pd.DataFrame, scope: Scope) -> np.ndarray:
    """True for each small area inside the scope."""
    keep = np.ones(len(atoms), dtype=bool)
    if scope.nation != UK:
        keep &= atoms["nation_name"].to_numpy() == scope.nation
    if scope.region:
        keep &= atoms["region_code"].to_numpy() == scope.region
    if scope.health:
        keep &= atoms["health_code"].to_numpy() == scope.health
    return keep


def _touches(index: dict, level: str, codes, inside: np.ndarray) -> bool:
    groups = index.get(level, {})
    return any(inside[groups[c]].any() for c in codes if c in groups)


def services_in_scope(services: pd.DataFrame, atoms: pd.DataFrame, index: dict, scope: Scope) -> pd.Series:
    """For each service (a folded directory row), whether it serves somewhere in the scope."""
    if scope == Scope():
        return pd.Series(True, index=services.index)
    inside = atoms_in_scope(atoms, scope)
    nations = services["nation"].fillna("").astype(str).str.split(";")
    out = []
    for level, codes, named in zip(services["area_level"], services["area_codes"], nations):
        if codes:
            out.append(_touches(index, level, codes, inside))
        else:  # no mapped area: placed by its nation column only
            out.append(not scope.narrowed and scope.nation in [n.strip() for n in named])
    return pd.Series(out, index=services.index, dtype=bool)


def areas_in_scope(levels: pd.Series, codes: pd.Series, atoms: pd.DataFrame, index: dict, scope: Scope) -> pd.Series:
    """For each (level, area code), whether the area holds any small area inside the scope."""
    if scope == Scope():
        return pd.Series(True, index=codes.index)
    inside = atoms_in_scope(atoms, scope)
    return pd.Series([_touches(index, lv, (c,), inside) for lv, c in zip(levels, codes)], index=codes.index, dtype=bool)
