"""Open a page of the app in Streamlit's AppTest, as a visitor with a link would, and act on it."""

from __future__ import annotations

from pathlib import Path

from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from coverage.listings.accounts.auth import hash_password
from tests.support.apptest import open_app

APP = Path(__file__).resolve().parents[2] / "app.py"
PAGES = [
    "pages/coverage_map.py",
    "pages/profile.py",
    "pages/compare.py",
    "pages/teams.py",
    "pages/plan.py",
    "pages/check.py",
    "pages/review.py",
    "pages/methods.py",
    "pages/change.py",  # appended: tests address pages by index
    "pages/health.py",
]
PASSWORD = "a long test password"
HASH = hash_password(PASSWORD, iterations=1000)


def run(page: str, **params) -> AppTest:
    """The page opened with these query parameters (not yet checked for errors)."""
    return open_app(page if page != PAGES[0] else None, params=params)


def no_errors(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def page(name: str, **params) -> AppTest:
    """The page opened with a reviewer password configured; it must not raise."""
    at = open_app(name, params=params, secrets={"review": {"accounts": {"Reviewer One": HASH}}})
    assert not at.exception, [e.value for e in at.exception]
    return at


def suggest_oxpip_capacity(at: AppTest, families: str, email="lead@oxpip.org.uk") -> AppTest:
    """On Check a listing: suggest a new families-per-year figure for OXPIP."""
    at.selectbox(key="chk_team").set_value("oxpip").run()
    form_inputs = {}
    for t in at.text_input:  # the correction form comes first; the new-team form reuses some labels
        form_inputs.setdefault(t.label, t)
    form_inputs["Families seen in a year (if published)"].input(families)
    form_inputs["Your email (for our reply only; never shown)"].input(email)
    form_inputs["A public page that supports the change"].input("https://www.oxpip.org.uk/about")
    next(b for b in at.button if b.label == "Send the correction").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def sign_in(at: AppTest, password=PASSWORD) -> AppTest:
    """On Review: sign in as a named reviewer."""
    inputs = {t.label: t for t in at.text_input}
    inputs["Your name (recorded with each decision)"].input("Reviewer One")
    inputs["Reviewer password"].input(password)
    next(b for b in at.button if b.label == "Sign in").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def plan(**params) -> AppTest:
    """The Plan page opened with these query parameters; it must not raise."""
    at = open_app("pages/plan.py", params=params)
    assert not at.exception, [e.value for e in at.exception]
    return at


def add_team(at: AppTest, codes: list[str]) -> AppTest:
    """On Plan: choose these areas and add a hypothetical team serving them."""
    at.multiselect(key="plan_areas").set_value(codes).run()
    next(b for b in at.button if b.label.startswith("Add this team")).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def capture_downloads(monkeypatch) -> dict[str, bytes]:
    """Record what each download button would send, by media file id (AppTest keeps no copy we can read).

    ``downloaded(at, files)`` then gives a button's bytes: a test can open the saved file itself.
    """
    files: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def load_and_get_id(self, path_or_data, mimetype, kind, filename=None):
        file_id = original(self, path_or_data, mimetype, kind, filename)
        data = path_or_data.encode("utf-8") if isinstance(path_or_data, str) else bytes(path_or_data)
        files[file_id] = data
        return file_id

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", load_and_get_id)
    return files


def downloaded(button, files: dict[str, bytes]) -> bytes:
    """The bytes a download button serves (see ``capture_downloads``)."""
    file_id = button.proto.url.rsplit("/", 1)[-1].split(".", 1)[0]
    return files[file_id]
