"""Every page opens without an error and has a title."""

from __future__ import annotations

import pytest

from tests.app.apprun import PAGES, no_errors, run


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs(page):
    at = run(page)
    no_errors(at)
    assert at.title, "each page has a title"
