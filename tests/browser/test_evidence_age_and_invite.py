"""In a real Chromium (#20): the team map's key has the faded-evidence entry, and Kent's invitation
opens Check a listing on Suggest a new team with Kent filled in (desktop, and the invitation on a phone).

Screenshots go to the git-ignored artifacts/screenshots/ for a person to look at.
"""

from __future__ import annotations

import datetime as dt

import pytest

from coverage.model.evidence_age import window_start
from tests.support.browser import DESKTOP, PHONE, SCREENSHOTS

pytestmark = pytest.mark.browser

AREAS_BOX = "Areas served (codes or names, separated by ;)"
INVITE = "Know a team that serves Kent? Tell us"


def test_team_map_key_has_the_faded_evidence_entry(page):
    page.open("/teams", "Team directory")
    start = window_start(dt.date.today())
    key = page.page.get_by_text(f"faded: no dated evidence since {start}", exact=False).first
    key.wait_for(timeout=60_000)
    page.page.locator('[data-testid="stDeckGlJsonChart"]').first.wait_for(timeout=60_000)
    text = key.locator("xpath=..").inner_text()
    assert f"Evidence: dated evidence since {start} (" in text and f"faded: no dated evidence since {start} (" in text
    assert "service listed, not counted" in page.page.locator('[data-testid="stMain"]').inner_text()
    key.scroll_into_view_if_needed()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.page.screenshot(path=str(SCREENSHOTS / "team-map-evidence-key.png"), animations="disabled")
    page.assert_clean()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_kent_invitation_opens_the_new_team_form_filled_in(page, viewport):
    page.open("/profile?area=E10000016&level=utla", "Area profile", maps=1)
    body = page.page.locator('[data-testid="stMain"]').inner_text()
    assert "a service is listed here, not counted as a specialised team: borderline" in body
    assert "no team listed" not in body
    link = page.page.get_by_role("link", name=INVITE)
    link.scroll_into_view_if_needed()
    link.click()
    page.page.locator("h1", has_text="Check a listing").first.wait_for(timeout=60_000)
    page.settle()
    assert "suggest_for=E10000016" in page.page.url
    tab = page.page.get_by_role("tab", name="Suggest a new team")
    assert tab.get_attribute("aria-selected") == "true"
    box = page.page.get_by_label(AREAS_BOX).last
    assert box.input_value() == "Kent"
    assert page.page.get_by_text("Tell us about a team that serves Kent (council).").count() == 1
    box.scroll_into_view_if_needed()
    name = "desktop" if viewport == DESKTOP else "phone"
    page.page.screenshot(path=str(SCREENSHOTS / f"invite-kent-new-team-{name}.png"), animations="disabled")
    page.assert_clean()
