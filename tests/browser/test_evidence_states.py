"""Evidence states in a real Chromium: the map legend, a Greater Manchester and an NI trust profile.

Screenshots go to the git-ignored artifacts/screenshots/ for a person to look at.
"""

from __future__ import annotations

import pytest

from tests.support.browser import SCREENSHOTS

pytestmark = pytest.mark.browser

HOME_TITLE = "Where babies have no parent-infant relationship team"


def test_map_legend_shows_the_evidence_states(page):
    page.open("/", HOME_TITLE, maps=1)
    chart = page.page.locator('[data-testid="stPlotlyChart"]').first
    legend = " ".join(t or "" for t in chart.locator(".legend").all_text_contents())
    assert "no team listed" in legend and "team reported, not listed" in legend, legend
    assert "team listed: under 5%" in legend, legend
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    chart.screenshot(path=str(SCREENSHOTS / "evidence-map-legend.png"), animations="disabled")
    page.assert_clean()


def test_greater_manchester_profile_says_team_reported_not_listed(page):
    page.open("/profile?area=E08000002&level=utla", "Area profile", maps=1)
    page.page.get_by_role("heading", name="Bury", level=2).wait_for(timeout=10_000)
    body = page.page.locator('[data-testid="stMain"]').inner_text()
    assert "team reported, not listed" in body
    assert "hub.gmintegratedcare.org.uk" in body
    page.full_screenshot(SCREENSHOTS / "evidence-profile-bury.png")
    page.assert_clean()


def test_ni_trust_profile_marks_its_estimate(page):
    page.open("/profile?area=SEHSCT&level=health", "Area profile", maps=1)
    page.page.get_by_role("heading", name="South Eastern Health and Social Care Trust", level=2).wait_for(
        timeout=10_000
    )
    body = page.page.locator('[data-testid="stMain"]').inner_text()
    assert "Estimate:" in body and "land area" in body
    assert "ABC" in body
    page.full_screenshot(SCREENSHOTS / "evidence-profile-south-eastern-trust.png")
    page.assert_clean()
