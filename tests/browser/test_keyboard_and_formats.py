"""Keyboard reach and focus, and one spelling of figures, in Chromium at 1366 and 390 px.

Keyboard: "Find an area", the map page's first control, is reached in few Tab presses from page load (29
before #12, 22 after at 1366 px), and the focus ring on it is 3:1 or more against what it is drawn over.
Formats: no headline label is cut off, no "team(s)", headline percentages read "4.0%" or "0%", and the
"teams needed" figure is one figure: the Kent profile's is the engine's single definition, and Plan and
Methods give the same count for England (Plan's teams block sums councils, so it has no Kent-only figure).
"""

from __future__ import annotations

import io
import re

import pytest
from test_focus_and_legend import contrast
from test_pages import HOME_TITLE, VIEWPORTS

from tests.support.browser import PHONE, SCREENSHOTS

pytestmark = pytest.mark.browser

SEARCH = "Find an area by name (any level)"
# Measured 22 at 1366 px, and 8 at 390 px once the closed sidebar left the Tab order (23 before);
# a control put back in front of the search box fails this.
# Desktop: 24 until the menu gained "Directory health" and the sidebar "Copy link to this view" (two stops, both
# before the page's own controls); the skip link still reaches "Find an area" in four keys (test_skip_link).
MAX_TABS = {"desktop": 26, "phone": 10}
HEADLINE_PERCENT = re.compile(r"(?:under )?\d{1,3}(?:,\d{3})*\.\d%|0%")
KENT = "E10000016"

RING_AT = 3.5  # px outside the control's edge: inside the ring's 3 px band, drawn 2 px out (ui/chrome.py)


def ring_share(before: bytes, after: bytes, margin: int) -> float:
    """Of the pixels on a line RING_AT px outside the control's box, on each of its four sides, the smallest
    share (over the sides) whose colour with focus has 3:1 or more contrast against the same pixel without it.

    This is the ring a person sees, measured against what it is drawn over; an outline the browser reports
    but a clipping box hides (as the text box's was) counts for nothing.
    """
    from PIL import Image

    a, b = (Image.open(io.BytesIO(png)).convert("RGB") for png in (before, after))
    w, h = a.size
    inner = (margin, margin, w - margin, h - margin)  # the control's box inside the clip
    at = int(RING_AT)
    sides = {
        "top": [(x, inner[1] - at) for x in range(inner[0] + 8, inner[2] - 8)],
        "bottom": [(x, inner[3] + at - 1) for x in range(inner[0] + 8, inner[2] - 8)],
        "left": [(inner[0] - at, y) for y in range(inner[1] + 8, inner[3] - 8)],
        "right": [(inner[2] + at - 1, y) for y in range(inner[1] + 8, inner[3] - 8)],
    }
    shares = [
        sum(contrast(a.getpixel(p), b.getpixel(p)) >= 3 for p in points) / len(points) for points in sides.values()
    ]
    return min(shares)


def width_name(viewport) -> str:
    return "phone" if viewport == PHONE else "desktop"


@pytest.mark.parametrize("viewport", list(VIEWPORTS.values()), ids=list(VIEWPORTS))
def test_find_an_area_is_near_in_tabs_with_a_clear_focus_ring(page, viewport):
    width = width_name(viewport)
    page.open("/", HOME_TITLE, maps=1)
    box = page.page.locator('[data-testid="stMain"] [data-testid="stTextInputRootElement"]').first.bounding_box()
    margin = 8
    clip = {
        "x": box["x"] - margin,
        "y": box["y"] - margin,
        "width": box["width"] + 2 * margin,
        "height": box["height"] + 2 * margin,
    }
    before = page.page.screenshot(clip=clip, animations="disabled")
    reached = None
    for tabs in range(1, 41):
        page.page.keyboard.press("Tab")
        if (
            page.page.evaluate("() => document.activeElement && document.activeElement.getAttribute('aria-label')")
            == SEARCH
        ):
            reached = tabs
            break
    print(f"{width}: {reached} Tab presses to '{SEARCH}'")
    assert reached is not None and reached <= MAX_TABS[width], reached
    page.page.wait_for_timeout(300)  # the border's transition
    after = page.page.screenshot(clip=clip, animations="disabled")
    share = ring_share(before, after, margin)
    assert share >= 0.9, f"only {share:.0%} of a side of the focused search box has a 3:1 ring around it"
    page.page.screenshot(path=str(SCREENSHOTS / f"focus-search-{width}.png"))
    page.assert_clean()


def headline_values(page) -> dict[str, str]:
    labels = page.page.locator('[data-testid="stMain"] [data-testid="stMetricLabel"]').all_inner_texts()
    values = page.page.locator('[data-testid="stMain"] [data-testid="stMetricValue"]').all_inner_texts()
    return {label.strip(): value.strip() for label, value in zip(labels, values)}


def assert_formats(page) -> dict[str, str]:
    """Nothing in the headline is cut off, no "team(s)", and its percentages have one spelling."""
    main = page.page.locator('[data-testid="stMain"]')
    for metric in main.locator('[data-testid="stMetric"]').all():
        clipped = metric.evaluate(
            "m => [...m.querySelectorAll('[data-testid=stMetricLabel] *, [data-testid=stMetricValue] *')]"
            ".filter(e => e.scrollWidth > e.clientWidth + 1 || (e.innerText || '').trim().endsWith('…'))"
            ".map(e => e.innerText)"
        )
        assert not clipped, clipped
    assert "team(s)" not in main.inner_text()
    values = headline_values(page)
    for label, value in values.items():
        if value.endswith("%"):
            assert HEADLINE_PERCENT.fullmatch(value), (label, value)
    return values


def figure(text: str, pattern: str) -> int:
    match = re.search(pattern, text)
    assert match, (pattern, text[:500])
    return int(match.group(1).replace(",", ""))


@pytest.fixture(scope="module")
def teams_needed():
    """Kent's and England's "teams needed" at the default assumptions, from the engine's one definition."""
    from coverage.model.assumptions import Assumptions
    from coverage.model.atlas import load_atlas
    from coverage.model.benchmarks import england_teams_needed
    from coverage.model.gaps import area_table, teams_needed_in

    a, atlas = Assumptions(), load_atlas()
    councils = area_table(atlas, "utla", a)
    kent = teams_needed_in(councils[councils["area_code"] == KENT], a.target_reach, a.families_per_team)
    return kent, england_teams_needed(atlas, a, councils)


@pytest.mark.parametrize("viewport", list(VIEWPORTS.values()), ids=list(VIEWPORTS))
def test_figures_read_one_way_and_teams_needed_is_one_figure(page, viewport, teams_needed):
    width = width_name(viewport)
    kent, england = teams_needed
    page.open("/", HOME_TITLE, maps=1)
    values = assert_formats(page)
    assert "Reach of listed teams" in values and values["Reach of listed teams"].endswith("%"), values
    page.page.screenshot(path=str(SCREENSHOTS / f"formats-map-{width}.png"))

    page.open(f"/profile?area={KENT}&level=utla", "Area profile", maps=1)
    values = assert_formats(page)
    assert values["Reach of listed teams"] == "0%", values  # Kent has no team listed
    main = page.page.locator('[data-testid="stMain"]').inner_text()
    assert figure(main, r"([\d,]+) more teams? of [\d,]+ families a year") == kent  # with its yearly cost
    page.page.screenshot(path=str(SCREENSHOTS / f"formats-profile-kent-{width}.png"))

    page.open("/methods", "Methods")
    main = page.page.locator('[data-testid="stMain"]').inner_text()
    methods = figure(main, r"would take ([\d,]+) more teams?")

    page.open("/plan", "Plan: what would a new or bigger team change?")
    scope = page.page.get_by_label("For", exact=True).filter(visible=True).first  # "how many teams", for England
    scope.click()
    page.page.keyboard.type("England", delay=40)
    page.page.get_by_role("option", name="England", exact=True).first.click()
    page.settle()
    plan = page.page.locator('[data-testid="stMetric"]', has_text="Central prevalence").first
    plan.scroll_into_view_if_needed()
    planned = figure(plan.inner_text(), r"([\d,]+) teams?")
    assert planned == methods == england, (planned, methods, england)
    plan.screenshot(path=str(SCREENSHOTS / f"formats-plan-england-{width}.png"))
    page.assert_clean()
