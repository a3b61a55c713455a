"""How every figure reads, on every page and in every export: one rule per kind of number.

Readers compared "0%" with "0.0%" and "1.48%" with "1.5%" across pages and took the
difference for a difference in the data. So each kind of figure has one spelling here:

- shares (reach, deprivation, targets): one decimal place ("4.0%"), except exactly nothing,
  which is "0%" so an area with no capacity reads differently from one with a little
  ("under 0.1%"); ``trim`` drops a trailing ".0" for round settings and legend bounds ("15%");
- counts of families, babies and births: whole numbers with thousands separators ("2,498");
- small ratios (teams per 10,000 births): two decimal places;
- a count of things with its noun, singular or plural ("1 team", "2 teams"), never "team(s)".

Unknown values (None or NaN) read "unknown": a figure the data lacks is never shown as zero.
"""

from __future__ import annotations

import math

UNKNOWN = "unknown"


def is_unknown(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def percent(share: float | None, *, trim: bool = False) -> str:
    """A share (0.04 = 4%) as "4.0%"; exactly zero as "0%"; a sliver as "under 0.1%"."""
    if is_unknown(share):
        return UNKNOWN
    if share == 0:
        return "0%"
    if 0 < share < 0.0005:
        return "under 0.1%"
    text = f"{share * 100:.1f}"
    if trim and text.endswith(".0"):
        text = text[:-2]
    return text + "%"


def whole(value: float | None) -> str:
    """A count of families, babies or births: "2,498" (rounded half to even, as Python rounds)."""
    if is_unknown(value):
        return UNKNOWN
    text = f"{value:,.0f}"
    return "0" if text == "-0" else text


def decimal(value: float | None, places: int = 2) -> str:
    """A small ratio such as teams per 10,000 births: "0.85"."""
    if is_unknown(value):
        return UNKNOWN
    return f"{value:,.{places}f}"


def signed_whole(value: float) -> str:
    """A change in a count: "+100", "-100", "0"."""
    text = whole(value)
    return text if text.startswith("-") or text == "0" else "+" + text


def points(change: float) -> str:
    """A change in a share, in percentage points: "+4.0 points"."""
    value = round(change * 100, 1)
    if value == 0:
        return "no change"
    return f"{value:+.1f} points"


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """ "1 team", "2 teams", "0 teams"; ``plural`` for irregular nouns ("1 family", "3 families")."""
    n = int(n)
    return f"{n:,} {noun if n == 1 else (plural or noun + 's')}"


def money(pounds: float) -> str:
    return f"£{pounds:,.0f}"


def file_size(n_bytes: int) -> str:
    """A download's size as a person reads it: "900 bytes", "212 KB", "1.4 MB" (1 KB = 1,000 bytes)."""
    if n_bytes < 1_000:
        return counted(n_bytes, "byte")
    if n_bytes < 1_000_000:
        return f"{n_bytes / 1_000:,.0f} KB"
    return f"{n_bytes / 1_000_000:,.1f} MB"


def value(figure: float | None, kind: str, *, trim: bool = False) -> str:
    """A metric's figure by its kind: "pct", "int" or "dec" (the kinds in ``metrics.METRICS``)."""
    if kind == "pct":
        return percent(figure, trim=trim)
    if kind == "int":
        return whole(figure)
    if is_unknown(figure):
        return UNKNOWN
    return decimal(figure).rstrip("0").rstrip(".") if trim else decimal(figure)


def change(before: float, after: float, kind: str) -> str:
    """ "0% → 4.0%", "2,498 → 2,398": a before and after in one spelling."""
    return f"{value(before, kind)} → {value(after, kind)}"
