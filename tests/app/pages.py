"""Opening a page of the app in AppTest with URL parameters, as a visitor following a link would."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.support.apptest import open_app


def open_page(page: str, **params) -> AppTest:
    """Run ``pages/<page>.py`` with the given query parameters; fail on any exception."""
    at = open_app(f"pages/{page}.py", params=params, timeout=90)
    assert not at.exception, [e.value for e in at.exception]
    return at
