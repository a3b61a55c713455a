"""Missing values, said once.

A directory cell can be empty in several ways: ``None`` from a form, ``float('nan')`` from pandas
(an unknown families-per-year figure), ``pd.NA``. The old idiom ``x == x`` (False only for NaN)
was written eight times across pages and engine, read as a typo, and missed ``None``; these two
functions replace it.
"""

from __future__ import annotations

import math

import pandas as pd


def missing(value: object) -> bool:
    """True for None, NaN (any float kind) and pandas' NA/NaT; False for everything else, '' included."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def cell_text(value: object) -> str:
    """A directory cell as a person would type it: area codes joined by ';', whole numbers without '.0',
    and a missing value as an empty string."""
    if isinstance(value, (tuple, list)):
        return ";".join(str(v) for v in value)
    if missing(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
