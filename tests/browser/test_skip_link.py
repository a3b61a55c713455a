"""A keyboard user skips the page menu and the sidebar's assumptions in one step, at 1366 and 390 px.

Streamlit 1.67 draws its own "Skip to main content" link as the first Tab stop. This checks that
it is there and lands where it should on the map page: from a fresh load, Tab, Enter, then at most
two Tabs (the title's anchor link, then the control) reach "Find an area by name", against 22
Tabs without it.
"""

from __future__ import annotations

import pytest
from test_pages import HOME_TITLE, VIEWPORTS

from tests.support.browser import PHONE, SCREENSHOTS

pytestmark = pytest.mark.browser

FOCUSED = "() => { const e = document.activeElement; return e ? (e.getAttribute('aria-label') || e.innerText || '').trim() : ''; }"


@pytest.mark.parametrize("viewport", list(VIEWPORTS.values()), ids=list(VIEWPORTS))
def test_skip_link_reaches_the_first_control_in_four_keys(page, viewport):
    width = "phone" if viewport == PHONE else "desktop"
    page.open("/", HOME_TITLE, maps=1)
    keys = page.page.keyboard
    keys.press("Tab")
    assert page.page.evaluate(FOCUSED) == "Skip to main content"
    keys.press("Enter")
    reached = []
    for _ in range(2):
        keys.press("Tab")
        reached.append(page.page.evaluate(FOCUSED))
        if reached[-1] == "Find an area by name (any level)":
            break
    assert reached[-1] == "Find an area by name (any level)", reached
    page.page.screenshot(path=str(SCREENSHOTS / f"skip-link-{width}.png"))
    page.assert_clean()
