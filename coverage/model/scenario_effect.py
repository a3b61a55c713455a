"""What a scenario would do: the directory under its changes, coverage before and after at every
level, and the teams (and cost) it would take to bring councils to a target.

The scenario itself, its checks and its file and link forms, are in ``scenario``.
"""

from __future__ import annotations

import pandas as pd

from coverage.model.assumptions import Assumptions
from coverage.model.atlas import Atlas
from coverage.model.directory import COLUMNS
from coverage.model.gaps import all_levels, teams_needed_in
from coverage.model.levels import LEVEL_KEYS
from coverage.model.scenario import Scenario


def apply(teams: pd.DataFrame, scenario: Scenario) -> pd.DataFrame:
    """The directory as it would be under the scenario (the input is not modified)."""
    out = teams.copy()
    for c in scenario.changes:
        if c.action == "add":
            row = {col: "" for col in COLUMNS}
            row.update(
                team_id=c.team_id,
                name=c.name or c.team_id,
                area_level=c.area_level,
                status="active",
                confidence="reported",
                kind="specialised",
                notes="Hypothetical team in a scenario",
            )
            row["area_codes"] = c.area_codes
            row["families_per_year"] = c.families()
            out = pd.concat([out, pd.DataFrame([row])], ignore_index=True)
            continue
        at = out["team_id"] == c.team_id
        if c.action == "close":
            out.loc[at, "status"] = "closed"
        elif c.action == "reopen":
            out.loc[at, "status"] = "active"
        elif c.action == "resize":
            if c.families() is not None:
                out.loc[at, "families_per_year"] = c.families()
            else:
                out.loc[at, "families_per_year"] = out.loc[at, "families_per_year"].astype(float).fillna(-1.0)
                current = out.loc[at, "families_per_year"]
                out.loc[at, "families_per_year"] = current.where(current >= 0, float("nan")) * c.scale
                out.loc[at, "_scale"] = c.scale
    out["families_per_year"] = out["families_per_year"].astype(float)
    return out


def _scaled_unknowns(teams: pd.DataFrame, fpt: float) -> pd.DataFrame:
    """A resized team with no published figure: scale the assumed default instead."""
    if "_scale" not in teams:
        return teams
    t = teams.copy()
    scaled = t["_scale"].notna() & t["families_per_year"].isna()
    t.loc[scaled, "families_per_year"] = fpt * t.loc[scaled, "_scale"].astype(float)
    return t.drop(columns=["_scale"])


COMPARED = [
    "teams",
    "capacity_per_year",
    "reach",
    "reach_low",
    "reach_high",
    "unmet_need_per_year",
    "teams_needed",
    "status",
]


def compare(
    atlas: Atlas, scenario: Scenario, assumptions: Assumptions, before: dict[str, pd.DataFrame] | None = None
) -> dict[str, pd.DataFrame]:
    """Before and after at every level: one row per area, ``*_before``/``*_after`` and deltas.

    ``before`` (the tables with no changes) can be passed in when already computed: it does
    not depend on the scenario, so pages cache it and only the "after" side is recomputed.
    """
    before = before or all_levels(atlas, assumptions)
    after_teams = _scaled_unknowns(apply(atlas.teams, scenario), assumptions.families_per_team)
    after = all_levels(atlas, assumptions, after_teams)
    out = {}
    for level in LEVEL_KEYS:
        b = before[level].set_index("area_code")
        a = after[level].set_index("area_code")
        t = b[["area_name", "nation", "need_per_year", "annual_births"]].copy()
        for col in COMPARED:
            t[f"{col}_before"] = b[col]
            t[f"{col}_after"] = a[col]
        for col in ("capacity_per_year", "reach", "unmet_need_per_year", "teams"):
            t[f"{col}_change"] = a[col] - b[col]
        t["changed"] = (t["capacity_per_year_change"].abs() > 1e-9) | (t["teams_change"] != 0)
        out[level] = t.reset_index()
    return out


def teams_to_target(table: pd.DataFrame, target: float, families_per_team: float, prevalence_scale: float = 1.0) -> int:
    """Teams of a given size to bring every council in the table to the target (``gaps.teams_needed_in``)."""
    return teams_needed_in(table, target, families_per_team, prevalence_scale)


def sensitivity(
    table: pd.DataFrame,
    assumptions: Assumptions,
    target: float,
    families_per_team: float,
    cost_per_team_year: float | None = None,
) -> pd.DataFrame:
    """Teams (and cost, if a cost is given) needed under the low, central and high prevalence."""
    rows = []
    for label, prevalence in (
        ("low", assumptions.prevalence_low),
        ("central", assumptions.prevalence),
        ("high", assumptions.prevalence_high),
    ):
        n = teams_to_target(table, target, families_per_team, prevalence / assumptions.prevalence)
        rows.append(
            {
                "prevalence_band": label,
                "prevalence": prevalence,
                "teams_needed": n,
                "annual_cost": None if cost_per_team_year is None else n * cost_per_team_year,
            }
        )
    return pd.DataFrame(rows)


def uk_change(result: dict[str, pd.DataFrame]) -> dict[str, float]:
    """UK totals before and after, summed from the nations of a ``compare`` result."""
    n = result["nation"]
    need = float(n["need_per_year"].sum())
    out = {"need_per_year": need}
    for side in ("before", "after"):
        out[f"capacity_{side}"] = float(n[f"capacity_per_year_{side}"].sum())
        out[f"unmet_{side}"] = float(n[f"unmet_need_per_year_{side}"].sum())
        out[f"reach_{side}"] = out[f"capacity_{side}"] / need if need else float("nan")
    return out


def teams_counted(atlas: Atlas, scenario: Scenario, assumptions: Assumptions) -> tuple[int, int]:
    """How many teams count UK-wide before and after the scenario."""
    from coverage.model.capacity import counted

    after = apply(atlas.teams, scenario)
    return int(counted(atlas.teams, assumptions).sum()), int(counted(after, assumptions).sum())


def councils_in_scope(councils: pd.DataFrame, scope: str) -> pd.DataFrame:
    """The council rows for "UK", a nation's name, or "Family Hubs authorities"."""
    if scope == "UK":
        return councils
    if scope == "Family Hubs authorities":
        return councils[councils["family_hubs"].astype(bool)]
    return councils[councils["nation"] == scope]
