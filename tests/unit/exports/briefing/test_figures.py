"""The briefing's chart note mentions the dashed target line only when the line is drawn."""

from __future__ import annotations

import pandas as pd
import pytest

from coverage.exports.briefing import figures

pytestmark = pytest.mark.unit


def test_briefing_note_only_mentions_a_target_line_that_is_drawn():
    comp = pd.DataFrame({"reach": [0.0, 0.03], "reach_high": [0.0, 0.054]})
    assert figures.target_drawn(comp, 0.05)
    assert "dashed orange line marks the target reach (5% of need)" in figures.target_note(comp, 0.05)
    assert not figures.target_drawn(comp, 1.0)
    assert "not drawn" in figures.target_note(comp, 1.0) and "100%" in figures.target_note(comp, 1.0)
