"""The Change over time chart on a two-year table worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from coverage.model.timeline import PublishedCount
from coverage.present.timeline_figure import timeline_chart

pytestmark = pytest.mark.unit

LISTED = pd.DataFrame({"year": [2024, 2025], "running_start_known": [3, 4], "start_unknown": [2, 1]})
PUBLISHED = [PublishedCount(2025.5, "June <2025>", "United Kingdom", 9, "a source")]


def test_known_and_unknown_starts_stack_and_the_published_count_is_a_labelled_point():
    fig = timeline_chart(LISTED, PUBLISHED, title="Teams")
    known, unknown, published = fig.data
    assert fig.layout.barmode == "stack"
    assert list(known.y) == [3, 4] and list(unknown.y) == [2, 1]  # 5 and 5 listed in all
    assert unknown.marker.pattern.shape == "/"  # the unknown-start band is hatched
    assert list(published.x) == [2025.5] and list(published.text) == ["9"]
    assert list(published.hovertext) == ["June &lt;2025&gt;: 9 teams (published)"]  # read as text
    assert fig.layout.title.text == "Teams" and fig.layout.margin.t == 70


def test_without_published_counts_only_the_listed_bars_are_drawn():
    fig = timeline_chart(LISTED, [])
    assert [t.type for t in fig.data] == ["bar", "bar"]
    assert fig.layout.margin.t == 20
