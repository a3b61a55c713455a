"""The home page's first screen at 1366x768: the map is in it, and choosing an area answers there.

The map used to start 994 px down the page (below a two-line title, the search, five figures and a
paragraph of sources), and the answer for a chosen area ("Open the profile") sat about 1,700 px down.
Both are measured here on the real layout, in Chromium, without scrolling: the page's scroll position is
checked to be 0 when the boxes are read.
"""

from __future__ import annotations

import pytest
from test_pages import HOME_TITLE
from test_search_and_tracking import search

from coverage.model.assumptions import Assumptions
from coverage.model.atlas import load_atlas
from coverage.model.gaps import area_table
from coverage.present.metrics import format_value
from tests.support.browser import PHONE, SCREENSHOTS

pytestmark = pytest.mark.browser

FIRST_SCREEN = {"width": 1366, "height": 768}
KENT = "E10000016"


def scrolled(page) -> float:
    """How far the page is scrolled (Streamlit scrolls its main section, not the window)."""
    return page.page.evaluate(
        '() => Math.max(window.scrollY, ...[...document.querySelectorAll(\'[data-testid="stMain"], '
        '[data-testid="stAppScrollToBottomContainer"]\')].map(e => e.scrollTop))'
    )


def inside_first_screen(box) -> bool:
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= FIRST_SCREEN["height"]


@pytest.mark.parametrize("viewport", [FIRST_SCREEN], ids=["1366x768"])
def test_home_map_canvas_is_inside_the_first_viewport(page, viewport):
    page.open("/", HOME_TITLE, maps=1)
    page.wait_painted()
    canvas = page.page.locator('[data-testid="stPlotlyChart"] canvas.maplibregl-canvas').first.bounding_box()
    assert scrolled(page) == 0
    assert inside_first_screen(canvas), canvas
    page.page.screenshot(path=str(SCREENSHOTS / "home-first-screen-1366x768.png"))
    page.assert_clean()


@pytest.mark.parametrize("viewport", [PHONE], ids=["phone"])
def test_home_map_canvas_is_within_one_scroll_on_a_phone(page, viewport):
    """On a 390 px phone the columns stack (box and figures first): the whole map is in the second screen."""
    page.open("/", HOME_TITLE, maps=1)
    page.wait_painted()
    canvas = page.page.locator('[data-testid="stPlotlyChart"] canvas.maplibregl-canvas').first.bounding_box()
    assert scrolled(page) == 0
    assert canvas is not None and canvas["y"] + canvas["height"] <= 2 * PHONE["height"], canvas
    page.assert_clean()


@pytest.mark.parametrize("viewport", [FIRST_SCREEN], ids=["1366x768"])
def test_choosing_kent_shows_its_figures_and_profile_link_without_scrolling(page, viewport):
    kent = area_table(load_atlas(), "utla", Assumptions()).set_index("area_code").loc[KENT]
    page.open("/", HOME_TITLE, maps=1)
    search(page, "Kent")
    page.page.locator('[data-testid="stBaseButton-tertiary"]', has_text="Kent (council").first.click()
    page.settle()
    page.page.evaluate("() => document.activeElement && document.activeElement.blur()")
    main = page.page.locator('[data-testid="stMain"]')
    scope = main.get_by_text("Kent, council (upper tier)", exact=True)
    scope.wait_for()
    need = main.locator('[data-testid="stMetric"]', has_text="Need a year").first
    assert format_value(kent["need_per_year"], "int") in need.inner_text()
    profile = main.get_by_role("link", name="Open the profile of Kent")
    plan = main.get_by_role("link", name="Plan for this area")
    assert "area=E10000016" in profile.get_attribute("href") and "level=utla" in profile.get_attribute("href")
    assert "area=E10000016" in plan.get_attribute("href")
    assert scrolled(page) == 0
    for element in (scope, need, profile, plan):
        assert inside_first_screen(element.bounding_box()), element
    page.page.screenshot(path=str(SCREENSHOTS / "home-kent-first-screen-1366x768.png"))
    page.assert_clean()
