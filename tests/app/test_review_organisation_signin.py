"""Review with organisation sign-in (st.login, OpenID Connect): reviewer, not a reviewer, expired, none set up.

AppTest stands in for the signed-in person with ``at.user`` (the identity token's claims, as Streamlit
keeps them); the whole round trip through a real provider is tests/browser/test_organisation_signin.py.
"""

from __future__ import annotations

import time

import pytest
from streamlit.testing.v1 import AppTest

from coverage.listings.store import Store
from coverage.present.text import md
from tests.app.apprun import HASH, suggest_oxpip_capacity
from tests.app.apprun import page as open_with_password
from tests.support.apptest import open_app

pytestmark = pytest.mark.usefixtures("fresh_store")

AUTH = {
    "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
    "cookie_secret": "a-test-cookie-secret-that-is-long-enough",
    "client_id": "atlas",
    "client_secret": "atlas-secret",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}


@pytest.fixture(autouse=True)
def reviewer_list(monkeypatch):
    monkeypatch.setenv("ATLAS_REVIEWER_EMAILS", "ada@example.org")
    monkeypatch.setenv("ATLAS_REVIEWER_GROUP", "atlas-reviewers")


def review_as(user: dict | None, auth: dict | None = AUTH) -> AppTest:
    secrets = {"review": {"accounts": {"Reviewer One": HASH}}} | ({"auth": auth} if auth else {})
    at = open_app("pages/review.py", secrets=secrets, user=user)
    assert not at.exception, [e.value for e in at.exception]
    return at


def claims(**kw) -> dict:
    now = time.time()
    return {"is_logged_in": True, "sub": "u1", "iat": now - 60, "exp": now + 3600, **kw}


def queue_shown(at: AppTest) -> bool:
    return any("waiting" in m.value for m in at.markdown) or bool(at.tabs)


def test_a_listed_reviewer_sees_the_queue_and_decisions_carry_their_name(fresh_store):
    suggest_oxpip_capacity(open_with_password("pages/check.py"), "150")
    at = review_as(claims(email="ada@example.org", name="Ada Lovelace"))
    assert any(f"Signed in as {md('Ada Lovelace <ada@example.org>')}." in c.value for c in at.caption)
    assert queue_shown(at)
    next(b for b in at.button if b.label == "Approve").click().run()
    assert not at.exception
    assert Store().decided(limit=1)[0]["reviewer"] == "Ada Lovelace <ada@example.org>"


def test_a_member_of_the_reviewer_group_is_a_reviewer():
    at = review_as(claims(email="bob@example.org", groups=["staff", "atlas-reviewers"]))
    assert queue_shown(at) and not at.error


def test_someone_else_signed_in_sees_who_they_are_and_no_review_data(fresh_store):
    suggest_oxpip_capacity(open_with_password("pages/check.py"), "150")
    at = review_as(claims(email="mallory@example.org", name="Mallory"))
    assert (
        at.error and f"signed in as {md('Mallory <mallory@example.org>')}, which is not a reviewer" in at.error[0].value
    )
    assert not queue_shown(at)
    assert not any("PIA-" in m.value for m in at.markdown) and not at.dataframe
    assert {b.label for b in at.button} == {"Sign out", "Reset assumptions"}  # and the sidebar's own
    assert not [t for t in at.text_input if t.label == "Reviewer password"]


def test_an_expired_sign_in_shows_nothing_and_offers_to_sign_in_again():
    at = review_as(claims(email="ada@example.org", iat=time.time() - 7200, exp=time.time() - 10))
    assert at.warning and "has expired" in at.warning[0].value
    assert not queue_shown(at)
    assert "Sign in again with your organisation" in [b.label for b in at.button]


def test_signed_out_both_ways_are_offered_and_sign_out_ends_an_organisation_sign_in():
    at = review_as({"is_logged_in": False})
    labels = [b.label for b in at.button]
    assert "Sign in with your organisation" in labels and "Sign in" in labels
    assert not queue_shown(at)

    at = review_as(claims(email="ada@example.org"))
    next(b for b in at.button if b.label == "Sign out").click().run()
    assert not at.exception
    assert not queue_shown(at) and "Sign in with your organisation" in [b.label for b in at.button]


def test_without_auth_settings_only_the_password_form_shows_and_the_user_cookie_is_ignored():
    at = review_as(claims(email="ada@example.org"), auth=None)
    labels = [b.label for b in at.button]
    assert "Sign in with your organisation" not in labels and "Sign in" in labels
    assert not queue_shown(at)


def test_a_named_provider_section_is_offered_too():
    shared = {k: AUTH[k] for k in ("redirect_uri", "cookie_secret")}
    provider = {k: AUTH[k] for k in ("client_id", "client_secret", "server_metadata_url")}
    at = review_as({"is_logged_in": False}, auth={**shared, "corp": provider})
    assert "Sign in with your organisation" in [b.label for b in at.button]
    at = review_as({"is_logged_in": False}, auth=shared)  # cookie settings alone name no provider
    assert "Sign in with your organisation" not in [b.label for b in at.button]
