"""Files the server draws (PNG, SVG, PDF) are made on request under a spinner, then saved.

Chromium is replaced here by a stand-in that returns fixed bytes or fails, so these tests check
the page's part (what the buttons say and keep), not the drawing itself (tests/unit/exports and
the browser tests draw real files).
"""

from __future__ import annotations

import pytest

from coverage.exports import images
from tests.app.apprun import capture_downloads, downloaded, no_errors, run

pytestmark = pytest.mark.apptest

FAKE_PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 1992  # 2,000 bytes


def _home():
    """The map page, run twice: AppTest flags Streamlit's legacy pages/ mode from its second run,
    and the app leaves that mode with one rerun per process (ui/legacy_pages.py), which would
    otherwise swallow the first click of whichever test comes first."""
    at = run("pages/coverage_map.py")
    at.run()
    return at


def _press(at, label: str):
    next(b for b in at.button if b.label == label).click().run()
    return at


def _saves(at) -> list:
    return [b for b in at.get("download_button") if b.proto.label.startswith("Save the ")]


@pytest.fixture
def drawing(monkeypatch):
    monkeypatch.setattr(images, "browser_path", lambda: "/usr/bin/chromium")
    calls = []

    def fake_map_export(*args, **kwargs):
        calls.append(kwargs.get("size"))
        return FAKE_PNG

    monkeypatch.setattr(images, "map_export", fake_map_export)
    return calls


def test_drawing_happens_only_when_asked_and_the_file_is_then_saved(monkeypatch, drawing):
    files = capture_downloads(monkeypatch)
    at = _home()
    assert drawing == [] and _saves(at) == []  # nothing is drawn on a plain page view
    _press(at, "PNG, square (social media)")
    no_errors(at)
    assert drawing == ["social"]
    (save,) = _saves(at)
    assert save.proto.label == "Save the PNG (2 KB)"
    assert downloaded(save, files) == FAKE_PNG
    assert any(c.value.startswith("Drawn in ") for c in at.caption)


def test_a_drawn_file_does_not_outlive_the_view_it_was_drawn_for(drawing):
    at = _press(_home(), "PNG, square (social media)")
    assert len(_saves(at)) == 1
    at.run()  # any other change reruns the page: the drawn file is gone, not saved stale
    assert _saves(at) == []


def test_a_failed_drawing_says_so_and_offers_no_file(monkeypatch):
    monkeypatch.setattr(images, "browser_path", lambda: "/usr/bin/chromium")

    def crashed(*args, **kwargs):
        raise images.RendererError("browser closed")

    monkeypatch.setattr(images, "map_export", crashed)
    at = _press(_home(), "PNG, square (social media)")
    assert not at.exception
    assert any("could not be drawn" in e.value for e in at.error)
    assert _saves(at) == []
