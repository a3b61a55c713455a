"""The app opened in Streamlit's AppTest: the one place a page test builds one.

Every page test starts the same way: ``app.py`` (so ``st.navigation`` and the shared sidebar run as
for a visitor), then secrets, a signed-in user, session state or URL parameters, then the page.
Tests get this as the ``app_test`` fixture (tests/conftest.py); the page helpers in tests/app call it
directly.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "app.py"


def open_app(
    page: str | None = None,
    *,
    params: Mapping[str, Any] | None = None,
    secrets: Mapping[str, Any] | None = None,
    session_state: Mapping[str, Any] | None = None,
    user: Mapping[str, Any] | None = None,
    timeout: float = 60,
    run: bool = True,
) -> AppTest:
    """The app in AppTest, switched to ``page`` (``"pages/plan.py"``; the home page when None) with
    these URL parameters, secrets, session state and signed-in user, and run once unless ``run`` is
    False. Nothing is checked: each test asserts what it expects (most, that nothing raised)."""
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    for key, value in (secrets or {}).items():
        at.secrets[key] = value
    if user is not None:
        at.user = user
    for key, value in (session_state or {}).items():
        at.session_state[key] = value
    for key, value in (params or {}).items():
        at.query_params[key] = value
    if page is not None:
        at.switch_page(page)
    if run:
        at.run()
    return at
