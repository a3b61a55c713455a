"""Assumptions refuse values outside their ranges."""

from __future__ import annotations

import pytest

from coverage.model.assumptions import Assumptions
from coverage.model.gaps import area_table


def test_bad_assumptions_are_refused():
    with pytest.raises(ValueError, match="prevalence"):
        Assumptions(prevalence=1.5)
    with pytest.raises(ValueError, match="births_basis"):
        Assumptions(births_basis="guess")
    with pytest.raises(ValueError, match="unknown level"):
        area_table(None, "ward", Assumptions())
