"""'This listing is still right' in Chromium at 1366 px: a team confirms its listing, a reviewer
approves it, and the listing's record then shows today's date as its last check."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect
from test_flows import fill, sign_in

from tests.support.browser import REVIEW_PASSWORD, SCREENSHOTS

pytestmark = pytest.mark.browser

TEAM = "oldham-eas"  # shipped with no last_verified


def last_checked(page) -> str:
    return page.page.locator('[data-testid="stTable"] tr', has_text="Last checked").first.inner_text()


def test_confirm_then_approve_dates_the_listing(page):
    page.open(f"/check?team={TEAM}", "Check a listing")
    assert "not yet" in last_checked(page)
    fill(page, "Your role in the team (optional)", "Team lead")
    page.page.get_by_role("button", name="This listing is still right").click()
    page.settle()
    ack = page.page.get_by_text("Your confirmation is saved with reference")
    ack.wait_for()
    reference = ack.inner_text().split("reference ")[1].split(".")[0].strip()
    assert reference.startswith("PIA-")
    # An empty form again (the sent one can linger in the page for a moment while Streamlit replaces it).
    role = page.page.get_by_label("Your role in the team (optional)")
    expect(role).to_have_count(1)
    expect(role).to_have_value("")
    page.full_screenshot(SCREENSHOTS / "check-still-right-desktop.png")

    sign_in(page, REVIEW_PASSWORD)
    page.page.get_by_text("is still right", exact=False).first.wait_for()
    page.full_screenshot(SCREENSHOTS / "review-confirmation-desktop.png")
    # The browser tests share one app and store: other tests' suggestions may wait in the queue too,
    # so the Approve pressed is the one in this confirmation's own card (the innermost block naming it).
    version = page.page.get_by_text("Directory version", exact=False).first.inner_text()
    before = int(version.split("Directory version ")[1].split(".")[0])
    card = page.page.locator('[data-testid="stVerticalBlock"]').filter(has_text=reference).last
    card.get_by_role("button", name="Approve").click()
    page.settle()
    page.page.get_by_text(f"Directory version {before + 1}.").wait_for()
    page.page.get_by_role("tab", name="Record a confirmation").click()
    page.page.get_by_role("button", name="Record the confirmation").wait_for()
    page.full_screenshot(SCREENSHOTS / "review-record-confirmation-desktop.png")

    page.open(f"/check?team={TEAM}", "Check a listing")
    assert dt.date.today().isoformat() in last_checked(page)
    page.assert_clean()
