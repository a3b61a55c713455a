"""The Plan page's pick-an-area map keeps its legend in a band under the map, as the home map does:
in the map's corner it covered northern Scotland on a phone (#12), at 1366 and 390 px; the band is
sized for reach's longest legend, so the map keeps its height on a phone too."""

from __future__ import annotations

import pytest
from test_pages import VIEWPORTS

from tests.support.browser import PHONE, SCREENSHOTS

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", list(VIEWPORTS.values()), ids=list(VIEWPORTS))
def test_plan_map_legend_sits_below_the_map(page, viewport):
    width = "phone" if viewport == PHONE else "desktop"
    page.open("/plan", "Plan", maps=1)
    chart = page.page.locator('[data-testid="stPlotlyChart"]').first
    chart.scroll_into_view_if_needed()
    canvas = chart.locator("canvas.maplibregl-canvas").first.bounding_box()
    legend = chart.locator("g.legend").first.bounding_box()
    assert canvas["height"] >= 300, canvas  # the map itself keeps its room
    assert legend["y"] >= canvas["y"] + canvas["height"] - 1, (legend, canvas)
    # The band holds reach's longest legend, one entry a line on a phone: a legend taller than its band
    # made plotly take the overflow from the map (170 px held eight of its entries), so the map keeps
    # all of its 380 px and the legend ends inside the chart.
    box = chart.bounding_box()
    assert canvas["height"] >= 378, canvas
    assert legend["y"] + legend["height"] <= box["y"] + box["height"] + 1, (legend, box)
    assert legend["x"] + legend["width"] <= viewport["width"] + 1, legend
    chart.screenshot(path=str(SCREENSHOTS / f"plan-map-legend-{width}.png"))
    page.assert_clean()
