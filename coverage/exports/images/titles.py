"""What an exported map or chart says it shows, in one line: the titles baked into the images.

Kept apart from the drawing because a title is a claim about the data ("the 15 councils in Wales
with the highest") that must stay true as the data changes, and is tested as words, with no browser.
"""

from __future__ import annotations

from coverage.model.levels import LEVELS
from coverage.present.metrics import METRICS

MAP_TITLES = {
    "reach": "Reach of parent-infant relationship teams",
    "unmet": "Unmet need for parent-infant relationship teams",
    "need": "Need for parent-infant relationship teams",
    "teams_per_10k": "Parent-infant relationship teams per 10,000 births",
    "deprivation": "Deprivation: share of small areas in the nation's most deprived 10%",
}


def map_title(metric_key: str, level: str, where: str = "") -> str:
    """A map's title: the metric in words, the level, and where (a nation) when the map shows one."""
    what = MAP_TITLES.get(metric_key, METRICS[metric_key].label)
    return f"{what}, by {LEVELS[level].label.lower()}" + (f", {where}" if where else "")


def place(table, level: str) -> str:
    """Where a table's areas are, for a title: "Wales" when they are all in one nation, else ""."""
    nations = table["nation"].dropna().unique() if "nation" in table else []
    return str(nations[0]) if len(nations) == 1 and level != "nation" else ""


def chart_title(label: str, level: str, shown: int, known: int, where: str = "", same: str = "") -> str:
    """What the chart shows, and only that: "Reach in all 12 regions shown, highest first", "Reach: the 15
    councils in Wales with the highest, of 22", or, when every area has the same value (``same``), "Reach is
    0% in all 22 councils in Wales" (a ranking of equal values is not a ranking)."""
    plural = LEVELS[level].plural
    at = f" in {where}" if where else ""
    if same:
        return f"{label} is {same} in all {known} {plural}{at}" + (f" ({shown} shown)" if shown < known else "")
    if shown >= known:
        return f"{label} in all {shown} {plural}{at} shown, highest first"
    return f"{label}: the {shown} {plural}{at} with the highest, of {known}"
