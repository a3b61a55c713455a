"""The briefing's chart note mentions the dashed target line only when the line is drawn."""

from __future__ import annotations

import pandas as pd
import pytest

from coverage.exports import briefing, images

pytestmark = pytest.mark.unit


def test_briefing_note_only_mentions_a_target_line_that_is_drawn():
    comp = pd.DataFrame({"reach": [0.0, 0.03], "reach_high": [0.0, 0.054]})
    assert briefing.target_drawn(comp, 0.05)
    assert "dashed orange line marks the target reach (5% of need)" in briefing.target_note(comp, 0.05)
    assert not briefing.target_drawn(comp, 1.0)
    assert "not drawn" in briefing.target_note(comp, 1.0) and "100%" in briefing.target_note(comp, 1.0)


def test_chart_titles_say_what_is_shown():
    assert images.chart_title("Reach", "region", 12, 12) == "Reach in all 12 regions shown, highest first"
    assert images.chart_title("Reach", "utla", 15, 218) == "Reach: the 15 councils with the highest, of 218"
