"""Who may use Review: a reviewer signed in through their organisation or with a named account.

Organisation sign-in is OpenID Connect with ``st.login`` (when ``[auth]`` is in secrets; who counts as a
reviewer is ``coverage.listings.accounts.reviewers``); named accounts are a salted hash each, in Streamlit secrets
``[review.accounts]`` or ``ATLAS_REVIEW_ACCOUNTS`` (``coverage.listings.accounts.auth``, which also throttles
guesses per client). Anyone else sees the sign-in and nothing of the review data: the page stops here.
"""

from __future__ import annotations

import datetime as dt
import logging

import streamlit as st

from coverage import settings
from coverage.listings.accounts import auth, reviewers
from coverage.present.text import md
from ui import chrome, client
from ui.store_edge import UNAVAILABLE

logger = logging.getLogger(__name__)
SIGNING_OUT = "review_signing_out"  # set by Sign out; the next run ends the organisation sign-in


def store_down(action: str, exc: Exception) -> None:
    """Say that nothing changed because the store cannot be used; the cause goes to the log."""
    logger.error("corrections store unavailable while %s: %s", action, exc)
    st.error(
        f"The corrections database cannot be used just now ({action}), so nothing was changed. "
        "Suggestions already sent are safe; please try again later."
    )


def stop_here() -> None:
    """End the page here, with its footer (for a visitor who is not, or not yet, a reviewer)."""
    chrome.footer()
    st.stop()


def reviewer_accounts() -> dict[str, str]:
    """The named reviewer accounts (name to salted hash), from secrets or the environment."""
    try:
        section = st.secrets.get("review", {})
    except FileNotFoundError:  # no secrets file at all
        section = {}
    return auth.accounts_from(section, settings.current().get("ATLAS_REVIEW_ACCOUNTS") or None)


def organisation_provider() -> tuple[bool, str | None]:
    """Whether organisation sign-in (OpenID Connect, ``[auth]`` in secrets) is set up, and the provider's name.

    ``[auth]`` holds the provider itself, or named providers as ``[auth.<name>]``; with several,
    ``ATLAS_OIDC_PROVIDER`` picks one. Without ``[auth]`` only the password accounts are offered.
    """
    try:
        section = st.secrets.get("auth") or {}
    except FileNotFoundError:  # no secrets file at all
        return False, None
    if "server_metadata_url" in section:
        return True, None
    named = [k for k, v in section.items() if hasattr(v, "get") and v.get("server_metadata_url")]
    wanted = settings.current().get("ATLAS_OIDC_PROVIDER")
    if wanted in named or len(named) == 1:
        return True, wanted or named[0]
    return False, None


def organisation_reviewer(provider: str | None) -> str | None:
    """The signed-in person's name if their organisation sign-in makes them a reviewer now; else stop here.

    Checked on every run, so a sign-in that expires mid-session ends at the next click.
    """
    verdict = reviewers.judge(
        st.user.to_dict(), reviewers.ReviewerPolicy.from_env(settings.current().environ), dt.datetime.now(dt.UTC)
    )
    if verdict.state == reviewers.REVIEWER:
        return verdict.who
    if verdict.state == reviewers.EXPIRED:
        st.warning(f"Your organisation sign-in as {md(verdict.who)} has expired ({md(verdict.why)}). Sign in again.")
        if st.button("Sign in again with your organisation", type="primary"):
            st.login(provider)
    else:
        logger.info("organisation sign-in refused on Review: %s (%s)", verdict.who, verdict.why)
        st.error(
            f"You are signed in as {md(verdict.who)}, which is not a reviewer account ({md(verdict.why)}). "
            "Nothing on this page is shown to you. If you should be a reviewer, ask the site's editors to add you."
        )
    if st.button("Sign out"):
        st.logout()
    stop_here()


def signed_in_reviewer(store) -> str:
    """The name of the reviewer signed in to this session; for anyone else, the sign-in, then the page stops."""
    via_organisation, provider = organisation_provider()
    if st.session_state.pop(SIGNING_OUT, False) and via_organisation and st.user.is_logged_in:
        # st.logout() only queues the browser's trip to /auth/logout, and a run's start empties the queue: called
        # just before st.rerun() it was lost on a busy server. Called here, this run goes on signed out and sends it.
        st.logout()
    if via_organisation and st.user.is_logged_in:
        st.session_state["reviewer"] = organisation_reviewer(provider)
    elif not st.session_state.get("reviewer"):
        if via_organisation:
            if st.button("Sign in with your organisation", type="primary"):
                st.login(provider)
            st.caption("Or, with a named reviewer account:")
        with st.form("sign_in"):
            who = st.text_input("Your name (recorded with each decision)", max_chars=auth.MAX_NAME_CHARS)
            password = st.text_input("Reviewer password", type="password", max_chars=200)
            go = st.form_submit_button("Sign in", type="primary" if not via_organisation else "secondary")
        if go:
            try:
                ok, message = auth.attempt(store, client.client_keys(wide=False), who, password, reviewer_accounts())
            except UNAVAILABLE as exc:
                store_down("signing in", exc)
                stop_here()
            if ok:
                st.session_state["reviewer"] = who.strip()
                st.rerun()
            st.error(message)
        stop_here()
    return st.session_state["reviewer"]
