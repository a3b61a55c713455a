"""Filtering and ranking areas for the Compare page."""

from __future__ import annotations

import numpy as np
import pandas as pd


def deprivation_deciles(table: pd.DataFrame) -> pd.Series:
    """Decile 1-10 within each nation at this level (1 = most deprived); NaN where unknown."""
    out = pd.Series(np.nan, index=table.index)
    for _, group in table.groupby("nation"):
        known = group["dep_share"].dropna()
        if len(known) < 2:
            continue
        pct = known.rank(ascending=False, method="first") / len(known)
        out.loc[known.index] = np.ceil(pct * 10).clip(1, 10)
    return out


def filtered(
    table: pd.DataFrame,
    *,
    nation: str = "UK",
    region: str = "All",
    family_hubs_only: bool = False,
    no_team_only: bool = False,
    deciles=(),
) -> pd.DataFrame:
    t = table.assign(dep_decile=deprivation_deciles(table))
    if nation != "UK":
        t = t[t["nation"] == nation]
    if region != "All":
        t = t[t["region"] == region]
    if family_hubs_only:
        t = t[t["family_hubs"].astype(bool)]
    if no_team_only:
        t = t[t["teams"] == 0]
    if deciles:
        t = t[t["dep_decile"].isin(list(deciles))]
    return t


def top_bottom(table: pd.DataFrame, column: str, n: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The n highest and the n lowest; ties are broken alphabetically in both."""
    known = table.dropna(subset=[column])
    top = known.sort_values([column, "area_name"], ascending=[False, True]).head(n)
    bottom = known.sort_values([column, "area_name"], ascending=[True, True]).head(n)
    return top, bottom


def ties_at_bottom(table: pd.DataFrame, column: str) -> tuple[int, float | None]:
    """How many areas share the lowest value (e.g. every area with no team at reach 0)."""
    known = table[column].dropna()
    if known.empty:
        return 0, None
    low = known.min()
    return int((known == low).sum()), float(low)
