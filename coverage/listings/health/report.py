"""The directory health report as the page and the command line both show it: one function, same rows.

Puts together the engine's pieces (``model.health`` headline, ``model.team_worklist``,
``model.area_worklist``) with the last link check (read through ``link_results.load_results``; each
team's link state, its since-date and what changed since the check before from
``link_history``) and a part of the UK (``model.health_scope``), so ``python -m coverage directory-health`` prints
exactly the rows the /health page lists for the same settings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from coverage.listings.health import link_history, link_results
from coverage.model.area_worklist import area_worklist, listed_not_counted
from coverage.model.assumptions import Assumptions
from coverage.model.atlas import Atlas
from coverage.model.capacity import counted
from coverage.model.gaps import all_levels
from coverage.model.health import WINDOW_YEARS, headline, since_year
from coverage.model.health_scope import Scope, areas_in_scope, services_in_scope
from coverage.model.listing_flags import load_flags
from coverage.model.services import fold_services, service_of
from coverage.model.team_worklist import team_worklist

_UNSET = object()


@dataclass(frozen=True)
class HealthReport:
    headline: pd.DataFrame
    teams: pd.DataFrame
    areas: pd.DataFrame
    since: int
    window: int
    checked_on: str  # date of the last link check, '' if none
    previous_checked_on: str  # date of the check before it, '' if none
    link_changes: pd.DataFrame  # links of the listings in scope that changed since the check before
    change_counts: dict[str, int]  # newly dead, recovered, moved among those changes


def directory_health(
    atlas: Atlas,
    assumptions: Assumptions,
    scope: Scope = Scope(),
    window: int = WINDOW_YEARS,
    today: dt.date | None = None,
    tables: dict[str, pd.DataFrame] | None = None,
    results=_UNSET,
    label: str = "",
) -> HealthReport:
    """The headline and both worklists for a part of the UK; ``results`` defaults to the saved link check.

    For the whole UK the headline has a row per nation; for a part of it, one row for that part,
    named ``label`` (the region's or health area's name) when given."""
    results = link_results.load_results() if results is _UNSET else results
    tables = tables if tables is not None else all_levels(atlas, assumptions)
    checked_on = str((results or {}).get("checked_on") or "")
    previous_on = str(((results or {}).get("previous") or {}).get("checked_on") or "")
    states = link_history.team_link_states(results, atlas.teams["team_id"], atlas.teams["website"])
    flags = load_flags(atlas.data_dir)
    since = since_year(window, today)
    services = fold_services(atlas.teams)
    keep = set(services.loc[services_in_scope(services, atlas.atoms, atlas.atom_index, scope), "team_id"])
    rows = atlas.teams[service_of(atlas.teams).isin(keep)]
    teams = team_worklist(atlas.teams, assumptions, tables, states, flags, since)
    teams = teams[teams["team_id"].isin(keep)].reset_index(drop=True)
    names = dict(zip(atlas.teams["team_id"], atlas.teams["name"]))
    uncounted = listed_not_counted(services, counted(services, assumptions), atlas.atoms, atlas.atom_index)
    areas = area_worklist(tables, atlas.reports, flags, names, uncounted)
    if len(areas):
        areas = areas[areas_in_scope(areas["level"], areas["area_code"], atlas.atoms, atlas.atom_index, scope)]
    head = headline(rows, assumptions, states, checked_on, window, today)
    if scope != Scope():
        head = head[head["scope"] == scope.nation].assign(scope=label or scope.nation).reset_index(drop=True)
    changed = link_history.changes(results)  # for the UK, also the links of teams no longer listed
    if scope != Scope():
        changed = changed[changed["team_id"].isin(set(rows["team_id"]))].reset_index(drop=True)
    return HealthReport(
        head,
        teams,
        areas.reset_index(drop=True),
        since,
        window,
        checked_on,
        previous_on,
        changed,
        link_history.change_counts(changed),
    )
