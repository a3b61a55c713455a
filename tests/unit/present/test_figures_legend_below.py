"""A page map's legend sits in a band under the map, never over it; the map keeps the rest."""

from __future__ import annotations

import pytest

from coverage.present.figures import choropleth, fit_zoom
from tests.unit.present.test_figures_boundary_url import URL, table

pytestmark = pytest.mark.unit

BOUNDS = (0.0, 50.0, 3.0, 59.0)  # tall and narrow like the UK, so the height sets the zoom


def tall(codes):
    return table(codes).assign(max_lat=59.0)


def test_legend_below_takes_a_band_of_the_figure_and_the_zoom_fits_what_is_left():
    fig = choropleth(URL, tall(["A", "B"]), "reach", height=620, legend_below=130)
    assert fig.layout.height == 620 and fig.layout.margin.b == 130
    legend = fig.layout.legend
    assert (legend.orientation, legend.yref, legend.yanchor, legend.y) == ("h", "container", "bottom", 0)
    assert fig.layout.map.zoom == fit_zoom(BOUNDS, height=490)[1]
    assert fig.layout.map.zoom != fit_zoom(BOUNDS, height=620)[1]  # the band is really taken off


def test_by_default_the_legend_sits_in_the_map_corner_as_exports_place_it():
    fig = choropleth(URL, tall(["A", "B"]), "reach", height=620)
    assert fig.layout.margin.b == 0 and fig.layout.legend.yref is None
    assert (fig.layout.legend.x, fig.layout.legend.y) == (0.01, 0.99)
    assert fig.layout.map.zoom == fit_zoom(BOUNDS, height=620)[1]
