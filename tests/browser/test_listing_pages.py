"""The Team directory's cards ten at a time, in Chromium: "Next" at the foot of the list shows the next ten
and brings the list's top (its heading and chooser) back into the window."""

from __future__ import annotations

import pytest

from tests.support.browser import SCREENSHOTS

pytestmark = pytest.mark.browser


def test_next_shows_the_next_ten_from_their_top(page):
    page.open("/teams", "Team directory")
    main = page.page.locator('[data-testid="stMain"]')
    assert main.get_by_role("combobox", name="Listings shown").input_value() == "1 to 10 of 61"
    assert main.get_by_role("link", name="Suggest a correction").count() == 10  # one a card
    first_card = main.locator("h3").filter(has_text="ABC").first
    assert first_card.count() == 1
    button = page.page.get_by_role("button", name="Next: 11 to 20 of 61")
    button.scroll_into_view_if_needed()
    button.click()
    page.settle()
    heading = main.locator("h2", has_text="Listings").first
    heading.wait_for()
    page.page.wait_for_timeout(600)  # the scroll runs on the next frame and again at 400 ms
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.page.screenshot(path=str(SCREENSHOTS / "listings-page-two.png"))
    box, height = heading.bounding_box(), page.page.viewport_size["height"]
    # In the window: scrolled to its top edge (a sub-pixel above it is rounding), not left below the fold.
    assert box and -2 <= box["y"] <= height - box["height"], (box, height)
    assert main.get_by_role("combobox", name="Listings shown").input_value() == "11 to 20 of 61"

    assert main.locator("h3").filter(has_text="ABC").count() == 0
    assert main.get_by_role("link", name="Suggest a correction").count() == 10
    page.assert_clean()
