"""Check a listing in Chromium with an approved listing whose text carries an image, HTML and links.

Before the fix, ``st.table`` rendered the record's cells as Markdown, so an approved name with an
image made every visitor's browser fetch it. Here the record must hold no ``<img>`` and no ``<a>``,
the page must request nothing from the payload's host, and the cells must read as the typed characters.
"""

from __future__ import annotations

import pytest

from tests.support.browser import DESKTOP, RENDER_TIMEOUT_MS, SCREENSHOTS, SETTLED_JS, app_store, start_app

pytestmark = pytest.mark.browser

PAYLOAD = (
    "Evil ![x](http://evil.example/x.png) <img src=x onerror=alert(1)> [click](javascript:alert(1)) "
    "**bold** www.evil.example"
)


@pytest.fixture(scope="module")
def hostile_app(chromium_path):
    from coverage.listings.workflow import review
    from coverage.model.atlas import load_atlas

    server = start_app()
    atlas = load_atlas()
    teams = atlas.teams.copy()
    row = teams.index[teams["team_id"] == "oxpip"][0]
    for field in ("name", "host_organisation", "age_range", "interventions", "unresolved_areas"):
        teams.at[row, field] = f"{field} {PAYLOAD}"
    teams.at[row, "website"] = "https://example.org/a)![x](http://evil.example/x.png)"
    review.import_directory(app_store(server), atlas, teams, teams, "Browser test", "hostile names", 0)
    yield server
    server.stop()


def test_check_a_listing_makes_no_image_or_link_from_an_approved_name(browser, hostile_app):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    requested, dialogs = [], []
    page.on("request", lambda r: requested.append(r.url))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        page.goto(hostile_app.url + "/check?team=oxpip", wait_until="domcontentloaded")
        table = page.locator('[data-testid="stTable"]').first
        table.wait_for(timeout=RENDER_TIMEOUT_MS)
        page.wait_for_function(SETTLED_JS, timeout=RENDER_TIMEOUT_MS, polling=100)
        assert table.locator("img").count() == 0
        assert table.locator("a").count() == 0
        assert table.locator("strong, b").count() == 0
        text = table.inner_text().replace("\u2060", "")
        assert f"name {PAYLOAD}" in text and "https://example.org/a)![x](http://evil.example/x.png)" in text
        main = page.locator('[data-testid="stMain"]')
        assert main.locator('img[src*="evil"], img[src="x"], a[href^="javascript"], a[href*="evil"]').count() == 0
        page.screenshot(path=str(SCREENSHOTS / "check-hostile-listing.png"), full_page=True)
    finally:
        context.close()
    assert not [u for u in requested if "evil" in u or u.endswith("/x")], requested
    assert not dialogs
