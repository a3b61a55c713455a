"""The change report: what a refresh changed, for the person who has to say "yes, ship it".

Compares the atlas built before and after, under the default assumptions: each source's
vintage, UK and per-nation 1001-days population and need, the councils whose 1001-days
population or need moved most, and the areas added or removed at every level (boundary
changes). Plain text, so it prints to a terminal and saves as Markdown alike.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from coverage.model.assumptions import Assumptions
from coverage.model.atlas import load_atlas
from coverage.model.gaps import area_table, summary

TOP = 10
MOVER_LEVEL = "utla"


def _vintages(manifest: dict) -> dict[str, str]:
    return {s.get("title", s.get("id", "?")): s.get("vintage", "") for s in manifest.get("sources", [])}


def _pct(before: float, after: float) -> str:
    return f"{(after - before) / before:+.1%}" if before else "new"


def _movers(before: pd.DataFrame, after: pd.DataFrame, column: str) -> list[str]:
    joined = before[["area_code", "area_name", column]].merge(
        after[["area_code", column]], on="area_code", suffixes=("_before", "_after")
    )
    joined["change"] = joined[f"{column}_after"] - joined[f"{column}_before"]
    joined = joined.reindex(joined["change"].abs().sort_values(ascending=False, kind="stable").index).head(TOP)
    return [
        f"- {r.area_name} ({r.area_code}): {getattr(r, column + '_before'):,.0f} -> "
        f"{getattr(r, column + '_after'):,.0f} ({r.change:+,.0f}, "
        f"{_pct(getattr(r, column + '_before'), getattr(r, column + '_after'))})"
        for r in joined.itertuples()
        if r.change != 0
    ] or ["- no change"]


def change_report(before_dir: Path, after_dir: Path, title: str = "Refresh change report") -> str:
    """Markdown comparing the atlas in ``before_dir`` with the one in ``after_dir``."""
    a = Assumptions()
    before, after = load_atlas(before_dir), load_atlas(after_dir)
    lines = [f"# {title}", "", "## Source vintages", ""]
    old, new = _vintages(before.manifest), _vintages(after.manifest)
    for name in list(dict.fromkeys([*old, *new])):
        was, now = old.get(name, "(absent)"), new.get(name, "(absent)")
        lines.append(f"- {name}: {was}" + ("" if was == now else f" -> **{now}**"))
    lines += ["", "## UK and nations (default assumptions)", ""]
    lines.append("| area | 1001-days population before | after | change | need a year before | after | change |")
    lines.append("|---|---|---|---|---|---|---|")
    sb, sa = summary(before, a), summary(after, a).set_index("area_code")
    for r in sb.itertuples():
        pop_after = sa.loc[r.area_code, "population_1001"] if r.area_code in sa.index else float("nan")
        need_after = sa.loc[r.area_code, "need_per_year"] if r.area_code in sa.index else float("nan")
        lines.append(
            f"| {r.area_name} | {r.population_1001:,.0f} | {pop_after:,.0f} | {_pct(r.population_1001, pop_after)} "
            f"| {r.need_per_year:,.0f} | {need_after:,.0f} | {_pct(r.need_per_year, need_after)} |"
        )
    tb, ta = area_table(before, MOVER_LEVEL, a), area_table(after, MOVER_LEVEL, a)
    lines += ["", f"## Councils whose 1001-days population moved most (top {TOP})", ""]
    lines += _movers(tb, ta, "population_1001")
    lines += ["", f"## Councils whose need moved most (top {TOP})", ""]
    lines += _movers(tb, ta, "need_per_year")
    lines += ["", "## Areas added or removed", ""]
    changed = False
    for level in sorted(set(before.areas["level"]) | set(after.areas["level"])):
        was = set(before.areas.loc[before.areas["level"] == level, "area_code"])
        now = set(after.areas.loc[after.areas["level"] == level, "area_code"])
        if was != now:
            changed = True
            lines.append(f"- {level}: added {sorted(now - was) or 'none'}; removed {sorted(was - now) or 'none'}")
    if not changed:
        lines.append("- none: every level has the same areas")
    return "\n".join(lines) + "\n"
