"""Every range and cap the atlas accepts, in one place.

The URL parser, the assumptions, the sidebar widgets, the Plan page, scenario files, the directory
checks and the command line all read their limits from here. When they each kept their own copy, a
link could carry a value the engine accepted but a widget refused (``?prev=0.5`` crashed the map
because the slider stops at 40%); one source makes that mismatch impossible.

Values are stored as the engine uses them (shares as fractions of 1, families as counts); a widget
that shows percentages scales the same range with ``percent()``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Range:
    """A closed interval of accepted values, with the widget step and how to say it to a person."""

    low: float
    high: float
    step: float
    what: str  # e.g. "a share of births", used in messages

    def __contains__(self, value: object) -> bool:
        return isinstance(value, (int, float)) and not isinstance(value, bool) and self.low <= value <= self.high

    def nearest(self, value: float) -> float:
        """The closest accepted value (``value`` must be a finite number)."""
        return min(max(value, self.low), self.high)

    def percent(self) -> tuple[float, float, float]:
        """(low, high, step) in percent, for widgets that show a share as 1-40%."""
        return round(self.low * 100, 6), round(self.high * 100, 6), round(self.step * 100, 6)

    def whole_percent(self) -> tuple[int, int, int]:
        """(low, high, step) in whole percent, for sliders that move in whole points."""
        low, high, step = self.percent()
        return round(low), round(high), round(step)

    def describe(self, as_percent: bool = False) -> str:
        if as_percent:
            return f"{self.what} from {self.low:.0%} to {self.high:.0%}"
        return f"{self.what} from {self.low:,g} to {self.high:,g}"


def finite(value: object) -> bool:
    """True for a real number that is not NaN or infinite (and not a bool)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


# Share of births needing specialised help. The sourced band is 10%-22%; users may explore wider,
# but below 1% or above 40% no source supports the figure and the maps stop meaning anything.
PREVALENCE = Range(0.01, 0.40, 0.005, "a share of births")
# Share of need a plan aims to reach ("meets target" status, teams needed).
TARGET_REACH = Range(0.05, 1.0, 0.05, "a share of need")
# Families a year one team sees: a listing's own figure, the assumed size, or a planned team's size.
# The largest published figure is a few hundred; 5,000 (about the whole UK's current capacity)
# catches typing errors without refusing any real team.
FAMILIES_PER_YEAR = Range(1, 5000, 1, "a number of families a year")
# A planned team sized by staff instead of families.
WTE = Range(0.1, 100, 0.5, "whole-time equivalents")
FAMILIES_PER_WTE = Range(1, 500, 1, "families a year per whole-time equivalent")
# Scaling a listed team's capacity in a scenario.
SCALE = Range(0.05, 20, 0.25, "a scale factor")
# A team's yearly cost in pounds. The sourced band is about £147k-£797k (assumptions.COST_PER_TEAM_YEAR);
# £10,000 to £5m takes any real team (the largest published contract is under £1m a year) and refuses typos.
COST_PER_TEAM_YEAR = Range(10_000, 5_000_000, 1_000, "pounds a year per team")
