"""Check a listing in Chromium at 1366 and 390 px: a directory card's "Suggest a correction" link opens
the team's record in plain words, every tab can be reached on a phone, and a bad form shows its
messages beside the fields."""

from __future__ import annotations

import pytest
from test_pages import VIEWPORTS

from tests.support.browser import PHONE, SCREENSHOTS

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", list(VIEWPORTS.values()), ids=list(VIEWPORTS))
def test_correction_link_record_and_errors_beside_fields(page, viewport):
    width = "phone" if viewport == PHONE else "desktop"
    page.open("/teams", "Team directory")
    link = page.page.get_by_role("link", name="Suggest a correction").first
    assert link.count() == 1
    link.click()
    page.page.locator("h1", has_text="Check a listing").first.wait_for()
    page.settle()
    assert "team=" in page.page.url
    # The link opens the correction form itself (it used to open the listing's first tab).
    form = page.page.locator('[data-testid="stForm"]').filter(visible=True).first
    assert "Correcting" in form.inner_text()
    page.page.get_by_role("tab", name="What the atlas shows").click()
    page.settle()
    record = page.page.locator('[data-testid="stTable"]').first.inner_text()
    assert "Areas served" in record and "utla" not in record and "Seed notes" not in record

    tab = page.page.get_by_role("tab", name="Track a suggestion")
    tab.scroll_into_view_if_needed()
    box = tab.bounding_box()
    assert box and box["x"] + box["width"] <= viewport["width"] + 1, box  # reachable, not cut off

    page.page.get_by_role("tab", name="Suggest a correction").click()
    page.page.get_by_label("Your email (for our reply only; never shown)").first.fill("not-an-email")
    page.page.get_by_role("button", name="Send the correction").click()
    page.settle()
    message = page.page.get_by_text("Your email (for our reply only; never shown): must be an email address")
    assert message.count() == 1
    page.full_screenshot(SCREENSHOTS / f"check-errors-{width}.png")
    page.assert_clean()
