"""The browser's Back and Forward buttons restore the previous view (prevalence and its figures)."""

from __future__ import annotations

import pytest
from test_pages import VIEWPORTS

from tests.support.browser import PHONE, SCREENSHOTS

pytestmark = pytest.mark.browser

SLIDER = '[data-testid="stSidebar"] [data-testid="stSlider"] input[type=range]'


def prevalence(page) -> str:
    return page.page.locator(SLIDER).first.input_value()


def need(page) -> str:
    return page.page.locator('[data-testid="stMetric"]', has_text="Need a year").first.inner_text()


def nudge(page) -> None:
    """One step up on the prevalence slider, by keyboard as a person without a mouse would."""
    if (
        page.page.locator('[data-testid="stSidebar"]').first.is_hidden()
        or not page.page.locator(SLIDER).first.is_visible()
    ):
        page.page.locator(
            '[data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapsedControl"] button'
        ).first.click()
    page.page.locator(SLIDER).first.focus()
    page.page.keyboard.press("ArrowRight")
    page.page.wait_for_timeout(300)
    page.settle()


def back_or_forward(page, direction: str) -> None:
    (page.page.go_back if direction == "back" else page.page.go_forward)(wait_until="commit")
    page.page.wait_for_timeout(500)
    page.settle()


@pytest.mark.parametrize("viewport", list(VIEWPORTS.values()), ids=list(VIEWPORTS))
def test_back_restores_the_previous_prevalence_and_figures(page, viewport):
    width = "phone" if viewport == PHONE else "desktop"
    page.open("/", "Where babies have no parent-infant relationship team", maps=1)
    start = (prevalence(page), need(page))
    assert start[0] == "15"
    nudge(page)
    first = (prevalence(page), need(page))
    assert "prev=0.155" in page.page.url and first[0] == "15.5" and first[1] != start[1]
    nudge(page)
    assert "prev=0.16" in page.page.url and prevalence(page) == "16"

    back_or_forward(page, "back")
    assert "prev=0.155" in page.page.url
    assert (prevalence(page), need(page)) == first
    back_or_forward(page, "back")
    assert "prev=" not in page.page.url
    assert (prevalence(page), need(page)) == start
    back_or_forward(page, "forward")
    assert (prevalence(page), need(page)) == first
    page.full_screenshot(SCREENSHOTS / f"back-forward-{width}.png")
    page.assert_clean()
