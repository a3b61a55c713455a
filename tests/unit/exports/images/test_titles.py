"""An exported chart's title says what it shows."""

from __future__ import annotations

import pytest

from coverage.exports import images

pytestmark = pytest.mark.unit


def test_chart_titles_say_what_is_shown():
    assert images.chart_title("Reach", "region", 12, 12) == "Reach in all 12 regions shown, highest first"
    assert images.chart_title("Reach", "utla", 15, 218) == "Reach: the 15 councils with the highest, of 218"
