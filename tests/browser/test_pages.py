"""Every page in a real Chromium, at desktop and phone widths: it renders without an exception, a
console error, a failed request or a page error, fits a phone's width, and its maps are really
painted. Screenshots go to tests/browser/screenshots/ for a human to look at."""

from __future__ import annotations

import io

import pytest

from tests.support.browser import (
    DESKTOP,
    MIN_FILL_COLOURS,
    PHONE,
    REPO,
    SCREENSHOTS,
    SETTLED_JS,
    map_colour_stats,
    start_app,
)

pytestmark = pytest.mark.browser

HOME_TITLE = "Where babies have no parent-infant relationship team"
# name, URL, the page's h1, how many maps it draws
PAGES = [
    ("home", "/", HOME_TITLE, 1),
    ("profile", "/profile?area=E06000001&level=utla", "Area profile", 1),
    ("compare", "/compare", "Compare areas", 0),
    ("teams", "/teams", "Team directory", 0),
    ("plan", "/plan", "Plan: what would a new or bigger team change?", 1),
    ("check", "/check", "Check a listing", 0),
    ("review", "/review", "Review suggestions", 0),
    ("methods", "/methods", "Methods and data", 0),
]
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}
HOSTILE = "/?level=%3Cscript%3Ealert(1)%3C/script%3E&prev=abc"
MAP_SHOTS = REPO / "artifacts" / "maps"  # canvas-only crops, evidence for the pixel checks (git-ignored)


def assert_map_painted(page, index: int = 0, name: str = "") -> object:
    png = page.map_screenshot(index, MAP_SHOTS / f"{name}.png" if name else None)
    stats = map_colour_stats(png)
    assert stats.ok, f"map {index} does not look drawn: {stats.describe()}"
    return stats


@pytest.mark.parametrize("viewport", list(VIEWPORTS.values()), ids=list(VIEWPORTS))
@pytest.mark.parametrize("name,path,heading,maps", PAGES, ids=[p[0] for p in PAGES])
def test_page_renders_cleanly(page, viewport, name, path, heading, maps):
    width_name = "phone" if viewport == PHONE else "desktop"
    page.open(path, heading, maps=maps)

    page.assert_clean()
    widths = page.page.evaluate("""() => {
        const main = document.querySelector('[data-testid="stMain"]');
        return {doc: document.documentElement.scrollWidth, vw: window.innerWidth,
                main: main ? main.scrollWidth : 0, mainClient: main ? main.clientWidth : 0};
    }""")
    assert widths["doc"] <= widths["vw"] + 1, f"the document scrolls sideways at {widths['vw']}px: {widths}"
    assert widths["main"] <= widths["mainClient"] + 1, f"the main container scrolls sideways: {widths}"

    assert page.page.locator('[data-testid="stPlotlyChart"] canvas.maplibregl-canvas').count() == maps
    for i in range(maps):
        assert_map_painted(page, i, f"{name}-{width_name}" + (f"-{i}" if i else ""))

    page.full_screenshot(SCREENSHOTS / f"{name}-{width_name}.png")
    page.assert_clean()


def test_deep_link_opens_hartlepool_profile(page):
    page.open("/profile?area=E06000001&level=utla", "Area profile", maps=1)
    page.page.get_by_role("heading", name="Hartlepool", level=2).wait_for(timeout=10_000)
    captions = " ".join(page.page.locator('[data-testid="stCaptionContainer"]').all_inner_texts())
    assert "code E06000001" in captions, captions
    assert page.page.get_by_role("combobox", name="Area").input_value().startswith("Hartlepool")
    page.assert_clean()


def test_hostile_url_shows_a_warning_not_an_exception(page):
    page.open(HOSTILE, HOME_TITLE, maps=1)
    alerts = " ".join(page.page.locator('[data-testid="stAlert"]').all_inner_texts())
    assert "is not recognised" in alerts and "level=" in alerts, alerts
    assert "prev=abc" in alerts, alerts
    assert "<script" not in alerts
    injected = page.page.evaluate("() => document.querySelectorAll('[data-testid=\"stMain\"] script').length")
    assert injected == 0
    assert not page.dialogs, page.dialogs
    page.assert_clean()  # includes: no stException, no dialog, nothing in the server log


def test_colour_by_unmet_need_repaints_the_map(page):
    page.open("/", HOME_TITLE, maps=1)
    before_png = page.map_screenshot(0, MAP_SHOTS / "home-colour-reach.png")
    before = map_colour_stats(before_png)
    assert before.ok, before.describe()

    box = page.page.get_by_role("combobox", name="Colour by")
    box.click()
    box.press_sequentially("Unmet", delay=40)  # typed keys open the list (a bare click can land before it is ready)
    page.page.get_by_role("option", name="Unmet need", exact=True).click()
    page.wait_painted(legend="Unmet need")
    page.settle()
    after_png = page.map_screenshot(0, MAP_SHOTS / "home-colour-unmet.png")
    after = map_colour_stats(after_png)

    assert after.ok, after.describe()
    assert set(after.fills) != set(before.fills), (
        f"same colours before and after:\n{before.describe()}\n{after.describe()}"
    )
    # Reach shows "no team" in orange; unmet need has no such class and uses purples.
    orange = "#D96E1A"  # #D55E00 at the map's 0.9 opacity over white
    assert before.fills.get(orange, 0) > 0, before.describe()
    assert after.fills.get(orange, 0) == 0, after.describe()
    purples = [
        c
        for c in after.fills
        if int(c[5:7], 16) > int(c[1:3], 16)
        and int(c[5:7], 16) > int(c[3:5], 16)
        and int(c[1:3], 16) >= int(c[3:5], 16)
    ]  # blue highest, red >= green: violet
    assert len(purples) >= MIN_FILL_COLOURS, after.describe()
    assert changed_share(before_png, after_png) > 0.02
    page.assert_clean()


def changed_share(a: bytes, b: bytes) -> float:
    from PIL import Image, ImageChops

    ia, ib = (Image.open(io.BytesIO(x)).convert("RGB") for x in (a, b))
    assert ia.size == ib.size, (ia.size, ib.size)
    diff = ImageChops.difference(ia, ib).convert("L").point(lambda v: 255 if v > 24 else 0)
    return diff.histogram()[255] / (ia.size[0] * ia.size[1])


def test_team_map_after_choosing_a_team(page):
    page.open("/teams", "Team directory")
    box = page.page.get_by_role("combobox", name="Show a team's areas on the map")
    box.click()
    box.press_sequentially("OXPIP")  # the option list is virtualised: filter it first
    page.page.get_by_role("option", name="OXPIP (Oxford Parent Infant Project)").click()
    page.wait_painted()
    page.settle()
    assert_map_painted(page, 0, "teams-oxpip-desktop")
    page.assert_clean()


def test_map_check_fails_on_a_blank_map(page):
    """The pixel check must not pass on a map whose areas are not drawn (legend still present).

    The choropleth layers are hidden through MapLibre. Plotly puts them back whenever Streamlit
    re-plots the figure (a resize...), so the screenshot only counts if the layers were hidden
    both before and after it was taken."""
    page.open("/", HOME_TITLE, maps=1)
    hide = """() => {
        const m = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot')._fullLayout.map._subplot.map;
        for (const l of m.getStyle().layers)
            if (l.id.startsWith('plotly-trace-layer')) m.setLayoutProperty(l.id, 'visibility', 'none');
    }"""
    shown_layers = """() => {
        const m = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot')._fullLayout.map._subplot.map;
        return m.getStyle().layers.filter(l => l.id.startsWith('plotly-trace-layer'))
                .filter(l => ((l.layout || {}).visibility || 'visible') !== 'none').map(l => l.id);
    }"""
    for _ in range(5):
        page.page.evaluate(hide)
        page.wait_painted(fresh=True)
        if page.page.evaluate(shown_layers):
            continue
        png = page.map_screenshot(0, MAP_SHOTS / "home-blank-control.png")
        if not page.page.evaluate(shown_layers):
            break
    else:
        pytest.fail("plotly kept re-showing the map layers; the blank-map control could not be taken")
    blank = map_colour_stats(png)
    assert not blank.ok, f"a map with no areas drawn passed the check: {blank.describe()}"
    assert blank.non_white_share < 0.01 and not blank.fills, blank.describe()


def test_map_check_on_synthetic_images():
    from PIL import Image, ImageDraw

    def png(draw=None, size=(600, 600)) -> bytes:
        im = Image.new("RGB", size, "white")
        if draw:
            draw(ImageDraw.Draw(im))
        out = io.BytesIO()
        im.save(out, "PNG")
        return out.getvalue()

    assert not map_colour_stats(png()).ok  # blank
    outlines = png(
        lambda d: [d.rectangle((50 + i * 40, 50, 80 + i * 40, 500), outline="#4D4D4D", width=2) for i in range(10)]
    )
    assert not map_colour_stats(outlines).ok  # grey borders, no fills
    one_colour = png(lambda d: d.rectangle((0, 0, 400, 400), fill="#D96E1A"))
    assert not map_colour_stats(one_colour).ok  # drawn but a single class
    three = png(
        lambda d: [
            d.rectangle((0, 0, 300, 300), fill="#D96E1A"),
            d.rectangle((300, 0, 400, 100), fill="#7AB6DA"),
            d.rectangle((300, 100, 400, 200), fill="#2162A6"),
        ]
    )
    assert map_colour_stats(three).ok


def test_cold_deep_link_shows_no_page_not_found_dialog(browser):
    """A fresh server's first visitor lands on /profile: no "Page not found" modal, the app's own menu.

    Streamlit 1.67's legacy pages-directory mode (a folder named pages/ beside app.py) misses a
    page whose file name differs from its url_path, so each file is named after its url_path;
    and it lists every module in pages/ as a page until st.navigation has run, so
    ``ui.legacy_pages.leave_legacy_pages_mode`` reruns the first such run through app.py.
    """
    server = start_app()
    try:
        context = browser.new_context(viewport=DESKTOP)
        p = context.new_page()
        p.goto(server.url + "/profile?area=E06000001&level=utla")
        p.locator("h1", has_text="Area profile").wait_for(timeout=60_000)
        p.wait_for_function(SETTLED_JS, timeout=60_000, polling=100)
        dialogs = p.locator('[role="dialog"]').all_inner_texts()
        menu = [" ".join(t.split()[-3:]) for t in p.locator('[data-testid="stSidebarNav"] a').all_inner_texts()]
        url = p.url
        context.close()
        assert not any("Page not found" in d for d in dialogs), dialogs
        assert any(m.endswith("Area profile") for m in menu) and any(m.endswith("Methods and data") for m in menu), menu
        assert not any(m.split()[-1] in ("common", "downloads", "tables", "app") for m in menu), menu
        assert url.endswith("/profile?area=E06000001&level=utla"), url
    finally:
        server.stop()
