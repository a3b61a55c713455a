"""Answers where people look, in Chromium: "BNSSG" finds its ICB, the profile's similar areas open in Compare
in one click with the set in the link, and "Copy link" copies the address of the view on screen."""

from __future__ import annotations

import pytest
from test_search_and_tracking import search

from tests.support.browser import SCREENSHOTS

pytestmark = pytest.mark.browser

BNSSG = "NHS Bristol, North Somerset and South Gloucestershire Integrated Care Board"
KENT = "E10000016"


def test_bnssg_finds_the_icb_on_the_profile(page):
    page.open("/profile", "Area profile")
    offers = search(page, "BNSSG")
    assert offers and offers[0].startswith(BNSSG), offers
    page.page.locator('[data-testid="stBaseButton-tertiary"]', has_text=BNSSG).first.click()
    page.page.locator("h2", has_text=BNSSG).first.wait_for()
    page.settle()
    assert "area=E54000039" in page.page.url, page.page.url
    page.page.screenshot(path=str(SCREENSHOTS / "search-bnssg-profile.png"))
    page.assert_clean()


def test_similar_areas_open_in_compare_in_one_click(page):
    page.open(f"/profile?area={KENT}&level=utla", "Area profile")
    page.page.get_by_role("link", name="Compare Kent with these").first.click()
    page.page.locator("h1", has_text="Compare areas").first.wait_for()
    page.settle()
    url = page.page.url
    assert "/compare" in url and "pick=" in url and f"utla%3A{KENT}" in url.replace(":", "%3A"), url
    page.page.screenshot(path=str(SCREENSHOTS / "compare-from-similar-areas.png"))
    chosen = page.page.locator('[data-testid="stMain"] [data-testid="stMultiSelect"]').first.locator("[data-tag]")
    assert chosen.count() == 6, chosen.all_inner_texts()
    assert chosen.first.inner_text().startswith("Kent")
    page.page.locator('[data-testid="stPlotlyChart"]').first.wait_for()
    page.assert_clean()


def test_copy_link_copies_the_view(page):
    page.page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.open(f"/profile?area={KENT}&level=utla", "Area profile")
    button = page.page.locator(".atlas-copy-link").first
    button.click()
    page.page.wait_for_function(
        "() => document.querySelector('.atlas-copy-link').textContent.includes('copied')", timeout=10_000
    )
    copied = page.page.evaluate("() => navigator.clipboard.readText()")
    assert copied == page.page.url and f"area={KENT}" in copied
