"""The metrics a map can show, and how each is cut into classes a reader sees at a glance.

Classed colours (not a continuous ramp) so a legend reads as plain statements: "no team
listed", "team reported, not listed", "team listed: under 5%", ... Palettes are ColorBrewer
sequential ramps, with the Okabe-Ito vermillion for "no team listed" and reddish purple for
"team reported, not listed": distinct from the blues and from each other for people with
any common colour-vision deficiency. The words never say more than the directory shows: an
area with no listed team may still have one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from coverage.present import formats

NO_TEAM_COLOUR = "#D55E00"
REPORTED_COLOUR = "#CC79A7"
# Okabe-Ito yellow: far lighter than the vermillion and the purple for every common colour-vision
# deficiency, and not the team map's orange (borderline markers).
UNCOUNTED_COLOUR = "#F0E442"
NO_TEAM_LABEL = "no team listed"
REPORTED_LABEL = "team reported, not listed"
UNCOUNTED_LABEL = "service listed, not counted"
LISTED_PREFIX = "team listed: "
UNKNOWN_COLOUR = "#BDBDBD"
BLUES = ["#DEEBF7", "#9ECAE1", "#6BAED6", "#3182BD", "#08519C", "#08306B"]
# ColorBrewer Purples from its second step: the first (#F2F0F7) is too close to the white map background.
PURPLES = ["#DADAEB", "#BCBDDC", "#9E9AC8", "#756BB1", "#54278F"]
BROWNS = ["#FFF7BC", "#FEC44F", "#EC7014", "#993404", "#662506"]


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    column: str
    description: str
    fmt: str  # "pct", "int", "dec"
    palette: tuple[str, ...]
    breaks: tuple[float, ...] | None  # fixed upper bounds; None = quantiles of the data
    no_team_class: bool  # areas with no listed team get their own classes (none listed / reported)

    @property
    def is_rate(self) -> bool:
        """A share or a rate (comparable across areas of any size), not a count of families.

        Only rates get UK and nation reference lines: a UK count beside a council's is no reference.
        """
        return self.fmt != "int"


METRICS: dict[str, Metric] = {
    "reach": Metric(
        "reach",
        "Reach of listed teams",
        "reach",
        "Families the listed teams can see a year, as a share of estimated need (a lower bound where "
        "a source reports more teams)",
        "pct",
        tuple(BLUES),
        (0.05, 0.10, 0.25, 0.50, 1.0),
        True,
    ),
    "unmet": Metric(
        "unmet",
        "Unmet need",
        "unmet_need_per_year",
        "Families a year estimated to need specialised help that teams cannot see",
        "int",
        tuple(PURPLES),
        None,
        False,
    ),
    "teams_per_10k": Metric(
        "teams_per_10k",
        "Teams per 10,000 births",
        "teams_per_10k_births",
        "Team-equivalents serving the area per 10,000 births a year",
        "dec",
        tuple(BLUES),
        (0.5, 1.0, 2.0, 4.0),
        True,
    ),
    "need": Metric(
        "need",
        "Need",
        "need_per_year",
        "Families a year estimated to need specialised help",
        "int",
        tuple(PURPLES),
        None,
        False,
    ),
    "deprivation": Metric(
        "deprivation",
        "Deprivation (within nation)",
        "dep_share",
        "Share of small areas in the nation's most deprived 10%; compare only within a nation",
        "pct",
        tuple(BROWNS),
        (0.05, 0.10, 0.20, 0.30),
        False,
    ),
}


QUANTILE_CLASSES = 5  # class_breaks cuts at the 20th, 40th, 60th and 80th percentiles


def most_classes(metric: Metric) -> int:
    """The most classes ``classify`` can give this metric, so a legend's room can be set before the data.

    Value classes (fixed breaks, or quantiles), the three "no team" classes where the metric has them,
    and "unknown".
    """
    values = len(metric.breaks) + 1 if metric.breaks is not None else QUANTILE_CLASSES
    return values + (3 if metric.no_team_class else 0) + 1


def format_value(value: float, fmt: str, trim: bool = False) -> str:
    """Human-readable figure by kind, spelled as ``formats`` spells it everywhere."""
    return formats.value(value, fmt, trim=trim)


def _nice(x: float) -> float:
    """Round a class break to two significant figures so legends read cleanly."""
    if x <= 0:
        return 0.0
    mag = 10 ** (math.floor(math.log10(x)) - 1)
    return round(x / mag) * mag


def class_breaks(metric: Metric, values: pd.Series) -> list[float]:
    if metric.breaks is not None:
        return list(metric.breaks)
    known = values.dropna()
    if known.empty:
        return []
    qs = known.quantile([0.2, 0.4, 0.6, 0.8]).map(_nice)
    return sorted(set(qs))


def classify(metric: Metric, table: pd.DataFrame) -> tuple[pd.Series, list[str], list[str]]:
    """Class index per row, with the label and colour of each class, in legend order.

    Rows with an unknown value get their own "unknown" class; with ``no_team_class``, rows
    with no counted team come first, as "no team listed", "team reported, not listed" (a
    source reports one) or "service listed, not counted" (the directory lists one that does
    not count, ``gaps.STATUS_UNCOUNTED``), and the value classes read "team listed: ...".
    """
    values = table[metric.column].astype(float)
    breaks = class_breaks(metric, values)
    labels, colours = [], []
    lower = 0.0
    palette = (
        list(metric.palette)[-(len(breaks) + 1) :] if len(breaks) + 1 <= len(metric.palette) else list(metric.palette)
    )
    for i, upper in enumerate(breaks + [math.inf]):
        if upper == math.inf:
            labels.append(f"{format_value(lower, metric.fmt, True)} or more")
        elif i == 0:
            labels.append(f"under {format_value(upper, metric.fmt, True)}")
        else:
            labels.append(f"{format_value(lower, metric.fmt, True)} to under {format_value(upper, metric.fmt, True)}")
        colours.append(palette[min(i, len(palette) - 1)])
        lower = upper
    idx = pd.Series(np.searchsorted(np.array(breaks), values.fillna(0).to_numpy(), side="right"), index=table.index)
    offset = 0
    if metric.no_team_class:
        labels = [NO_TEAM_LABEL, REPORTED_LABEL, UNCOUNTED_LABEL] + [LISTED_PREFIX + label for label in labels]
        colours = [NO_TEAM_COLOUR, REPORTED_COLOUR, UNCOUNTED_COLOUR] + colours
        idx = idx + 3
        none_listed = table["teams"] == 0
        reported = table["team_reported"].astype(bool) if "team_reported" in table.columns else False
        uncounted = table["uncounted_services"].gt(0) if "uncounted_services" in table.columns else False
        idx[none_listed] = 0
        idx[none_listed & uncounted] = 2
        idx[none_listed & reported] = 1  # a report comes first, as in gaps.finish
        offset = 3
    unknown = values.isna() & ~(idx < offset)
    if unknown.any():
        labels.append("unknown")
        colours.append(UNKNOWN_COLOUR)
        idx[unknown] = len(labels) - 1
    return idx.astype(int), labels, colours
