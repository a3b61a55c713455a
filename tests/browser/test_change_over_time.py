"""Change over time in Chromium at 1366 and 390 px: the chart, the published counts and the gap table
render without problems, fit a phone, and pass axe like every other page."""

from __future__ import annotations

import pytest
from test_accessibility import BLOCKING, describe
from test_pages import VIEWPORTS

from tests.support.browser import PHONE, SCREENSHOTS

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", list(VIEWPORTS.values()), ids=list(VIEWPORTS))
def test_change_over_time_renders_and_is_accessible(page, viewport):
    from axe_playwright_python.sync_playwright import Axe

    width = "phone" if viewport == PHONE else "desktop"
    page.open("/change", "Change over time")
    chart = page.page.locator('[data-testid="stPlotlyChart"]').first.inner_text()
    assert "Published count" in chart and "51" in chart
    widths = page.page.evaluate("() => ({doc: document.documentElement.scrollWidth, vw: window.innerWidth})")
    assert widths["doc"] <= widths["vw"] + 1, widths
    page.full_screenshot(SCREENSHOTS / f"change-{width}.png")
    results = Axe().run(page.page).response
    blocking = [v for v in results["violations"] if v["impact"] in BLOCKING]
    assert not blocking, describe(blocking)
    page.assert_clean()
