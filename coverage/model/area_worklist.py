"""The area worklist: where the sources and the directory disagree, or say nothing.

Each row is an area, named by code and name, with each disagreement in words and the action
that would settle it: a source reports a team the directory does not list; a dated report
found none where a team is now listed (or none is listed yet); a Family Hubs and Start for Life
authority with no team listed; an area a listed team served only for a fixed term; a nation or
region with no team listed at all. Ordered by level (nations and regions first, where a whole
part of the map is blank) and then by need, since an area with more need matters more to the map.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from coverage.model.levels import ATOM_COLUMN
from coverage.model.reports import NONE_FOUND, TEAM_REPORTED

COLUMNS = ["level", "area_code", "area_name", "nation", "need_per_year", "disagreement", "action", "sources"]
LEVEL_ORDER = {"nation": 0, "region": 1, "health": 2, "utla": 3, "lad": 4}
FAMILY_HUBS_SOURCE = "Family Hubs and Start for Life local authorities, April 2022 list (DfE and DHSC)"


def listed_not_counted(services: pd.DataFrame, is_counted: pd.Series, atoms: pd.DataFrame, index: dict) -> dict:
    """(level, area code) -> 'Name (kind)' of each open service listed there that does not count.

    So an area with no counted team but a listed borderline or other service says so, rather than
    reading as if nothing were listed (Kent's county-commissioned PIMHS, for one)."""
    out: dict[tuple[str, str], list[str]] = {}
    open_uncounted = services[~is_counted & services["status"].ne("closed")]
    for name, kind, level, codes in zip(
        open_uncounted["name"], open_uncounted["kind"], open_uncounted["area_level"], open_uncounted["area_codes"]
    ):
        groups = index.get(level, {})
        parts = [groups[c] for c in codes if c in groups]
        if not parts:
            continue
        rows = atoms.iloc[np.unique(np.concatenate(parts))]
        for lv, column in ATOM_COLUMN.items():
            for code in dict.fromkeys(rows[column]):
                out.setdefault((lv, code), []).append(f"{name} ({kind})")
    return out


def _add(found: dict, level: str, code: str, words: str, action: str, source: str) -> None:
    found.setdefault((level, code), []).append((words, action, source))


def _report_rows(found: dict, reports: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> None:
    for r in reports.itertuples():
        table = tables[r.area_level].set_index("area_code")
        codes = [c for c in str(r.area_codes).split(";") if c in table.index]
        listed = [c for c in codes if table.at[c, "teams"] > 0]
        for code in codes:
            if r.kind == TEAM_REPORTED and code not in listed:
                _add(
                    found,
                    r.area_level,
                    code,
                    f"a source ({r.seen}) reports a team here, but the directory lists none",
                    "ask the network for the team's name and add it with Suggest a new team",
                    r.source_url,
                )
            elif r.kind == NONE_FOUND and code in listed:
                _add(
                    found,
                    r.area_level,
                    code,
                    f"a dated report ({r.seen}) found no team here, but a team is now listed",
                    "check which is right: ask the listed team whether it serves this area",
                    r.source_url,
                )
            elif r.kind == NONE_FOUND:
                _add(
                    found,
                    r.area_level,
                    code,
                    f"a dated report ({r.seen}) found no team here, and none is listed",
                    "ask the network whether a team has started since",
                    r.source_url,
                )
        if r.kind == NONE_FOUND:
            _nation_beside_listed(found, r, codes, table, tables["nation"])


def _nation_beside_listed(found: dict, report, codes: list[str], table: pd.DataFrame, nations: pd.DataFrame) -> None:
    """A report of none across most of a nation where other parts have teams listed: say so at the nation.

    Only a report covering more than half the nation's areas at its level speaks for the nation (a
    report on one English region does not)."""
    for nation in sorted(set(table.loc[codes, "nation"])):
        row = nations[nations["area_name"] == nation]
        share = sum(table.loc[codes, "nation"].eq(nation)) / max(1, int(table["nation"].eq(nation).sum()))
        if row.empty or int(row["teams"].iloc[0]) == 0 or share <= 0.5:
            continue
        names = "; ".join(table.loc[codes, "area_name"])
        _add(
            found,
            "nation",
            row["area_code"].iloc[0],
            f"a dated report ({report.seen}) found no team in {names}, while the directory lists "
            f"{int(row['teams'].iloc[0])} team(s) elsewhere in {nation}",
            "ask the network whether the report or the listing is out of date",
            report.source_url,
        )


def _empty_rows(found: dict, tables: dict[str, pd.DataFrame], flags: pd.DataFrame, names: dict[str, str]) -> None:
    nation_codes = set(tables["nation"]["area_code"])
    for level, what in (("nation", "nation"), ("region", "region")):
        empty = tables[level][tables[level]["teams"].eq(0)]
        if level == "region":  # Wales, Scotland and Northern Ireland are their own region: said once, as a nation
            empty = empty[~empty["area_code"].isin(nation_codes)]
        for r in empty.itertuples():
            _add(
                found,
                level,
                r.area_code,
                f"no team listed anywhere in the {what}",
                "ask the network's leads there whether any team runs",
                "",
            )
    councils = tables["utla"]
    for r in councils[councils["family_hubs"].astype(bool) & councils["teams"].eq(0)].itertuples():
        _add(
            found,
            "utla",
            r.area_code,
            "a Family Hubs and Start for Life authority with no team listed",
            "ask the council's Start for Life lead whether it funds a parent-infant relationship team",
            FAMILY_HUBS_SOURCE,
        )
    for f in flags[flags["flag"].eq("fixed_term_area") & flags["area_codes"].ne("")].itertuples():
        for code in f.area_codes.split(";"):
            _add(
                found,
                f.area_level,
                code,
                f"{names.get(f.team_id, f.team_id)} served it for a fixed term only: {f.detail}",
                "ask the team whether it still serves the area",
                f.source_url,
            )


def area_worklist(
    tables: dict[str, pd.DataFrame],
    reports: pd.DataFrame,
    flags: pd.DataFrame,
    names: dict[str, str],
    uncounted: dict | None = None,
) -> pd.DataFrame:
    """One row per area with a disagreement, nations and regions first, then by need.

    ``names`` maps team ids to names, so a flag's team is named as a reader knows it; ``uncounted``
    (from :func:`listed_not_counted`) names the services listed in an area that do not count."""
    found: dict[tuple[str, str], list] = {}
    _report_rows(found, reports, tables)
    _empty_rows(found, tables, flags, names)
    rows = []
    for (level, code), items in found.items():
        area = tables[level].set_index("area_code").loc[code]
        also = (uncounted or {}).get((level, code), [])
        if also and int(area["teams"]) == 0:  # something is listed, just not counted: say which, and say "counted"
            items = [
                (w.replace("no team listed", "no counted team listed").replace("lists none", "counts none"), a, s)
                for w, a, s in items
            ]
            items.append((f"a service is listed here, not counted as a specialised team: {'; '.join(also)}", "", ""))
        rows.append(
            {
                "level": level,
                "area_code": code,
                "area_name": area["area_name"],
                "nation": area["nation"],
                "need_per_year": int(round(float(area["need_per_year"]))),
                "disagreement": "; ".join(dict.fromkeys(w for w, _, _ in items)),
                "action": "; ".join(dict.fromkeys(a for _, a, _ in items if a)),
                "sources": " ; ".join(dict.fromkeys(s for _, _, s in items if s)),
            }
        )
    out = pd.DataFrame(rows, columns=COLUMNS)
    if out.empty:
        return out
    out["_order"] = out["level"].map(LEVEL_ORDER)
    out = out.sort_values(["_order", "need_per_year", "area_name"], ascending=[True, False, True], kind="stable")
    return out.drop(columns="_order").reset_index(drop=True)
