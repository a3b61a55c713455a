"""A scenario's result for the areas it touches, in words a commissioner reads at a glance.

The Plan page used to show a UK-only headline and a table of raw column names
(``need_per_year`` 2498.4); a commissioner at Kent wants "Kent: reach 0% → 4.0%, unmet need
2,498 → 2,398 a year". Each changed area gets that line, and the table beside it has one
readable "before → after" column per figure, narrow enough for a 390 px phone.
"""

from __future__ import annotations

import pandas as pd

from coverage.present import formats

MAX_HEADLINES = 8


def _changed(result_level: pd.DataFrame) -> pd.DataFrame:
    """Areas the scenario changes, the biggest change in unmet need first, then by name."""
    changed = result_level[result_level["changed"]].copy()
    changed["_gain"] = changed["unmet_need_per_year_before"] - changed["unmet_need_per_year_after"]
    return changed.sort_values(["_gain", "area_name"], ascending=[False, True])


def headline(row) -> tuple[str, str]:
    """("Kent", "reach 0% → 4.0%, unmet need 2,498 → 2,398 a year"): plain text, not yet escaped."""
    return row["area_name"], (
        f"reach {formats.change(row['reach_before'], row['reach_after'], 'pct')}, "
        f"unmet need {formats.change(row['unmet_need_per_year_before'], row['unmet_need_per_year_after'], 'int')} "
        "a year"
    )


def headlines(result_level: pd.DataFrame, limit: int = MAX_HEADLINES) -> tuple[list[tuple[str, str]], int]:
    """One headline per changed area (at most ``limit``) and how many more were left out."""
    changed = _changed(result_level)
    lines = [headline(r) for _, r in changed.head(limit).iterrows()]
    return lines, max(0, len(changed) - limit)


READABLE_COLUMNS = {
    "area_name": "Area",
    "teams": "Listed teams",
    "reach": "Reach of listed teams",
    "unmet_need_per_year": "Unmet need a year",
    "capacity_per_year": "Families teams can see a year",
}


def change_table(result_level: pd.DataFrame) -> pd.DataFrame:
    """Changed areas with one "before → after" text column per figure, under readable labels."""
    changed = _changed(result_level)
    out = pd.DataFrame({"Area": changed["area_name"].to_numpy()})
    for column, kind in (
        ("reach", "pct"),
        ("unmet_need_per_year", "int"),
        ("teams", "int"),
        ("capacity_per_year", "int"),
    ):
        out[READABLE_COLUMNS[column]] = [
            formats.change(b, a, kind) for b, a in zip(changed[f"{column}_before"], changed[f"{column}_after"])
        ]
    out["Need a year"] = [formats.whole(v) for v in changed["need_per_year"]]
    return out
