"""Team directory: search and count."""

from __future__ import annotations

from tests.app.apprun import PAGES, no_errors, run


def test_directory_search_and_count(atlas):
    at = run(PAGES[3])
    no_errors(at)
    assert "61 services listed" in at.markdown[0].value
    at.text_input(key="dir_text").input("Grampian").run()
    no_errors(at)
    assert any("1 of 61 listings shown" in c.value for c in at.caption)
