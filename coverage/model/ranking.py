"""Filtering and ranking areas for the Compare page."""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class Ranked:
    """The highest and lowest areas on one figure, never the same area twice, with ties said aloud.

    ``highest`` runs from the top value down; ``lowest`` from the bottom value up (each as its
    title says). Areas tied at the lowest value are not padded into "highest": when eight Welsh
    areas share 0%, "highest" holds only areas above 0% and the tie is stated instead.
    """

    highest: pd.DataFrame
    lowest: pd.DataFrame
    tied_low: int  # areas sharing the lowest value
    low_value: float | None
    tied_at_cut: int  # areas sharing the value where "highest" is cut, beyond those shown
    all_equal: bool


def ranked(table: pd.DataFrame, column: str, n: int) -> Ranked:
    known = table.dropna(subset=[column])
    desc = known.sort_values([column, "area_name"], ascending=[False, True])
    if desc.empty:
        empty = desc.iloc[0:0]
        return Ranked(empty, empty, 0, None, 0, True)
    low = float(desc[column].min())
    tied_low = int((desc[column] == low).sum())
    above = desc[desc[column] > low]
    half = max(1, -(-len(desc) // 2))
    highest = above.head(min(n, half))
    rest = desc.drop(index=highest.index)
    lowest = rest.sort_values([column, "area_name"], ascending=[True, True]).head(n)
    tied_at_cut = 0
    if len(highest) and len(above) > len(highest):
        cut = highest[column].iloc[-1]
        tied_at_cut = int((above[column] == cut).sum()) - int((highest[column] == cut).sum())
    return Ranked(highest, lowest, tied_low, low, tied_at_cut, len(above) == 0)


def picked_areas(tables: dict[str, pd.DataFrame], picks: list[tuple[str, str]]) -> pd.DataFrame:
    """Chosen areas from any levels, in the order chosen, one row each with its level.

    ``tables`` is ``gaps.all_levels``; unknown (level, code) pairs are skipped (the URL parser
    has already said so).
    """
    rows = []
    for level, code in picks:
        t = tables.get(level)
        if t is None:
            continue
        hit = t[t["area_code"] == code]
        if len(hit):
            rows.append(hit.iloc[[0]].assign(level=level))
    if not rows:
        return pd.DataFrame(columns=list(next(iter(tables.values())).columns) + ["level"])
    return pd.concat(rows, ignore_index=True)


def references(summary: pd.DataFrame, column: str, nations=()) -> list[tuple[str, float]]:
    """The UK's value and each named nation's, for reference lines on a bar chart."""
    s = summary.set_index("area_name")
    out = []
    for name in ("United Kingdom", *dict.fromkeys(nations)):
        if name in s.index and column in s.columns and s.at[name, column] == s.at[name, column]:
            out.append(("UK" if name == "United Kingdom" else name, float(s.at[name, column])))
    return out
