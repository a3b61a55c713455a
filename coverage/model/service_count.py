"""The one count of services, and of areas with no team, that every page and export shows.

A newcomer once read four different team counts for one directory (home, team directory, the
team map's legend, the directory CSV) because each page counted something slightly different:
rows or services, with or without closed rows, with or without a second description of one
service. Here the directory's rows become services (``same_service_as`` folds a second
description into the row it names) and a service counts by ``capacity.counted``, the rule the
figures use. Pages show :func:`count_services` and say in words when rows and services differ.
The same goes for areas with no counted team: a source may report a team the directory does not
list, or the directory may list a service that does not count, so they split as the map's legend
does: "no team listed", "team reported, not listed" and "service listed, not counted".
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from coverage.model.assumptions import Assumptions
from coverage.model.capacity import counted
from coverage.model.services import is_second_description

UK = "United Kingdom"


@dataclass(frozen=True)
class ServiceCount:
    scope: str
    rows: int  # directory rows of the kinds being counted, whatever their status
    closed_rows: int  # of those, closed
    second_descriptions: int  # of those, open rows describing a service another row stands for
    services: int  # open services of the counted kinds (each once)
    counted: int  # of those, the ones that count under the assumptions

    def words(self) -> str:
        """'25 services counted' plus, when rows and services differ, why, in one sentence."""
        head = f"{self.counted} {'service' if self.counted == 1 else 'services'} counted"
        why = []
        if self.closed_rows:
            why.append(f"{self.closed_rows} closed")
        if self.second_descriptions:
            n = self.second_descriptions
            why.append(f"{n} {'describes a service' if n == 1 else 'describe services'} another row stands for")
        left = self.services - self.counted
        if left:
            why.append(f"{left} open not counted (the sidebar's choices, or no mapped area)")
        if not why:
            return head
        return f"{head}, from {self.rows} directory {'row' if self.rows == 1 else 'rows'} of that kind: " + "; ".join(
            why
        )


def in_scope(teams: pd.DataFrame, scope: str) -> pd.Series:
    """Rows whose nation column names the scope (a row naming two nations is in both); every row for the UK."""
    if scope == UK:
        return pd.Series(True, index=teams.index)
    nations = teams["nation"].fillna("").astype(str).str.split(";")
    return nations.map(lambda ns: scope in [n.strip() for n in ns])


def count_services(teams: pd.DataFrame, assumptions: Assumptions, scope: str = UK) -> ServiceCount:
    """How many services the directory lists and counts in a scope (the UK or a nation's name)."""
    t = teams[in_scope(teams, scope) & teams["kind"].isin(assumptions.counted_kinds)]
    closed = t["status"].eq("closed")
    second = is_second_description(t) & ~closed
    return ServiceCount(
        scope=scope,
        rows=len(t),
        closed_rows=int(closed.sum()),
        second_descriptions=int(second.sum()),
        services=int((~closed & ~second).sum()),
        counted=int(counted(t, assumptions).sum()) if len(t) else 0,
    )


@dataclass(frozen=True)
class NoTeamCount:
    """Areas with no counted team, split as the map's legend splits them (``gaps.finish``)."""

    areas: int  # areas with no counted team
    none_listed: int  # ... with nothing listed and no source reporting a team
    reported: int  # ... where a dated source reports a team the directory does not list
    listed_not_counted: int = 0  # ... where no source does, but the directory lists a service that does not count

    def words(self, plural: str) -> str:
        return (
            f"{self.areas} {plural} with no counted team: {self.none_listed} with none listed, {self.reported} where "
            f"a source reports a team the directory does not list, and {self.listed_not_counted} where a service "
            "is listed but not counted"
        )


def count_no_team(table: pd.DataFrame) -> NoTeamCount:
    """Areas of an area table (``gaps.area_table``) with no counted team, split by what is known there."""
    none = table["teams"].eq(0)
    reported = none & table["team_reported"].astype(bool)
    listed = (
        table["uncounted_services"].gt(0) if "uncounted_services" in table.columns else pd.Series(False, table.index)
    )
    uncounted = none & ~reported & listed
    return NoTeamCount(
        int(none.sum()), int((none & ~reported & ~uncounted).sum()), int(reported.sum()), int(uncounted.sum())
    )
