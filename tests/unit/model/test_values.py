"""Missing values and cell text: the one NaN test."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from coverage.model.values import cell_text, missing


@pytest.mark.parametrize("value", [None, math.nan, np.float64("nan"), pd.NA, pd.NaT])
def test_missing_values(value):
    assert missing(value)


@pytest.mark.parametrize("value", ["", 0, 0.0, "nan", (), False, math.inf])
def test_present_values_even_when_empty_or_zero(value):
    assert not missing(value)


@pytest.mark.parametrize(
    "value,text",
    [
        (("E06000001", "E06000002"), "E06000001;E06000002"),
        ((), ""),
        (math.nan, ""),
        (None, ""),
        (277.0, "277"),
        (12.5, "12.5"),
        (np.float64(90.0), "90"),
        ("active", "active"),
    ],
)
def test_cell_text(value, text):
    assert cell_text(value) == text
