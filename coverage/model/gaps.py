"""Coverage and gaps per area: need, capacity, reach, unmet need and teams needed.

    need      = annual births x prevalence                (families a year)
    capacity  = sum of teams' families a year, each split over its areas by births
    reach     = capacity / need
    unmet     = max(0, need - capacity)
    teams needed to reach a target = ceil(max(0, target x need - capacity) / families per team)

Low and high bands come from the prevalence band and the families-per-team band; a team's
own known figure has no band.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from coverage.model.assumptions import Assumptions
from coverage.model.atlas import Atlas
from coverage.model.capacity import counted
from coverage.model.counting import Counting, counting
from coverage.model.levels import LEVEL_KEYS
from coverage.model.population import population_1001
from coverage.model.services import fold_services
from coverage.model.uncounted import state_words

# Evidence states: what is known about an area, never more than the directory shows. An area
# with no counted team is "team reported, not listed" where a source says it has one
# (coverage.model.reports), else "service listed, not counted" where the directory lists an
# open service there that does not count (coverage.model.uncounted: Kent's borderline PIMHS),
# else "no team listed"; an area with a counted team is classed by its reach. A report comes
# first: it says more than the directory does (a team the directory may be missing).
EVIDENCE_LISTED = "team listed"
EVIDENCE_UNCOUNTED = "service listed, not counted"
EVIDENCE_REPORTED = "team reported, not listed"
EVIDENCE_NONE = "no team listed"
EVIDENCE_STATES = (EVIDENCE_LISTED, EVIDENCE_REPORTED, EVIDENCE_UNCOUNTED, EVIDENCE_NONE)
STATUS_NO_TEAM = EVIDENCE_NONE
STATUS_REPORTED = EVIDENCE_REPORTED
STATUS_UNCOUNTED = EVIDENCE_UNCOUNTED
STATUS_SOME = "some provision"
STATUS_MEETS = "meets target"
# An area's coverage status, the map's classes (a team's running status is directory.TEAM_STATUSES).
AREA_STATUSES = (STATUS_NO_TEAM, STATUS_REPORTED, STATUS_UNCOUNTED, STATUS_SOME, STATUS_MEETS)
REACH_LABEL = "Reach of listed teams"
AREA_SHARE_NOTE = (
    "part of a Northern Ireland district cut by the official trust boundary is in this area's figures; "
    "no small-area population is published in our sources, so the district is split by land area, "
    "as if its people were spread evenly."
)
REACH_LOWER_BOUND_NOTE = "a lower bound: a source reports more teams here than the directory lists"

TABLE_COLUMNS = [
    "area_code",
    "area_name",
    "nation",
    "population_1001",
    "annual_births",
    "need_per_year",
    "teams",
    "capacity_per_year",
    "reach",
    "unmet_need_per_year",
]


def counted_teams(atlas: Atlas, assumptions: Assumptions, teams: pd.DataFrame | None = None) -> pd.DataFrame:
    """The services that count, one row each (grouped rows folded into the one standing for them)."""
    services = atlas.services if teams is None else fold_services(teams)
    return services[counted(services, assumptions)].reset_index(drop=True)


def atom_figures(
    atlas: Atlas, assumptions: Assumptions, teams: pd.DataFrame | None = None, shared: Counting | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per-atom population, need and capacity, and the (team, atom) weights behind capacity.

    ``shared`` is the counting step already made for these assumptions' counting choices
    (``counting.counting``); without it, it is made here.
    """
    if shared is None:
        shared = counting(atlas, assumptions, teams)
    shared.check(assumptions)
    atoms, births = atlas.atoms, shared.births
    # Built in one go (a column at a time, pandas' per-column overhead was most of the cost).
    fig = {
        "age0": atoms["age0"],
        "age1": atoms["age1"],
        "annual_births": births,
        # Where registered births are missing and babies aged 0 stand in (not where they are shared out).
        "births_fallback": atoms["births_registered"].isna() & (assumptions.births_basis != "age0"),
        "population_1001": population_1001(atoms["age0"], atoms["age1"], births),
        "need_per_year": births * assumptions.prevalence,
        "need_low": births * assumptions.prevalence_low,
        "need_high": births * assumptions.prevalence_high,
    }
    weights = shared.weights  # read only: shared with every table made under the same counting choices
    # A team's own families a year where known, else the assumed size (``capacity.team_families``).
    own = weights["team_id"].map(shared.services.set_index("team_id")["families_per_year"]).astype(float)
    capacity = pd.DataFrame(
        {
            "atom": weights["atom"],
            "capacity_per_year": weights["weight"] * own.fillna(assumptions.families_per_team),
            "capacity_low": weights["weight"] * own.fillna(assumptions.families_per_team_low),
            "capacity_high": weights["weight"] * own.fillna(assumptions.families_per_team_high),
            "team_equivalents": weights["weight"],
        }
    )
    summed = capacity.groupby("atom").sum().reindex(atoms.index, fill_value=0.0)
    fig.update({col: summed[col] for col in summed.columns})
    return pd.DataFrame(fig, index=atoms.index), weights


def _teams_per_area(weights: pd.DataFrame, pos: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Distinct teams per area, those with a published capacity, and their ids joined by ';'."""
    teams = np.zeros(n, dtype=int)
    known = np.zeros(n, dtype=int)
    ids = [""] * n
    if weights.empty:
        return teams, known, ids
    # A few hundred (team, atom) rows: plain Python is faster here than pandas' per-group overhead.
    served: dict[int, dict[str, bool]] = {}
    areas = pos[weights["atom"].to_numpy()].tolist()
    for area, team, has_own in zip(areas, weights["team_id"].tolist(), weights["known"].tolist()):
        served.setdefault(area, {}).setdefault(team, bool(has_own))
    for area, by_team in served.items():
        teams[area] = len(by_team)
        known[area] = sum(by_team.values())
        ids[area] = ";".join(sorted(by_team))
    return teams, known, ids


def area_table(
    atlas: Atlas,
    level: str,
    assumptions: Assumptions,
    teams: pd.DataFrame | None = None,
    shared: Counting | None = None,
) -> pd.DataFrame:
    """The per-area table at a level: every area present, none silently dropped.

    ``shared`` is the counting step for these assumptions' counting choices, when the caller keeps one.
    """
    if level not in LEVEL_KEYS:
        raise ValueError(f"unknown level {level!r}; choose one of {', '.join(LEVEL_KEYS)}")
    if shared is None:
        shared = counting(atlas, assumptions, teams)
    fig, weights = atom_figures(atlas, assumptions, shared=shared)
    return _aggregate(atlas, level, assumptions, fig, weights, shared.uncounted)


def all_levels(
    atlas: Atlas, assumptions: Assumptions, teams: pd.DataFrame | None = None, shared: Counting | None = None
) -> dict[str, pd.DataFrame]:
    """Tables at every level from one pass over the atoms (what scenarios recompute)."""
    if shared is None:
        shared = counting(atlas, assumptions, teams)
    fig, weights = atom_figures(atlas, assumptions, shared=shared)
    return {level: _aggregate(atlas, level, assumptions, fig, weights, shared.uncounted) for level in LEVEL_KEYS}


def _uncounted_per_area(uncounted: pd.DataFrame, pos: np.ndarray, n: int) -> tuple[np.ndarray, list[str], list[str]]:
    """Uncounted services per area, their ids and their distinct reasons, each joined by ';'."""
    count = np.zeros(n, dtype=int)
    ids, why = [""] * n, [""] * n
    if uncounted.empty:
        return count, ids, why
    # A few hundred (service, atom) rows: plain Python is faster here than pandas' per-group overhead.
    served: dict[int, dict[str, str]] = {}
    areas = pos[uncounted["atom"].to_numpy()].tolist()
    for area, team, why_not in zip(areas, uncounted["team_id"].tolist(), uncounted["reason"].tolist()):
        served.setdefault(area, {})[team] = why_not
    for area, teams in served.items():
        order = sorted(teams)
        count[area] = len(order)
        ids[area] = ";".join(order)
        why[area] = "; ".join(dict.fromkeys(teams[t] for t in order))
    return count, ids, why


SUMMED = [
    "age0",
    "age1",
    "annual_births",
    "population_1001",
    "need_per_year",
    "need_low",
    "need_high",
    "capacity_per_year",
    "capacity_low",
    "capacity_high",
    "team_equivalents",
]


def _aggregate(
    atlas: Atlas,
    level: str,
    assumptions: Assumptions,
    fig: pd.DataFrame,
    weights: pd.DataFrame,
    uncounted: pd.DataFrame,
) -> pd.DataFrame:
    """Sum atoms into the level's areas (array arithmetic: this runs on every scenario edit)."""
    areas = atlas.level_areas(level).reset_index()
    pos = atlas.atom_area_position[level]
    n = len(areas)
    cols = {col: np.bincount(pos, weights=fig[col].to_numpy(dtype=float), minlength=n) for col in SUMMED}
    cols["births_fallback"] = np.bincount(pos, weights=fig["births_fallback"].to_numpy(dtype=float), minlength=n) > 0
    cols["teams"], cols["teams_known_capacity"], cols["team_ids"] = _teams_per_area(weights, pos, n)
    cols["area_share_estimate"] = atlas.area_share_estimates[level]
    cols["team_reported"] = np.bincount(pos, weights=atlas.team_reported_atoms.astype(float), minlength=n) > 0
    cols["uncounted_services"], cols["uncounted_team_ids"], cols["uncounted_reasons"] = _uncounted_per_area(
        uncounted, pos, n
    )
    return finish(_with_columns(areas, cols), assumptions)


def _with_columns(out: pd.DataFrame, cols: dict) -> pd.DataFrame:
    """``out`` with these columns set (replaced in place, else added in order), in one step rather than one a column."""
    for name in [c for c in cols if c in out.columns]:
        out[name] = cols.pop(name)
    return pd.concat([out, pd.DataFrame(cols, index=out.index)], axis=1) if cols else out


def _ratio(num, den) -> np.ndarray:
    num = np.asarray(num, dtype=float)
    den = np.asarray(den, dtype=float)
    out = np.full(num.shape, np.nan)
    np.divide(num, den, out=out, where=den > 0)
    return out


def finish(out: pd.DataFrame, assumptions: Assumptions) -> pd.DataFrame:
    """Derived columns from summed figures (shared by per-area and whole-nation tables)."""
    need = out["need_per_year"].to_numpy(dtype=float)
    capacity = out["capacity_per_year"].to_numpy(dtype=float)
    reach = _ratio(capacity, need)
    cols = {
        "reach": reach,
        "reach_low": _ratio(out["capacity_low"], out["need_high"]),
        "reach_high": _ratio(out["capacity_high"], out["need_low"]),
        "unmet_need_per_year": np.clip(need - capacity, 0, None),
        "teams_needed": teams_needed(need, capacity, assumptions.target_reach, assumptions.families_per_team),
        "teams_per_10k_births": _ratio(out["team_equivalents"].to_numpy(dtype=float) * 10_000, out["annual_births"]),
    }
    n = len(out)
    teams = out["teams"].to_numpy()
    reported = out["team_reported"].to_numpy(dtype=bool) if "team_reported" in out.columns else np.zeros(n, dtype=bool)
    if "team_reported" not in out.columns:
        cols["team_reported"] = reported
    if "uncounted_services" in out.columns:
        services, why = out["uncounted_services"].tolist(), out["uncounted_reasons"].tolist()
    else:
        services, why = [0] * n, [""] * n
        cols["uncounted_services"] = np.zeros(n, dtype=np.int64)
        cols["uncounted_team_ids"], cols["uncounted_reasons"] = [""] * n, [""] * n
    uncounted = np.asarray(services) > 0
    cols["listed_not_counted"] = [state_words(k, w) for k, w in zip(services, why)]
    with np.errstate(invalid="ignore"):
        meets = reach >= assumptions.target_reach - 1e-12
    cols["evidence"] = np.select(
        [teams > 0, reported, uncounted], [EVIDENCE_LISTED, EVIDENCE_REPORTED, EVIDENCE_UNCOUNTED], EVIDENCE_NONE
    )
    none = teams == 0
    cols["status"] = np.select(
        [none & reported, none & uncounted, none, meets],
        [STATUS_REPORTED, STATUS_UNCOUNTED, STATUS_NO_TEAM, STATUS_MEETS],
        STATUS_SOME,
    )
    # Reach counts listed teams only: where a source reports more, it is a lower bound.
    cols["reach_lower_bound"] = reported
    return _with_columns(out, cols)


def status_words(row) -> str:
    """An area's state as a sentence's worth of words (profile, briefing): never just "no team listed"
    where the directory lists a service there.

    "team listed; some provision", "team reported, not listed", "a service is listed here, not
    counted as a specialised team: borderline", or both of the last two where both hold.
    """
    if row["evidence"] == EVIDENCE_LISTED:
        return f"{EVIDENCE_LISTED}; {row['status']}"
    listed = row.get("listed_not_counted", "")
    if row["evidence"] == EVIDENCE_REPORTED and listed:
        return f"{EVIDENCE_REPORTED}; {listed}"
    return listed or str(row["status"])


def teams_needed(need, capacity, target: float, families_per_team: float) -> np.ndarray:
    """Extra teams of the assumed size to bring reach up to the target."""
    gap = (
        np.clip(np.asarray(need, dtype=float) * target - np.asarray(capacity, dtype=float), 0, None) / families_per_team
    )
    return np.where(gap > 0, np.ceil(gap - 1e-9), 0).astype(int)


TEAMS_NEEDED_RULE = (
    "Teams needed = extra teams of the assumed size that would bring each council up to the target reach, "
    "counted council by council and rounded up to whole teams in each (a team serves its own area), then added up. "
    "It is the same figure on the area profile, Plan and Methods; it is above the national shortfall divided by "
    "team size because part-teams do not carry over between councils."
)


def teams_needed_in(
    councils: pd.DataFrame, target: float, families_per_team: float, prevalence_scale: float = 1.0
) -> int:
    """The one "teams needed" figure for a set of councils: each council's whole-team shortfall, summed.

    Profile, Plan and Methods all call this (a single council gives its own row's figure), so
    one question never gets three answers. ``prevalence_scale`` rescales need for the bands.
    """
    needed = teams_needed(
        councils["need_per_year"] * prevalence_scale, councils["capacity_per_year"], target, families_per_team
    )
    return int(needed.sum())


def summary(
    atlas: Atlas, assumptions: Assumptions, teams: pd.DataFrame | None = None, shared: Counting | None = None
) -> pd.DataFrame:
    """UK total then each nation, with the same columns as an area table."""
    if shared is None:
        shared = counting(atlas, assumptions, teams)
    nations = area_table(atlas, "nation", assumptions, shared=shared)
    chosen = shared.services
    # The additive columns summed; ratios are recomputed from them by ``finish``. One frame built at once.
    totals = nations[SUMMED].sum()
    uk = pd.DataFrame(
        {
            **{col: [totals[col]] for col in SUMMED},
            "teams": [len(chosen)],
            "teams_known_capacity": [int(chosen["families_per_year"].notna().sum())],
            "area_code": ["K02000001"],
            "area_name": ["United Kingdom"],
            "nation": ["United Kingdom"],
            "births_fallback": [bool(nations["births_fallback"].any())],
            "team_reported": [bool(nations["team_reported"].any())],
        }
    )
    uk = finish(uk, assumptions)
    return pd.concat([uk, nations], ignore_index=True)[nations.columns.intersection(uk.columns)]
