"""Which services count, and over which atoms each one's families are shared: the counting step of the figures.

An area table (``gaps.area_table``) is made in two steps. The first, here, picks the services
that count (kind, confidence, status, evidence age), the open listed ones that do not (and why),
and shares each service over the atoms it serves by births. It depends only on the counting
choices and the births basis (``Assumptions.counting_choices``). The second scales and sums:
need from prevalence, capacity from each team's families a year, teams needed from the target.

A visitor moving the prevalence, team-size, cost or target control changes only the second
step, so a caller that keeps a ``Counting`` for the counting choices (the pages cache one per
choices) pays only for the scaling and the sums on each new value, and every level and the UK
summary made under those choices share one counting step.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from coverage.model.assumptions import Assumptions
from coverage.model.atlas import Atlas
from coverage.model.capacity import counted, team_weights
from coverage.model.population import annual_births
from coverage.model.services import fold_services
from coverage.model.uncounted import listed_not_counted, reasons


@dataclass(frozen=True)
class Counting:
    """The counting step under one set of counting choices (shared between callers: read, never changed)."""

    choices: Assumptions  # the ``counting_choices()`` it was made under
    births: pd.Series  # annual births per atom under the births basis
    services: pd.DataFrame  # the services that count, one row each (grouped rows folded)
    weights: pd.DataFrame  # (team_id, atom, weight, known): each counted service's share of its births per atom
    uncounted: pd.DataFrame  # (team_id, atom, weight, reason): open listed services that do not count

    def check(self, assumptions: Assumptions) -> None:
        """Refuse to be used for assumptions whose counting choices differ from the ones it was made under."""
        if assumptions.counting_choices() != self.choices:
            raise ValueError("this counting step was made under other counting choices than these assumptions")


def uncounted_weights(
    atlas: Atlas, assumptions: Assumptions, births: pd.Series, services: pd.DataFrame
) -> pd.DataFrame:
    """(service, atom) pairs for open listed services that do not count, with why each does not."""
    chosen = services[listed_not_counted(services, assumptions)]
    weights = team_weights(chosen, atlas.atoms, births, atlas.atom_index, assumptions.min_part_share)
    weights["reason"] = weights["team_id"].map(reasons(chosen, assumptions)).astype(object)
    return weights


def counting(atlas: Atlas, assumptions: Assumptions, teams: pd.DataFrame | None = None) -> Counting:
    """The counting step for these assumptions (only their counting choices and births basis are read).

    ``teams`` replaces the atlas's directory (a scenario's edited one); by default the atlas's
    services, folded once per atlas (``Atlas.services``), are used.
    """
    services = atlas.services if teams is None else fold_services(teams)
    births, _notes = annual_births(atlas.atoms, assumptions)
    chosen = services[counted(services, assumptions)].reset_index(drop=True)
    weights = team_weights(chosen, atlas.atoms, births, atlas.atom_index, assumptions.min_part_share)
    known = chosen.set_index("team_id")["families_per_year"].notna()
    weights["known"] = weights["team_id"].map(known).fillna(False).astype(bool)
    uncounted = uncounted_weights(atlas, assumptions, births, services)
    return Counting(assumptions.counting_choices(), births, chosen, weights, uncounted)
