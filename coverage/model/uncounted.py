"""Services the directory lists in an area that do not count as teams there, and why, in words.

Kent's profile said "no team listed" while the same page listed PIMHS Kent, a county-wide
service not counted because it is borderline (#20). An area whose only listed services do not
count is neither "no team listed" nor "team listed": its state names what is listed and why it
is left out, so a reader does not take the gap for a blank in the directory. The counts stay
as they are; only the words change.

A closed service serves nobody, so it never makes an area "listed"; a row describing a service
another row stands for is folded into that service first (``services.fold_services``).
"""

from __future__ import annotations

import pandas as pd

from coverage.model.assumptions import Assumptions
from coverage.model.capacity import counted
from coverage.model.directory import CONFIDENCE_WORDS

# Why a listed service is left out, shortest words first in the order the counting rule checks.
KIND_REASONS = {
    "borderline": "borderline",
    "other": "another kind of parent-infant service",
}
STATE_WORDS_ONE = "a service is listed here, not counted as a specialised team: {reasons}"
STATE_WORDS_MANY = "{n} services are listed here, not counted as specialised teams: {reasons}"


def listed_not_counted(services: pd.DataFrame, assumptions: Assumptions) -> pd.Series:
    """Folded services that are open, name areas, and do not count under the assumptions."""
    if services.empty:
        return pd.Series(False, index=services.index)
    return services["status"].ne("closed") & services["area_codes"].map(len).gt(0) & ~counted(services, assumptions)


def reason(row, assumptions: Assumptions) -> str:
    """Why one open, listed service does not count, in a few plain words (not the directory's codes)."""
    if row.kind not in assumptions.counted_kinds:
        return KIND_REASONS.get(row.kind, row.kind)
    if row.status == "unknown" and not assumptions.count_unknown_status:
        return "not known whether it is still running"
    if row.confidence not in assumptions.counted_confidence:
        return f"listing {CONFIDENCE_WORDS.get(row.confidence, row.confidence)}"
    if assumptions.evidence_since is not None:
        return f"no dated evidence from {assumptions.evidence_since} on"
    return "left out by the counting choices"


def reasons(services: pd.DataFrame, assumptions: Assumptions) -> pd.Series:
    """The reason for each folded service (indexed by team_id), for those that do not count."""
    chosen = services[listed_not_counted(services, assumptions)]
    return pd.Series([reason(r, assumptions) for r in chosen.itertuples()], index=chosen["team_id"], dtype=object)


def state_words(n_services: int, reason_text: str) -> str:
    """The area's state in words: "a service is listed here, not counted as a specialised team: borderline".

    ``reason_text`` is the area's distinct reasons joined by "; " (``gaps`` carries it per area).
    Blank where nothing uncounted is listed.
    """
    if n_services <= 0:
        return ""
    if n_services == 1:
        return STATE_WORDS_ONE.format(reasons=reason_text)
    return STATE_WORDS_MANY.format(n=n_services, reasons=reason_text)
