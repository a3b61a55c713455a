"""The pydeck maps in a real browser: the team map, its tooltip and click, the 3D coverage map.

Chromium draws WebGL through SwiftShader (``--use-angle=swiftshader --enable-unsafe-swiftshader``).
The app runs on a copy of data/ whose directory has one more listing, named like an XSS payload
and placed alone in Shetland, so it can be found on screen by projecting its coordinates the way
deck.gl does. Every request to anything but the app is blocked and recorded: the maps must draw
with no network at all.
"""

from __future__ import annotations

import csv
import math
import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest

from tests.support.browser import (
    DESKTOP,
    PHONE,
    RENDER_TIMEOUT_MS,
    REPO,
    SCREENSHOTS,
    SETTLED_JS,
    AppPage,
    map_colour_stats,
    start_app,
    warm_up,
)

pytestmark = pytest.mark.browser

WEBGL_ARGS = [
    "--no-sandbox",
    "--use-angle=swiftshader",
    "--enable-unsafe-swiftshader",
    "--disable-background-networking",
]
XSS_NAME = "<img src=x onerror=alert(1)>"
XSS_ID = "xss-probe"
SHETLAND = "S12000027"
DECK = '[data-testid="stDeckGlJsonChart"]'
DECK_CANVAS = DECK + " canvas#deckgl-overlay"
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}


@pytest.fixture(scope="module")
def data_with_probe():
    folder = Path(tempfile.mkdtemp(prefix="atlas-teammap-data-"))
    shutil.copytree(REPO / "data", folder, dirs_exist_ok=True)
    with (folder / "teams.csv").open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    row = dict.fromkeys(header, "")
    row.update(
        team_id=XSS_ID,
        name=XSS_NAME,
        host_organisation="<b>Host</b> & co",
        nation="Scotland",
        area_level="utla",
        area_codes=SHETLAND,
        area_names="Shetland Islands",
        status="active",
        confidence="reported",
        kind="specialised",
        last_verified="2025-06-30",
    )
    with (folder / "teams.csv").open("a", encoding="utf-8", newline="") as f:
        csv.DictWriter(f, fieldnames=header, lineterminator="\n").writerow(row)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def probe_server(chromium_path, data_with_probe):
    old = os.environ.get("ATLAS_DATA_DIR")
    os.environ["ATLAS_DATA_DIR"] = str(data_with_probe)
    try:
        server = start_app()
    finally:
        if old is None:
            os.environ.pop("ATLAS_DATA_DIR", None)
        else:
            os.environ["ATLAS_DATA_DIR"] = old
    yield server
    server.stop()


@pytest.fixture(scope="module")
def warm_probe_server(probe_server, webgl_browser):
    warm_up(webgl_browser, probe_server)  # see conftest.base_url: a cold deep link shows "Page not found"
    return probe_server


@pytest.fixture(scope="module")
def webgl_browser(playwright_driver, chromium_path):
    b = playwright_driver.chromium.launch(executable_path=chromium_path, args=WEBGL_ARGS)
    yield b
    b.close()


@pytest.fixture
def deck_page(webgl_browser, warm_probe_server, viewport):
    probe_server = warm_probe_server
    context = webgl_browser.new_context(viewport=viewport)
    outside: list[str] = []

    def block(route):
        if route.request.url.startswith(probe_server.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", block)
    try:
        page = AppPage(context.new_page(), probe_server, probe_server.url).attach()
        page.outside_requests = outside
        yield page
    finally:
        context.close()


def open_deck(page: AppPage, path: str, heading: str) -> None:
    page.open(path, heading)
    page.page.locator(DECK_CANVAS).first.wait_for(timeout=RENDER_TIMEOUT_MS)
    page.page.locator(DECK).first.scroll_into_view_if_needed()


def deck_pixels(page: AppPage, name: str, timeout_s: float = 30):
    """Screenshot the deck's canvas until it holds drawn colours (deck.gl draws a frame or two later)."""
    deadline = time.monotonic() + timeout_s
    while True:
        page.page.mouse.move(0, 0)
        png = page.page.locator(DECK_CANVAS).first.screenshot(animations="disabled")
        stats = map_colour_stats(png, min_pixels=40)
        if stats.ok or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / f"{name}-canvas.png").write_bytes(png)
    return stats


def probe_on_screen(page: AppPage, data_dir: Path) -> tuple[float, float]:
    """Where deck.gl draws the probe listing: web-mercator (512 px world at zoom 0) from the deck's camera."""
    from coverage.model.assumptions import Assumptions
    from coverage.model.atlas import load_atlas
    from coverage.model.gaps import area_table
    from coverage.present import team_map
    from coverage.present.decks import view_state

    atlas = load_atlas(data_dir)
    a = Assumptions()
    markers = team_map.team_markers(atlas, atlas.teams, a.families_per_team)
    camera = view_state(team_map.deck_bounds(area_table(atlas, "utla", a), markers), 560)
    probe = markers.set_index("team_id").loc[XSS_ID]
    box = page.page.locator(DECK_CANVAS).first.bounding_box()
    scale = 512 * 2**camera.zoom

    def merc(lat):
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    x = box["x"] + box["width"] / 2 + (probe["lon"] - camera.longitude) / 360 * scale
    y = box["y"] + box["height"] / 2 - (merc(probe["lat"]) - merc(camera.latitude)) / (2 * math.pi) * scale
    return x, y


@pytest.mark.parametrize("viewport", list(VIEWPORTS.values()), ids=list(VIEWPORTS))
def test_team_map_draws_offline(deck_page, viewport):
    tag = "desktop" if viewport == DESKTOP else "phone"
    open_deck(deck_page, "/teams", "Team directory")
    stats = deck_pixels(deck_page, f"teammap-{tag}")
    assert stats.ok, f"team map does not look drawn: {stats.describe()}"
    assert "#0072B2" in stats.fills or any(c.startswith("#00") for c in stats.fills), stats.describe()
    deck_page.full_screenshot(SCREENSHOTS / f"teammap-{tag}.png")
    assert deck_page.outside_requests == []
    deck_page.assert_clean()


@pytest.mark.parametrize("viewport", list(VIEWPORTS.values()), ids=list(VIEWPORTS))
def test_3d_coverage_map_draws_offline(deck_page, viewport):
    tag = "desktop" if viewport == DESKTOP else "phone"
    open_deck(deck_page, "/?d3=1", "Where babies have no parent-infant relationship team")
    stats = deck_pixels(deck_page, f"map3d-{tag}")
    assert stats.ok, f"3D map does not look drawn: {stats.describe()}"
    deck_page.page.screenshot(path=str(SCREENSHOTS / f"map3d-{tag}.png"), animations="disabled")
    assert deck_page.outside_requests == []
    deck_page.assert_clean()


def hover_probe(page: AppPage, data_dir: Path) -> tuple[float, float, str]:
    """Move the mouse onto the probe's marker; returns where, and the tooltip's text."""
    open_deck(page, "/teams", "Team directory")
    assert deck_pixels(page, "teammap-hover").ok
    x, y = probe_on_screen(page, data_dir)
    tooltip = page.page.locator(".deck-tooltip")
    for dx, dy in ((0, 0), (2, 0), (0, 2), (-2, 0), (0, -2)):  # a pixel of rounding either way
        page.page.mouse.move(x + dx, y + dy)
        try:
            tooltip.wait_for(state="visible", timeout=3000)
            return x + dx, y + dy, tooltip.inner_text()
        except Exception:  # noqa: BLE001 - not over the marker yet: try the next pixel
            continue
    return x, y, ""


def test_hover_shows_name_host_size_areas_and_date_as_text(deck_page, data_with_probe):
    _, _, text = hover_probe(deck_page, data_with_probe)
    deck_page.page.screenshot(path=str(SCREENSHOTS / "teammap-tooltip.png"))
    assert text.splitlines()[0] == XSS_NAME, text  # the payload as characters, not an image
    assert "Host: <b>Host</b> & co" in text
    assert "Size: 107 families a year (assumed: no published figure)" in text
    assert "Areas: Shetland Islands" in text and "Evidence date: 2025-06-30" in text
    assert deck_page.page.locator('img[src="x"]').count() == 0 and deck_page.dialogs == []
    assert deck_page.outside_requests == []
    deck_page.assert_clean()


@pytest.mark.xfail(
    reason="Software WebGL (SwiftShader) blocks the page for 0.4-4 s while deck.gl picks on pointerdown, so its "
    "tap recogniser (at most 250 ms from press to release) sees no click; with no council underlay the same "
    "click opens the listing. See the issue-15 note.",
    strict=True,
)
def test_click_on_a_team_opens_its_listing(deck_page, data_with_probe):
    x, y, _ = hover_probe(deck_page, data_with_probe)
    deck_page.page.mouse.click(x, y)
    deck_page.page.wait_for_function(
        "id => location.pathname.endsWith('/check') && location.search.includes('team=' + id)",
        arg=XSS_ID,
        timeout=20_000,
    )
    deck_page.page.locator("h1", has_text="Check a listing").first.wait_for(timeout=RENDER_TIMEOUT_MS)
    deck_page.page.wait_for_function(SETTLED_JS, timeout=RENDER_TIMEOUT_MS, polling=100)
    assert deck_page.page.get_by_text(XSS_NAME, exact=True).count() >= 1
    assert deck_page.page.locator('img[src="x"]').count() == 0 and deck_page.dialogs == []


@pytest.mark.parametrize("path,heading", [("/teams", "Team directory"), ("/?d3=1", "Where babies have no")])
def test_deck_pages_have_no_serious_accessibility_violations(deck_page, path, heading):
    from axe_playwright_python.sync_playwright import Axe

    open_deck(deck_page, path, heading)
    results = Axe().run(deck_page.page).response
    blocking = [v for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert not blocking, [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in blocking]
