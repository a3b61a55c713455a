"""Opening a page of the app in AppTest with URL parameters, as a visitor following a link would."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "app.py"


def open_page(page: str, **params) -> AppTest:
    """Run ``pages/<page>.py`` with the given query parameters; fail on any exception."""
    at = AppTest.from_file(str(APP), default_timeout=90)
    for k, v in params.items():
        at.query_params[k] = v
    at.switch_page(f"pages/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at
