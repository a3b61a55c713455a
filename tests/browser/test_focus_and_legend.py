"""Keyboard focus is distinct (3:1 or more against its background) and the map legend never covers the map,
at 1366 and 390 px."""

from __future__ import annotations

import pytest
from test_pages import HOME_TITLE, VIEWPORTS

from tests.support.browser import PHONE, SCREENSHOTS

pytestmark = pytest.mark.browser


def luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def rgb(css: str) -> tuple[int, int, int]:
    parts = css[css.index("(") + 1 : css.index(")")].split(",")
    return tuple(int(float(p)) for p in parts[:3])


def test_focus_ring_on_sidebar_links_is_distinct(page):
    page.open("/", HOME_TITLE, maps=1)
    found = None
    for tabs in range(1, 40):
        page.page.keyboard.press("Tab")
        testid = page.page.evaluate("() => document.activeElement && document.activeElement.dataset.testid")
        if testid == "stSidebarNavLink":
            found = tabs
            break
    assert found, "no sidebar link took the focus within 40 Tabs"
    style = page.page.evaluate("""() => {
        const e = document.activeElement, s = getComputedStyle(e);
        let bg = 'rgba(0, 0, 0, 0)', n = e;
        while (n && (bg === 'rgba(0, 0, 0, 0)' || bg === 'transparent')) { bg = getComputedStyle(n).backgroundColor; n = n.parentElement; }
        return {width: s.outlineWidth, style: s.outlineStyle, colour: s.outlineColor, bg};
    }""")
    assert style["style"] == "solid" and float(style["width"].rstrip("px")) >= 3, style
    assert contrast(rgb(style["colour"]), rgb(style["bg"])) >= 3, style
    page.page.screenshot(path=str(SCREENSHOTS / "focus-ring-desktop.png"))


@pytest.mark.parametrize("viewport", list(VIEWPORTS.values()), ids=list(VIEWPORTS))
def test_map_legend_sits_below_the_map(page, viewport):
    width = "phone" if viewport == PHONE else "desktop"
    page.open("/", HOME_TITLE, maps=1)
    chart = page.page.locator('[data-testid="stPlotlyChart"]').first
    canvas = chart.locator("canvas.maplibregl-canvas").first.bounding_box()
    legend = chart.locator("g.legend").first.bounding_box()
    assert legend["y"] >= canvas["y"] + canvas["height"] - 1, (legend, canvas)
    assert legend["x"] + legend["width"] <= viewport["width"] + 1, legend
    chart.screenshot(path=str(SCREENSHOTS / f"map-legend-{width}.png"))
    page.assert_clean()
