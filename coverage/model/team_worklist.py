"""The team worklist: one row per service, each problem in plain words with the action that fixes it.

For the network's coordinator, regional leads and the teams themselves: what to check, and in
what order. Counted services come first, ordered by the need (families a year) in the areas
they serve, because the map's figures lean on them most; services not counted follow, by the
same need, and closed ones last. Each row says why it is in its place.
"""

from __future__ import annotations

import pandas as pd

from coverage.model.assumptions import Assumptions
from coverage.model.capacity import counted
from coverage.model.listing_flags import FLAG_WORDS
from coverage.model.services import fold_services

COLUMNS = [
    "rank",
    "team_id",
    "name",
    "nation",
    "counted",
    "kind",
    "status",
    "evidence_year",
    "link_state",
    "families_source",
    "need_served",
    "problems",
    "action",
    "why_here",
]
LINK_PROBLEMS = {  # link state -> (problem, action); {date} is the last check
    "dead": ("website not answering at the last check ({date})", "find its new page"),
    "moved": ("website moved at the last check ({date})", "update the address"),
    "not a web address": ("website is not a web address", "correct the address"),
    "not yet checked": ("website not yet checked", "run the link check"),
    "no website listed": ("no website listed", "find its page"),
}


def need_served(services: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> pd.Series:
    """Families a year of need in the areas each service names (its declared level's area table)."""
    need = {lv: dict(zip(t["area_code"], t["need_per_year"])) for lv, t in tables.items()}
    return pd.Series(
        [
            sum(need.get(lv, {}).get(c, 0.0) for c in codes)
            for lv, codes in zip(services["area_level"], services["area_codes"])
        ],
        index=services.index,
        dtype=float,
    )


def _not_counted_reason(row, assumptions: Assumptions, since: int | None) -> str:
    if row.kind not in assumptions.counted_kinds:
        return f"kind: {row.kind}"
    if row.confidence not in assumptions.counted_confidence:
        return f"listing {row.confidence}"
    if row.status == "unknown" and not assumptions.count_unknown_status:
        return "status unknown"
    if not row.area_codes:
        return "no mapped area"
    if since is not None:
        return f"no dated evidence from {since} on"
    return "the sidebar's choices"


def problems_of(row, since: int, checked_on: str, flags: pd.DataFrame) -> list[tuple[str, str]]:
    """(problem, action) pairs for one service, in the order a person would work through them."""
    out = []
    for flag, detail, seen in zip(flags["flag"], flags["detail"], flags["seen"]):
        words, action = FLAG_WORDS[flag]
        when = f" in {seen[:4]}" if flag == "funder_ended" and seen else (f" ({seen})" if seen else "")
        out.append((f"{words}{when}: {detail}", action))
    if row.status == "closed":
        return out
    year = row.evidence_year
    if year != year:
        out.append(("no dated evidence", "ask the team to confirm its listing"))
    elif year < since:
        out.append((f"no dated evidence since {int(year)}", "ask the team to confirm its listing"))
    if row.status == "unknown":
        out.append(("status unknown", "ask the team whether it still runs"))
    if row.families_per_year != row.families_per_year:
        out.append(("families a year assumed", "ask the team how many families it sees a year"))
    if row.confidence == "unconfirmed":
        out.append(("listing unconfirmed", "find a public source or ask the team"))
    problem, action = LINK_PROBLEMS.get(row.link_state, ("", ""))
    if problem:
        out.append((problem.format(date=checked_on or "never"), action))
    return out


def team_worklist(
    teams: pd.DataFrame,
    assumptions: Assumptions,
    tables: dict[str, pd.DataFrame],
    link_states: pd.DataFrame,
    checked_on: str,
    flags: pd.DataFrame,
    since: int,
) -> pd.DataFrame:
    """Every service in the directory, worst-needed checks first, with the reason for its place."""
    s = fold_services(teams)
    s["is_counted"] = counted(s, assumptions).to_numpy()
    s["need_served"] = need_served(s, tables).round(0)
    s["link_state"] = s["team_id"].map(dict(zip(link_states["team_id"], link_states["link_state"])))
    s["link_state"] = s["link_state"].fillna("not yet checked")
    s["group"] = [0 if c else (2 if st == "closed" else 1) for c, st in zip(s["is_counted"], s["status"])]
    s = s.sort_values(["group", "need_served", "name"], ascending=[True, False, True], kind="stable")
    s = s.reset_index(drop=True)
    rows = []
    n_counted = int(s["is_counted"].sum())
    for i, row in enumerate(s.itertuples(), start=1):
        found = problems_of(row, since, checked_on, flags[flags["team_id"].isin(row.described_by.split(";"))])
        need = f"the areas it serves need about {row.need_served:,.0f} families a year"
        if row.group == 0:
            why = f"counted: {need}, number {i} of the {n_counted} counted services by need"
        elif row.group == 1:
            why = f"not counted ({_not_counted_reason(row, assumptions, assumptions.evidence_since)}): after the counted services; {need}"
        else:
            why = "closed: listed last, kept for its history"
        rows.append(
            {
                "rank": i,
                "team_id": row.team_id,
                "name": row.name,
                "nation": row.nation,
                "counted": "yes" if row.is_counted else "no",
                "kind": row.kind,
                "status": row.status,
                "evidence_year": "" if row.evidence_year != row.evidence_year else str(int(row.evidence_year)),
                "link_state": row.link_state,
                "families_source": "reported" if row.families_per_year == row.families_per_year else "assumed",
                "need_served": int(row.need_served),
                "problems": "; ".join(p for p, _ in found) or "none found",
                "action": "; ".join(dict.fromkeys(a for _, a in found)) or "none",
                "why_here": why,
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)
