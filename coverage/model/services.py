"""One service, counted once: directory rows grouped by ``same_service_as``, and evidence age.

The directory keeps every row a source gave (two names for one Norfolk service; the old
Halton and Warrington name of Mersey Care's BABS), because each carries its own source. A row
whose ``same_service_as`` names another is a second description of that service: it adds
its areas to the service and never counts as a team of its own. The row it names stands for
the service (its status, kind, confidence and families a year are the service's).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

GROUP = "same_service_as"


def is_second_description(teams: pd.DataFrame) -> pd.Series:
    """Rows that describe a service another row stands for."""
    if GROUP not in teams.columns:
        return pd.Series(False, index=teams.index)
    return teams[GROUP].fillna("").str.strip().ne("")


def service_of(teams: pd.DataFrame) -> pd.Series:
    """The team_id that stands for each row's service (itself unless grouped)."""
    group = teams[GROUP].fillna("").str.strip() if GROUP in teams.columns else pd.Series("", index=teams.index)
    return group.where(group.ne(""), teams["team_id"])


def _row_evidence_year(teams: pd.DataFrame) -> pd.Series:
    verified = pd.to_numeric(teams["last_verified"].fillna("").str[:4], errors="coerce")
    established = pd.to_numeric(teams["year_established"].fillna(""), errors="coerce")
    return pd.concat([verified, established], axis=1).max(axis=1)


def evidence_year(teams: pd.DataFrame) -> pd.Series:
    """The latest year any evidence places the service in operation (NaN = no dated evidence).

    A row's evidence is its ``last_verified`` date (a dated source showing it working) or its
    ``year_established``; a service takes the latest over all the rows that describe it.
    """
    if "evidence_year" in teams.columns:  # already folded: the group's year is carried
        return teams["evidence_year"].astype(float)
    if teams.empty:
        return pd.Series(dtype=float)
    own = _row_evidence_year(teams)
    latest = own.groupby(service_of(teams)).max()
    return service_of(teams).map(latest).astype(float)


def evidence_year_text(year: float) -> str:
    """A service's evidence year as shown on listings and profiles."""
    return "no dated evidence" if year != year or year is None else str(int(year))


def fold_services(teams: pd.DataFrame) -> pd.DataFrame:
    """One row per service: grouped rows' areas joined onto the row that stands for it.

    Capacity stays the standing row's (one service, one team's families a year); its area
    codes become the union, in first-seen order, so a team serving Halton and Warrington
    under an old name serves them under its current one.
    """
    out = teams.copy()
    out["evidence_year"] = evidence_year(teams)
    second = is_second_description(out)
    out["described_by"] = out["team_id"]
    if not second.any():
        return out.reset_index(drop=True)
    owner = service_of(out)
    extra = out[second].groupby(owner[second])
    codes = extra["area_codes"].agg(lambda s: tuple(c for codes in s for c in codes))
    names = extra["team_id"].agg(lambda s: ";".join(s))
    primary = out[~second].copy()
    joined = primary["team_id"].map(codes)
    primary["area_codes"] = [
        tuple(dict.fromkeys(own + (more if isinstance(more, tuple) else ())))
        for own, more in zip(primary["area_codes"], joined)
    ]
    also = primary["team_id"].map(names).fillna("")
    primary["described_by"] = np.where(also.ne(""), primary["team_id"] + ";" + also, primary["team_id"])
    return primary.reset_index(drop=True)
