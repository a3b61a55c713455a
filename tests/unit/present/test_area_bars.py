"""Bar charts on Compare, the profile and chart exports: order, bands, labels and reference lines,
checked on a three-area table worked out by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from coverage.present.area_bars import bar_chart

pytestmark = pytest.mark.unit


def _table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "area_code": ["A", "B", "C"],
            "area_name": ["Ashford", "Bexley", "Camden"],
            "teams": [1, 0, 2],
            "reach": [0.10, 0.0, 0.40],
            "reach_low": [0.05, 0.0, 0.30],
            "reach_high": [0.20, 0.0, 0.55],
        }
    )


def _bars_and_labels(fig):
    bars = next(t for t in fig.data if t.type == "bar")
    labels = next(t for t in fig.data if t.type == "scatter")
    return bars, labels


def test_highest_first_puts_the_largest_at_the_top():
    bars, _ = _bars_and_labels(bar_chart(_table(), "reach"))
    # plotly draws the first category at the bottom, so the top bar is the last one
    assert list(bars.y) == ["Bexley", "Ashford", "Camden"]
    bars, _ = _bars_and_labels(bar_chart(_table(), "reach", order="low_first"))
    assert list(bars.y) == ["Camden", "Ashford", "Bexley"]


def test_band_is_drawn_from_low_to_high_around_each_value():
    bars, _ = _bars_and_labels(bar_chart(_table(), "reach"))
    # Bexley 0 (0-0), Ashford 0.10 (0.05-0.20), Camden 0.40 (0.30-0.55)
    assert [round(v, 9) for v in bars.error_x.array] == [0.0, 0.10, 0.15]
    assert [round(v, 9) for v in bars.error_x.arrayminus] == [0.0, 0.05, 0.10]
    assert list(bars.customdata)[-1] == "40.0% (band 30.0% to 55.0%)"


def test_figures_sit_past_the_band_so_the_band_never_crosses_them():
    _, labels = _bars_and_labels(bar_chart(_table(), "reach"))
    assert [round(x, 9) for x in labels.x] == [0.0, 0.20, 0.55]  # each area's band high (or value)
    assert [t.strip("\u2002") for t in labels.text] == ["0%", "10.0%", "40.0%"]
    assert labels.textposition == "middle right" and labels.cliponaxis is False


def test_without_a_band_figures_sit_at_the_bar_end():
    table = _table().assign(unmet_need_per_year=[900.0, 1200.4, 50.0])
    fig = bar_chart(table, "unmet")
    bars, labels = _bars_and_labels(fig)
    assert bars.error_x.array is None
    assert list(labels.x) == list(bars.x) == [50.0, 900.0, 1200.4]
    assert [t.strip("\u2002") for t in labels.text] == ["50", "900", "1,200"]
    assert "band" not in fig.layout.xaxis.title.text


def test_reference_lines_are_labelled_with_their_value():
    fig = bar_chart(_table(), "reach", references=[("UK", 0.027), ("England", 0.02)])
    lines = [s for s in fig.layout.shapes if s.type == "line"]
    assert [s.x0 for s in lines] == [0.027, 0.02]
    assert [a.text for a in fig.layout.annotations] == ["UK 2.7%", "England 2.0%"]


def test_axis_title_is_two_short_lines_so_a_phone_shows_it_whole():
    title = bar_chart(_table(), "reach").layout.xaxis.title.text
    assert all(len(line) <= 28 for line in title.split("<br>")), title


def test_rows_without_a_figure_are_left_out_not_drawn_as_zero():
    table = _table()
    table.loc[1, "reach"] = math.nan
    bars, _ = _bars_and_labels(bar_chart(table, "reach"))
    assert list(bars.y) == ["Ashford", "Camden"]
