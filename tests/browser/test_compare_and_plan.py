"""Compare and Plan in Chromium at 1366 and 390 px: a shared Compare link reopens the same set,
and Plan's local before/after reads in full (nothing cut off) on a phone."""

from __future__ import annotations

import pytest
from test_flows import choose
from test_pages import VIEWPORTS

from tests.support.browser import PHONE, SCREENSHOTS

pytestmark = pytest.mark.browser

PICK = "utla:E10000016,lad:E07000110,region:E12000008"


def fits(page) -> None:
    widths = page.page.evaluate("""() => {
        const main = document.querySelector('[data-testid="stMain"]');
        return {doc: document.documentElement.scrollWidth, vw: window.innerWidth,
                main: main.scrollWidth, client: main.clientWidth};
    }""")
    assert widths["doc"] <= widths["vw"] + 1 and widths["main"] <= widths["client"] + 1, widths


@pytest.mark.parametrize("viewport", list(VIEWPORTS.values()), ids=list(VIEWPORTS))
def test_compare_link_reopens_the_same_set(page, viewport):
    width = "phone" if viewport == PHONE else "desktop"
    page.open(f"/compare?pick={PICK}&metric=teams_per_10k", "Compare areas")
    chips = page.page.locator('[data-testid="stMain"] [data-testid="stMultiSelect"]').first.inner_text()
    for name in ("Kent (council)", "Maidstone (district)", "South East (region)"):
        assert name in chips
    assert "pick=utla%3AE10000016%2Clad%3AE07000110%2Cregion%3AE12000008" in page.page.url or PICK in page.page.url
    assert "metric=teams_per_10k" in page.page.url
    chart = page.page.locator('[data-testid="stPlotlyChart"]').first
    assert "Teams per 10,000 births in 3 chosen areas" in chart.inner_text()
    assert "UK" in chart.inner_text()  # the UK reference line's label
    fits(page)
    page.full_screenshot(SCREENSHOTS / f"compare-chosen-{width}.png")
    page.assert_clean()


@pytest.mark.parametrize("viewport", list(VIEWPORTS.values()), ids=list(VIEWPORTS))
def test_plan_shows_kent_before_and_after_in_full(page, viewport):
    width = "phone" if viewport == PHONE else "desktop"
    page.open("/plan", "Plan: what would a new or bigger team change?", maps=1)
    choose(page, "Areas (type to search, or click the map below)", "Kent")
    page.page.keyboard.press("Escape")  # close the multiselect's list, as a person would
    page.settle()
    page.page.get_by_role("button", name="Add this team to the scenario").click()
    page.settle()
    line = page.page.get_by_text("reach 0% → ", exact=False).first
    line.scroll_into_view_if_needed()
    assert "unmet need" in line.inner_text() and "a year" in line.inner_text()
    box = line.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], box
    labels = page.page.locator('[data-testid="stMetricLabel"]').all_inner_texts()
    assert "UK reach" in labels
    for metric in page.page.locator('[data-testid="stMetricValue"]').all():
        assert metric.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), metric.inner_text()
    fits(page)
    page.full_screenshot(SCREENSHOTS / f"plan-kent-{width}.png")
    page.assert_clean()
