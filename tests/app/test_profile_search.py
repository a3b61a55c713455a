"""Typing a district's name on the profile offers its council, and pressing it opens that profile.

Result buttons are labelled with names from the data files, escaped as Markdown (``md``), as the
labels are compared here; the browser shows the same words.
"""

from __future__ import annotations

import pytest

from coverage.present.text import md
from tests.app.pages import open_page

pytestmark = [pytest.mark.apptest, pytest.mark.slow]


def test_maidstone_leads_to_kent():
    at = open_page("profile")
    at.text_input(key="profile_search").input("Maidstone").run()
    labels = [b.label for b in at.button]
    assert md("Maidstone (district)") in labels
    assert md("Kent (council), which includes Maidstone") in labels
    next(b for b in at.button if b.label.startswith(md("Kent (council)"))).click().run()
    assert not at.exception
    assert at.query_params["area"] == "E10000016" and at.query_params["level"] == "utla"
    assert any(h.value == "Kent" for h in at.header)


def test_map_search_switches_level_and_outlines_the_area():
    at = open_page("coverage_map")
    at.text_input(key="map_search").input("Maidstone").run()
    next(b for b in at.button if b.label == md("Maidstone (district)")).click().run()
    assert not at.exception
    assert at.selectbox(key="level").value == "lad"
    assert at.query_params["area"] == "E07000110"


def test_choosing_a_result_empties_the_box_and_its_results():
    at = open_page("coverage_map")
    at.text_input(key="map_search").input("Maidstone").run()
    next(b for b in at.button if b.label == md("Maidstone (district)")).click().run()
    assert at.text_input(key="map_search").value == ""
    assert not any(b.label.startswith(md("Maidstone (district)")) for b in at.button)
    assert at.query_params["area"] == "E07000110"  # the pick still took effect
