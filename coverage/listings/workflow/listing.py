"""Searching the team directory and describing a listing for people checking it."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from coverage.model.assumptions import NATIONAL_TEAMS
from coverage.model.services import evidence_year, is_second_description, service_of
from coverage.model.values import cell_text, missing

NATIONAL_COUNT_NOTE = (
    f"About {NATIONAL_TEAMS} teams were reported UK-wide in December 2025 (Parent-Infant Foundation); "
    "this directory is built from scattered public pages and is not the Parent-Infant Network's own list."
)
STALE_AFTER_DAYS = 365


def search(teams: pd.DataFrame, text: str = "", *, nations=(), statuses=(), confidences=(), kinds=()) -> pd.DataFrame:
    """Teams whose name, host, areas or notes contain the text (case-insensitive), then filtered."""
    t = teams
    needle = text.strip().lower()
    if needle:
        hay = (
            t["name"]
            + " "
            + t["host_organisation"]
            + " "
            + t["area_names"]
            + " "
            + t["unresolved_areas"]
            + " "
            + t["nation"]
        ).str.lower()
        t = t[hay.str.contains(needle, regex=False)]
    if nations:
        t = t[t["nation"].map(lambda n: any(x in n.split(";") for x in nations) or (not n and "Unknown" in nations))]
    if statuses:
        t = t[t["status"].isin(statuses)]
    if confidences:
        t = t[t["confidence"].isin(confidences)]
    if kinds:
        t = t[t["kind"].isin(kinds)]
    return grouped_order(teams, t)


def grouped_order(teams: pd.DataFrame, shown: pd.DataFrame) -> pd.DataFrame:
    """Alphabetical by service, each service's rows together, the row standing for it first.

    A row's evidence year (the latest over its service) rides along for the listing.
    """
    names = dict(zip(teams["team_id"], teams["name"]))
    service = service_of(shown)
    out = shown.assign(
        _service_name=service.map(lambda s: names.get(s, s).lower()),
        _second=is_second_description(shown),
        _name=shown["name"].str.lower(),
        evidence_year=evidence_year(teams).reindex(shown.index) if len(teams) else pd.Series(dtype=float),
    )
    return out.sort_values(["_service_name", "_second", "_name"]).drop(columns=["_service_name", "_second", "_name"])


def same_service_note(team, teams: pd.DataFrame) -> str:
    """How a grouped row is counted, in words, or '' for a row on its own."""
    names = dict(zip(teams["team_id"], teams["name"]))
    target = getattr(team, "same_service_as", "")
    if target:
        return f"the same service as {names.get(target, target)}: counted once, under that listing"
    others = teams.loc[teams.get("same_service_as", pd.Series(dtype=str)).eq(team.team_id), "name"]
    if len(others):
        return "also described as " + "; ".join(others) + " (counted once, here)"
    return ""


def quality_flags(team, today: dt.date | None = None) -> list[str]:
    """What someone checking this listing should look at first."""
    today = today or dt.date.today()
    flags = []
    verified = getattr(team, "last_verified", "")
    if not verified:
        flags.append("never verified")
    else:
        try:
            if (today - dt.date.fromisoformat(verified)).days > STALE_AFTER_DAYS:
                flags.append("not verified in 12 months")
        except ValueError:
            flags.append("verification date unreadable")
    if missing(team.families_per_year):
        flags.append("capacity unknown (assumed)")
    if team.unresolved_areas:
        flags.append("area not fully resolved")
    if not team.website and not team.source_url:
        flags.append("no website or source")
    return flags


def record(teams: pd.DataFrame, team_id: str) -> pd.DataFrame:
    """One team's listing as a two-column table (field, value as text), exactly as stored."""
    team = teams.set_index("team_id").loc[team_id]
    return pd.DataFrame({"Field": list(team.index), "Value": [cell_text(v) for v in team.to_numpy()]})


def editable_values(teams: pd.DataFrame, team_id: str, fields) -> dict[str, str]:
    """The current text of each field a correction may change, to prefill the form."""
    team = teams.set_index("team_id").loc[team_id]
    return {key: cell_text(team[key]) for key in fields}


def counts(teams: pd.DataFrame) -> dict[str, int]:
    return {
        "listed": len(teams),
        "specialised_open": int(((teams["kind"] == "specialised") & (teams["status"] != "closed")).sum()),
        "closed": int((teams["status"] == "closed").sum()),
    }


def capacity_breakdown(atlas, team_id: str, assumptions) -> pd.DataFrame:
    """How one team's families a year are counted in each area it serves (its declared level).

    A row describing a service another row stands for has no breakdown of its own: its areas
    are counted under that row, so this is empty for it.
    """
    from coverage.model.capacity import counted, team_families, team_weights
    from coverage.model.levels import ATOM_COLUMN
    from coverage.model.population import annual_births
    from coverage.model.services import fold_services

    folded = fold_services(atlas.teams)
    teams = folded[folded["team_id"] == team_id]
    if teams.empty or not teams.iloc[0]["area_codes"]:
        return pd.DataFrame(columns=["area_code", "area_name", "share", "families_counted"])
    team = teams.iloc[0]
    births, _ = annual_births(atlas.atoms, assumptions)
    weights = team_weights(teams, atlas.atoms, births, atlas.atom_index, assumptions.min_part_share)
    level = team["area_level"]
    weights["area_code"] = atlas.atoms.loc[weights["atom"], ATOM_COLUMN[level]].to_numpy()
    share = weights.groupby("area_code")["weight"].sum()
    is_counted = bool(counted(teams, assumptions).iloc[0])
    families = float(team_families(teams, assumptions.families_per_team).iloc[0]) if is_counted else 0.0
    names = atlas.level_areas(level)["area_name"]
    return pd.DataFrame(
        {
            "area_code": share.index,
            "area_name": names.reindex(share.index).to_numpy(),
            "share": share.to_numpy(),
            "families_counted": share.to_numpy() * families,
        }
    )


def nations_of(table: pd.DataFrame, codes) -> pd.DataFrame:
    """The rows of a level's table in the nations that the given areas lie in (a locator map's extent)."""
    nations = table.loc[table["area_code"].isin(list(codes)), "nation"]
    return table[table["nation"].isin(nations)]
