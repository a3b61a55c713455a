"""Plan in a real browser: close and re-open a team, and a hostile ``?scenario=`` link that must
render as text and make the browser fetch nothing (checked in Playwright's request log and by a
listening server that the payload points at)."""

from __future__ import annotations

import base64
import http.server
import json
import threading
import zlib

import pytest

from tests.support.browser import SCREENSHOTS, free_port, pick_option

pytestmark = pytest.mark.browser


def scenario_link(doc: dict) -> str:
    return base64.urlsafe_b64encode(zlib.compress(json.dumps(doc).encode())).decode().rstrip("=")


@pytest.fixture
def trap():
    """A local HTTP server the payload points at; it records every request that reaches it."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server API
            hits.append(self.path)
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", hits
    finally:
        server.shutdown()
        server.server_close()


def choose_team(page, name: str) -> None:
    p = page.page
    box = p.get_by_role("combobox", name="Team")
    if not box.is_visible():
        p.get_by_text("Grow, shrink, close or re-open a listed team").click()
    pick_option(page, box, name[:12], name)


def test_close_and_reopen_on_plan(page):
    page.open("/plan", "Plan")
    choose_team(page, "Blackpool PAIRS (Parent Infant Relationship Service)")
    page.page.get_by_role("button", name="Close it").click()
    page.settle()
    assert page.page.get_by_text("Close Blackpool PAIRS").count() == 1
    assert page.page.get_by_text("UK teams counted").count() == 1

    choose_team(page, "NorPIP (Northamptonshire Parent Infant Partnership)")
    page.page.get_by_role("button", name="Re-open it").click()
    page.settle()
    assert page.page.get_by_text("Re-open NorPIP").count() == 1
    page.full_screenshot(SCREENSHOTS / "plan-close-reopen.png")

    page.page.get_by_role("button", name="Remove").first.click()
    page.settle()
    assert page.page.get_by_text("Close Blackpool PAIRS").count() == 0
    page.assert_clean()


def test_a_markdown_payload_in_a_link_renders_as_text_and_fetches_nothing(page, trap):
    origin, hits = trap
    payload = f"![pixel]({origin}/pixel.png) [Sign in again]({origin}/login) <img src={origin}/raw.png>"
    requests: list[str] = []
    page.page.on("request", lambda r: requests.append(r.url))
    page.open("/plan?scenario=" + scenario_link({"version": 1, "changes": [], payload: 1}), "Plan")
    alert = page.page.locator('[data-testid="stAlertContentError"]').first
    alert.wait_for()
    text = alert.inner_text()
    assert "![pixel](" in text and "[Sign in again](" in text  # shown literally
    assert alert.locator("img").count() == 0 and alert.locator("a").count() == 0
    page.full_screenshot(SCREENSHOTS / "plan-hostile-link.png")
    assert hits == []
    assert [u for u in requests if u.startswith(origin)] == []
    page.assert_clean()
