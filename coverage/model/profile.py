"""One area in context: how it compares, which areas are like it, and which teams serve it."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from coverage.model import gaps
from coverage.model.assumptions import Assumptions
from coverage.model.atlas import Atlas
from coverage.model.directory import CONFIDENCE_WORDS, KIND_WORDS
from coverage.model.levels import ATOM_COLUMN, NATION_CODES

LEVEL_SEARCH_ORDER = ("utla", "lad", "health", "region", "nation")


def find_level(atlas: Atlas, code: str, preferred: str | None = None) -> str | None:
    """The level an area code belongs to (some codes, e.g. unitary authorities, sit at two)."""
    levels = set(atlas.areas.loc[atlas.areas["area_code"] == code, "level"])
    if preferred in levels:
        return preferred
    return next((lvl for lvl in LEVEL_SEARCH_ORDER if lvl in levels), None)


def parents(atlas: Atlas, level: str, code: str) -> list[tuple[str, str]]:
    """(level, code) of the region and nation holding most of the area's births."""
    parent_levels = {
        "utla": ("region", "nation"),
        "lad": ("region", "nation"),
        "health": ("region", "nation"),
        "region": ("nation",),
        "nation": (),
    }[level]
    inside = atlas.atoms[atlas.atoms[ATOM_COLUMN[level]] == code]
    out = []
    for parent in parent_levels:
        top = inside.groupby(ATOM_COLUMN[parent])["age0"].sum().sort_values(ascending=False)
        if not len(top) or top.index[0] == code:
            continue
        # Wales, Scotland and Northern Ireland stand as their own region: show them once.
        if parent == "nation" and out and out[-1][1] == top.index[0]:
            out[-1] = (parent, top.index[0])
            continue
        out.append((parent, top.index[0]))
    return out


def comparison(
    atlas: Atlas,
    level: str,
    code: str,
    assumptions: Assumptions,
    tables: Mapping[str, pd.DataFrame] | None = None,
    uk: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The area beside its region, its nation and the UK, on the same figures.

    ``tables`` (level -> area table) and ``uk`` (the summary) may be passed in when the caller
    already holds them under these assumptions; the app passes its cached ones, so a profile
    rerun does not recompute four levels.
    """

    def table(at_level: str) -> pd.DataFrame:
        if tables is not None and at_level in tables:
            return tables[at_level]
        return gaps.area_table(atlas, at_level, assumptions)

    rows = [table(level).set_index("area_code").loc[[code]].assign(scope="This area")]
    for parent, pcode in parents(atlas, level, code):
        rows.append(table(parent).set_index("area_code").loc[[pcode]].assign(scope=parent.title()))
    uk = gaps.summary(atlas, assumptions) if uk is None else uk
    rows.append(uk.set_index("area_code").loc[["K02000001"]].assign(scope="UK"))
    return pd.concat(rows).reset_index()


def similar_areas(table: pd.DataFrame, code: str, n: int = 5) -> pd.DataFrame:
    """Areas in the same nation closest in annual births (log scale) and deprivation.

    Both are standardised within the nation so neither dominates; deprivation is only
    compared within a nation because each nation's index is relative to itself.
    """
    t = table.set_index("area_code")
    if code not in t.index:
        return t.iloc[0:0].reset_index()
    peers = t[t["nation"] == t.at[code, "nation"]].copy()
    births = np.log(peers["annual_births"].clip(lower=1))
    dep = peers["dep_share"]
    z_births = (births - births.mean()) / (births.std() or 1)
    dist = (z_births - z_births[code]) ** 2
    if dep.notna().all() and dep.std() > 0:
        z_dep = (dep - dep.mean()) / dep.std()
        dist = dist + (z_dep - z_dep[code]) ** 2
    peers["similarity_distance"] = np.sqrt(dist)
    return peers.drop(index=code).sort_values(["similarity_distance", "area_name"]).head(n).reset_index()


def teams_serving(atlas: Atlas, level: str, code: str, assumptions: Assumptions) -> pd.DataFrame:
    """Every listed team with any part in the area, counted or not, and why not."""
    from coverage.model.capacity import counted, team_weights
    from coverage.model.population import annual_births
    from coverage.model.services import evidence_year, fold_services, service_of

    births, _ = annual_births(atlas.atoms, assumptions)
    services = fold_services(atlas.teams)
    weights = team_weights(services, atlas.atoms, births, atlas.atom_index, assumptions.min_part_share)
    inside = atlas.atoms.index[atlas.atoms[ATOM_COLUMN[level]] == code]
    share = weights[weights["atom"].isin(inside)].groupby("team_id")["weight"].sum()
    # Every row describing a service that serves the area is listed, next to the row standing for it.
    teams = atlas.teams.assign(service=service_of(atlas.teams), evidence_year=evidence_year(atlas.teams))
    out = teams[teams["service"].isin(share.index)].copy()
    out["share_in_area"] = out["service"].map(share).astype(float)
    is_counted = counted(out, assumptions) if len(out) else pd.Series(dtype=bool)
    out["counted"] = is_counted
    names = dict(zip(atlas.teams["team_id"], atlas.teams["name"]))
    out["same_service_name"] = out["same_service_as"].map(names).fillna(out["same_service_as"])
    out["why_not_counted"] = [
        "" if c else why_not_counted(r, assumptions, names) for c, r in zip(is_counted, out.itertuples())
    ]
    fpt = assumptions.families_per_team
    out["families_in_area"] = out["families_per_year"].fillna(fpt) * out["share_in_area"]
    out.loc[~out["counted"], "families_in_area"] = 0.0
    out["service_counted"] = out.groupby("service")["counted"].transform("max").astype(bool)
    order = ["service_counted", "service", "counted", "name"]
    return out.sort_values(order, ascending=[False, True, False, True]).reset_index(drop=True)


def why_not_counted(row, a: Assumptions, names: Mapping[str, str] | None = None) -> str:
    """Why a listed team adds nothing to the figures under these assumptions, as a reader reads it.

    In words, not codes: "kind 'other' not counted" had readers decoding the directory's fields (#12).
    ``names`` (team id to name) names the service a grouped row belongs to.
    """
    if getattr(row, "same_service_as", ""):
        service = (names or {}).get(row.same_service_as, row.same_service_as)
        return f"counted once, as part of {service}"
    if row.status == "closed":
        return "it has closed"
    if row.status == "unknown" and not a.count_unknown_status:
        return "not known whether it is still running, and only teams known to run are counted"
    if row.kind not in a.counted_kinds:
        return f"it is {KIND_WORDS.get(row.kind, row.kind)}, a kind not counted"
    if row.confidence not in a.counted_confidence:
        return f"its listing is {CONFIDENCE_WORDS.get(row.confidence, row.confidence)}, which is not counted"
    if a.evidence_since is not None:
        return f"no dated evidence from {a.evidence_since} on"
    return "left out by the counting choices"


def nation_code(name: str) -> str:
    return NATION_CODES.get(name, "")


def area_reports(atlas: Atlas, level: str, code: str) -> pd.DataFrame:
    """Every area-level report of provision that covers any part of the area, newest first."""
    from coverage.model.reports import reports_for_area

    return reports_for_area(atlas.reports, atlas.atoms, level, code)
