"""The Change over time page: a chart and the gap table for the UK; a nation with no published count says so."""

from __future__ import annotations

import pytest

from tests.app.pages import open_page

pytestmark = [pytest.mark.apptest, pytest.mark.slow]


def test_uk_shows_published_counts_and_gaps():
    at = open_page("change")
    gaps = at.dataframe[0].value
    assert list(gaps["Published count"]) == [27, 39, 45, 49, 51]
    assert (gaps["Not in the listing, at least"] >= 0).all()
    assert any("latest published count is **51** (December 2025)" in m.value for m in at.markdown)


def test_wales_has_no_published_count_of_its_own():
    at = open_page("change")
    at.selectbox(key="change_scope").set_value("Wales").run()
    assert not at.exception
    assert any("No count for this nation alone was published" in m.value for m in at.markdown)
    assert not at.dataframe
