"""Organisation sign-in end to end in Chromium, against a local OpenID Connect provider on 127.0.0.1.

The provider is ``oidc-provider-mock`` (its sign-in form takes the person's subject) run in this
process; the app gets an ``[auth]`` section through a secrets file outside the repository
(``STREAMLIT_SECRETS_FILES``) and ``ATLAS_REVIEWER_EMAILS`` naming one reviewer. In one browser:

1. the reviewer signs in through the provider and sees the queue with a pending suggestion; signs out
   (through the provider's end-session page) and Review offers sign-in again, showing nothing;
2. someone not on the list signs in: told who they are and that they are not a reviewer, no data;
3. expiry: the provider's ID tokens live ``TOKEN_LIFE``; the reviewer signs in again, sees the
   queue, and once that token's ``exp`` has passed (Streamlit's 30-day cookie still present) Review
   says the sign-in has expired and shows nothing.
"""

from __future__ import annotations

import json
import os
import secrets
import threading
import time
import urllib.request
from datetime import timedelta
from urllib.parse import quote, urlsplit

import pytest

from tests.support.browser import DESKTOP, RENDER_TIMEOUT_MS, SCREENSHOTS, SETTLED_JS, app_store, start_app

pytestmark = pytest.mark.browser

TOKEN_LIFE = timedelta(seconds=60)  # long enough to see the queue on a busy machine, short enough to wait out
REVIEWER = ("ada@example.org", {"email": "ada@example.org", "email_verified": True, "name": "Ada Reviewer"})
STRANGER = ("mallory@example.org", {"email": "mallory@example.org", "email_verified": True, "name": "Mallory"})


@pytest.fixture(scope="module")
def provider():
    import oidc_provider_mock
    import werkzeug.serving

    before = os.environ.get("AUTHLIB_INSECURE_TRANSPORT")
    os.environ["AUTHLIB_INSECURE_TRANSPORT"] = "1"  # plain http on 127.0.0.1, as in CI
    server = werkzeug.serving.make_server(
        "127.0.0.1", 0, oidc_provider_mock.app(require_nonce=True, access_token_max_age=TOKEN_LIFE), threaded=True
    )
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}"
    for sub, claims in (REVIEWER, STRANGER):
        request = urllib.request.Request(
            f"{url}/users/{quote(sub)}",
            data=json.dumps(claims).encode(),
            method="PUT",
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 204
    yield url
    server.shutdown()
    thread.join(timeout=10)
    if before is None:
        os.environ.pop("AUTHLIB_INSECURE_TRANSPORT", None)
    else:
        os.environ["AUTHLIB_INSECURE_TRANSPORT"] = before


@pytest.fixture(scope="module")
def signin_app(provider, chromium_path, tmp_path_factory):
    secrets_file = tmp_path_factory.mktemp("oidc-secrets") / "secrets.toml"
    server = start_app(extra_env={"STREAMLIT_SECRETS_FILES": str(secrets_file), "ATLAS_REVIEWER_EMAILS": REVIEWER[0]})
    # Streamlit reads secrets when a page first asks, so the file can name the port the app was given.
    secrets_file.write_text(
        "[auth]\n"
        f'redirect_uri = "{server.url}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_hex(32)}"\n'
        'client_id = "atlas-review"\n'
        'client_secret = "atlas-review-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n'
    )
    reference = app_store(server).submit(
        "correction", "oxpip", {"families_per_year": "140"}, "lead@oxpip.org.uk", "https://www.oxpip.org.uk/about"
    )
    yield server, reference
    server.stop()


def review(page, url: str):
    page.goto(url + "/review", wait_until="domcontentloaded")
    page.locator("h1", has_text="Review suggestions").first.wait_for(timeout=RENDER_TIMEOUT_MS)
    # the page has decided (a sign-in button, a signed-in caption, or a refusal) and finished its run
    page.locator('button:has-text("Sign in with your organisation"), button:has-text("Sign out")').first.wait_for(
        timeout=RENDER_TIMEOUT_MS
    )
    page.wait_for_function(SETTLED_JS, timeout=RENDER_TIMEOUT_MS, polling=100)


def local_only(route) -> None:
    """Nothing leaves 127.0.0.1 (the provider's pages link a stylesheet on a CDN): CI has no network."""
    if urlsplit(route.request.url).hostname == "127.0.0.1":
        route.continue_()
    else:
        route.abort()


def sign_in(page, url: str, who: str) -> None:
    review(page, url)
    page.get_by_role("button", name="Sign in with your organisation").click()
    page.get_by_placeholder("sub").fill(who)  # the provider's own form
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(url + "/**", timeout=RENDER_TIMEOUT_MS, wait_until="commit")  # back at the app's home page
    review(page, url)


def sign_out(page, url: str, provider: str) -> str:
    """Press Sign out; confirm on the provider's end-session page if Streamlit goes there. Returns the path taken."""
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(
        lambda u: u.startswith(provider) or (u.startswith(url) and "/review" not in u and "/auth/" not in u),
        timeout=RENDER_TIMEOUT_MS,
        wait_until="commit",
    )
    if not page.url.startswith(provider):
        return "app only"
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(url + "/**", timeout=RENDER_TIMEOUT_MS, wait_until="commit")
    return "through the provider's end-session page"


def main_text(page) -> str:
    """The page's text as read (the invisible word joiners that stop autolinks removed)."""
    return page.locator('[data-testid="stMain"]').inner_text().replace("\u2060", "")


def test_reviewer_stranger_sign_out_and_expiry(browser, provider, signin_app):
    server, reference = signin_app
    context = browser.new_context(viewport=DESKTOP)
    context.route("**/*", local_only)
    page = context.new_page()
    try:
        # 1. the reviewer
        sign_in(page, server.url, REVIEWER[0])
        signed_in_at = time.monotonic()
        page.get_by_text(reference).first.wait_for(timeout=RENDER_TIMEOUT_MS)
        page.wait_for_function(SETTLED_JS, timeout=RENDER_TIMEOUT_MS, polling=100)
        text = main_text(page)
        assert "Signed in as Ada Reviewer <ada@example.org>" in text and "suggestion(s) waiting" in text
        assert time.monotonic() - signed_in_at < TOKEN_LIFE.total_seconds()  # seen before it could expire
        page.screenshot(path=str(SCREENSHOTS / "review-organisation-reviewer.png"))
        print("sign-out went", sign_out(page, server.url, provider))
        review(page, server.url)
        text = main_text(page)
        assert "Signed in as" not in text and reference not in text
        assert page.get_by_role("button", name="Sign in with your organisation").count() == 1
        assert not [c for c in context.cookies() if c["name"].startswith("_streamlit_user")]

        # 2. someone signed in who is not a reviewer
        sign_in(page, server.url, STRANGER[0])
        page.get_by_text("which is not a reviewer account").wait_for(timeout=RENDER_TIMEOUT_MS)
        text = main_text(page)
        assert "signed in as Mallory <mallory@example.org>" in text
        assert reference not in text and "waiting" not in text and "Pending" not in text
        page.screenshot(path=str(SCREENSHOTS / "review-organisation-not-reviewer.png"))
        sign_out(page, server.url, provider)

        # 3. the reviewer again, until the provider's token expires
        sign_in(page, server.url, REVIEWER[0])
        page.get_by_text(reference).first.wait_for(timeout=RENDER_TIMEOUT_MS)
        deadline = time.monotonic() + TOKEN_LIFE.total_seconds() + 60
        while "has expired" not in main_text(page):
            assert time.monotonic() < deadline, "the sign-in never expired"
            page.wait_for_timeout(3000)
            review(page, server.url)  # a fresh session reads the same 30-day cookie
        text = main_text(page)
        assert "Your organisation sign-in as Ada Reviewer <ada@example.org> has expired" in text
        assert reference not in text and "waiting" not in text
        assert [c for c in context.cookies() if c["name"].startswith("_streamlit_user")]  # cookie still there
        page.screenshot(path=str(SCREENSHOTS / "review-organisation-expired.png"))
    finally:
        context.close()
    log = server.log()
    assert "Traceback" not in log, log[-3000:]
