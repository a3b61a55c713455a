"""A page map's legend sits in a band under the map, never over it; the map keeps the rest."""

from __future__ import annotations

import pytest

from coverage.present.figures import choropleth, fit_zoom, legend_band
from coverage.present.metrics import METRICS, most_classes
from tests.unit.present.test_figures_boundary_url import URL, table

pytestmark = pytest.mark.unit

BOUNDS = (0.0, 50.0, 3.0, 59.0)  # tall and narrow like the UK, so the height sets the zoom


def tall(codes):
    return table(codes).assign(max_lat=59.0)


def test_legend_below_takes_a_band_of_the_figure_and_the_zoom_fits_what_is_left():
    fig = choropleth(URL, tall(["A", "B"]), "reach", height=620, legend_below=130)
    assert fig.layout.height == 620 and fig.layout.margin.b == 130
    legend = fig.layout.legend
    # From the band's top, 4 px under the map: (130 - 4) / 620 of the figure's height up from its foot.
    assert (legend.orientation, legend.yref, legend.yanchor) == ("h", "container", "top")
    assert legend.y == pytest.approx(126 / 620)
    assert fig.layout.map.zoom == fit_zoom(BOUNDS, height=490)[1]
    assert fig.layout.map.zoom != fit_zoom(BOUNDS, height=620)[1]  # the band is really taken off


def test_by_default_the_legend_sits_in_the_map_corner_as_exports_place_it():
    fig = choropleth(URL, tall(["A", "B"]), "reach", height=620)
    assert fig.layout.margin.b == 0 and fig.layout.legend.yref is None
    assert (fig.layout.legend.x, fig.layout.legend.y) == (0.01, 0.99)
    assert fig.layout.map.zoom == fit_zoom(BOUNDS, height=620)[1]


def test_a_band_holds_one_entry_a_line_under_the_title():
    # 4 px gap + 10 px padding + 20 px a line for the title and each entry.
    assert legend_band(9) == 4 + 10 + 20 * 10 == 214
    assert legend_band(0) == 34


def test_most_classes_counts_value_no_team_and_unknown_classes():
    # reach: 5 fixed breaks -> 6 value classes, + 3 no-team classes, + unknown.
    assert most_classes(METRICS["reach"]) == 10
    # unmet need: quantiles at 20/40/60/80% -> at most 5 classes, no no-team classes, + unknown.
    assert most_classes(METRICS["unmet"]) == 6
    # deprivation: 4 fixed breaks -> 5, + unknown.
    assert most_classes(METRICS["deprivation"]) == 6
