"""Real-browser fixtures: the Streamlit app on a free port, Debian's Chromium, and a page that records problems.

Nothing is downloaded: Chromium is the system one (``/usr/bin/chromium``), never ``playwright install``.
Missing Chromium skips these tests locally but fails them in CI (tests/support/prerequisites.py), so CI
cannot pass by skipping. The plain helpers these fixtures use live in tests/support/browser.py.
"""

from __future__ import annotations

import os

import pytest

from tests.support.browser import CHROMIUM, DESKTOP, LAUNCH_ARGS, AppPage, AppServer, start_app, warm_up
from tests.support.prerequisites import unavailable

# --------------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------------

# Journeys that change the app's data (test_flows.py approves a new team for Hartlepool) share the
# session's server, so they run after the tests that check and screenshot the shipped figures.
STATEFUL_MODULES = {"test_flows.py"}


def pytest_collection_modifyitems(config, items):
    items.sort(key=lambda item: item.path.name in STATEFUL_MODULES)  # stable: order kept otherwise


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not os.path.exists(CHROMIUM):
        unavailable(
            f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium); no browser is ever downloaded"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        unavailable("the playwright package is not installed (pip install -r requirements-dev.txt)")
    return CHROMIUM


@pytest.fixture(scope="session")
def app_server(chromium_path) -> AppServer:
    # Depends on chromium_path only so that a machine without a browser does not start the app.
    server = start_app()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def playwright_driver(chromium_path):
    """One Playwright driver for the whole run: its sync API cannot be started twice in one process."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_driver, chromium_path):
    b = playwright_driver.chromium.launch(executable_path=chromium_path, args=LAUNCH_ARGS)
    yield b
    b.close()


@pytest.fixture(scope="session")
def base_url(app_server, browser) -> str:
    """The app's URL, after one visit to the home page.

    On a freshly started server, the first session that opens /profile or /teams gets a
    "Page not found" modal (the right page still renders): the folder named pages/ next to app.py
    makes Streamlit resolve that first request the legacy pages-directory way, before
    st.navigation has ever run. Whichever test ran first would fail for it, so the server is
    warmed up here, and test_pages.py::test_cold_deep_link_shows_no_page_not_found_dialog tracks
    the bug itself on its own server.
    """
    return warm_up(browser, app_server)


@pytest.fixture
def viewport() -> dict:
    """Desktop unless a test parametrizes ``viewport``."""
    return DESKTOP


@pytest.fixture
def page(browser, base_url, app_server, viewport):
    """A fresh browser context (so a fresh Streamlit session) per test, recording problems."""
    context = browser.new_context(viewport=viewport)
    try:
        app_page = AppPage(context.new_page(), app_server, base_url).attach()
        yield app_page
    finally:
        context.close()
