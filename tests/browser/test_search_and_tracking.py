"""Search across levels, and a suggestion tracked by its reference, in Chromium at 1366 and 390 px.

Search: on the map and the profile, "Maidstone" (a district) also offers the council, ICB and region that
contain it, choosing Kent shows Kent, and "Medway" no longer offers Dumfries and Galloway (no fuzzy match).
Tracking: a new team sent from Check a listing (from its "Suggest a new team" tab, the one a phone used to
cut off) gets a reference, and the "Track a suggestion" tab shows that it was received and nothing the sender
wrote. The session's server has its own throwaway corrections store (tests.support.browser.start_app), so the suggestion
never reaches the repository. Review, signed out, says who reviews and sends members to Check a listing.
"""

from __future__ import annotations

import pytest
from test_flows import fill
from test_pages import HOME_TITLE, VIEWPORTS

from tests.support.browser import PHONE, SCREENSHOTS

pytestmark = pytest.mark.browser

SEARCH = "Find an area by name (any level)"
MAIDSTONE_OFFERS = ("Maidstone (district)", "Kent (council", "NHS Kent and Medway", "South East (region")
EMAIL = "browser-track@example.nhs.uk"
MESSAGE = "Private note that must never be shown back on the lookup"


def width_name(viewport) -> str:
    return "phone" if viewport == PHONE else "desktop"


def search(page, text: str) -> list[str]:
    """Type into the search box as a person does, commit with Enter, and return the offered results."""
    box = page.page.get_by_label(SEARCH).first
    box.fill("")
    box.press_sequentially(text, delay=20)
    box.press("Enter")
    page.settle()
    main = page.page.locator('[data-testid="stMain"]')
    return [t.strip() for t in main.locator('[data-testid="stBaseButton-tertiary"]').all_inner_texts()]


def assert_maidstone_offers(offers: list[str]) -> None:
    for wanted in MAIDSTONE_OFFERS:
        assert any(o.startswith(wanted) for o in offers), (wanted, offers)
    assert offers[0].startswith("Maidstone"), offers  # the exact match first


@pytest.mark.parametrize("viewport", list(VIEWPORTS.values()), ids=list(VIEWPORTS))
def test_search_finds_every_level_on_map_and_profile(page, viewport):
    width = width_name(viewport)
    page.open("/", HOME_TITLE, maps=1)
    assert_maidstone_offers(search(page, "Maidstone"))
    page.page.screenshot(path=str(SCREENSHOTS / f"search-map-maidstone-{width}.png"))
    page.page.locator('[data-testid="stBaseButton-tertiary"]', has_text="Kent (council").first.click()
    page.settle()
    # The map moves to councils with Kent outlined, and says so under the map.
    assert "area=E10000016" in page.page.url and "level=lad" not in page.page.url, (
        page.page.url
    )  # councils: the default
    outlined = page.page.locator('[data-testid="stAlert"]', has_text="Kent:").first
    assert "listed team" in outlined.inner_text() and "need" in outlined.inner_text()
    offers = search(page, "Medway")
    assert offers and not any("Dumfries" in o for o in offers), offers

    page.open("/profile", "Area profile")
    assert_maidstone_offers(search(page, "Maidstone"))
    page.page.locator('[data-testid="stBaseButton-tertiary"]', has_text="Kent (council").first.click()
    page.settle()
    page.page.locator("h2", has_text="Kent").first.wait_for()
    assert "area=E10000016" in page.page.url
    page.page.screenshot(path=str(SCREENSHOTS / f"search-profile-kent-{width}.png"))
    page.assert_clean()


@pytest.mark.parametrize("viewport", list(VIEWPORTS.values()), ids=list(VIEWPORTS))
def test_track_a_suggestion_by_reference_and_review_guidance(page, viewport):
    width = width_name(viewport)
    page.open("/check", "Check a listing")
    tab = page.page.get_by_role("tab", name="Suggest a new team")
    tab.scroll_into_view_if_needed()
    box = tab.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"] + 1, box  # reachable on a phone
    tab.click()
    fill(page, "Team name", f"Browser tracking test team {width}")
    fill(page, "Areas served (codes or names, separated by ;)", "Hartlepool")
    fill(page, "Your email (for our reply only; never shown)", EMAIL)
    fill(page, "A public page about the team", "https://www.example.nhs.uk/tracking")
    page.page.get_by_label("Anything else we should know").filter(visible=True).first.fill(MESSAGE)
    page.page.get_by_role("button", name="Send the new team").click()
    page.settle()
    ack = page.page.get_by_text("Your suggestion is saved with reference")
    assert ack.count() == 1, page.page.locator('[data-testid="stAlert"]').all_inner_texts()
    seen = ack.bounding_box()  # in view where the person pressed Send, without scrolling (it was off screen)
    assert seen and 0 <= seen["y"] and seen["y"] + seen["height"] <= viewport["height"], seen
    page.page.screenshot(path=str(SCREENSHOTS / f"suggestion-sent-{width}.png"))
    email_box = page.page.get_by_label("Your email (for our reply only; never shown)").filter(visible=True).first
    assert email_box.input_value() == ""  # the form is empty again, in the browser as on the server
    reference = ack.inner_text().split("reference ")[1].split(".")[0].strip()
    assert reference.startswith("PIA-"), reference

    page.page.get_by_role("tab", name="Track a suggestion").click()
    box = page.page.get_by_label("Reference").filter(visible=True).first
    box.fill(reference.lower())  # a reference typed in lower case is found too
    box.press("Enter")
    page.settle()
    panel = page.page.locator('[role="tabpanel"]').filter(visible=True).first.inner_text()
    assert reference in panel and "received" in panel and "Status:" in panel, panel
    assert EMAIL not in panel and MESSAGE not in panel and "Hartlepool" not in panel, panel
    page.page.screenshot(path=str(SCREENSHOTS / f"track-suggestion-{width}.png"))

    page.open("/review", "Review suggestions")
    main = page.page.locator('[data-testid="stMain"]')
    assert "Reviewers are the atlas's editors" in main.inner_text()
    link = main.get_by_role("link", name="Go to Check a listing")
    assert link.count() == 1
    link.click()
    page.page.locator("h1", has_text="Check a listing").first.wait_for()
    page.settle()
    page.assert_clean()
