"""Compare: chosen areas from any level side by side, and the URL reopens the same comparison."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.pages import open_page

pytestmark = [pytest.mark.apptest, pytest.mark.slow]

KENT, MAIDSTONE, SOUTH_EAST = "utla:E10000016", "lad:E07000110", "region:E12000008"


def compare(**params) -> AppTest:
    return open_page("compare", **params)


def test_picking_areas_puts_them_side_by_side_and_in_the_url():
    at = compare()
    at.multiselect(key="cmp_pick").set_value([KENT, MAIDSTONE, SOUTH_EAST]).run()
    assert not at.exception
    assert at.query_params["pick"] == f"{KENT},{MAIDSTONE},{SOUTH_EAST}"
    table = at.dataframe[0].value
    assert list(table["Area"]) == ["Kent (council)", "Maidstone (district)", "South East (region)"]
    at.selectbox(key="cmp_metric").set_value("unmet").run()
    at.selectbox(key="cmp_level").set_value("health").run()
    at.slider(key="cmp_n").set_value(7).run()
    assert at.query_params["metric"] == "unmet"
    assert at.query_params["level"] == "health"
    assert at.query_params["show"] == "7"


def test_the_url_reopens_the_same_set_and_controls():
    at = compare(pick=f"{MAIDSTONE},{KENT}", metric="unmet", level="health", nation="Wales", show="6")
    assert at.multiselect(key="cmp_pick").value == [MAIDSTONE, KENT]
    assert at.selectbox(key="cmp_metric").value == "unmet"
    assert at.selectbox(key="cmp_level").value == "health"
    assert at.selectbox(key="cmp_nation").value == "Wales"
    assert at.slider(key="cmp_n").value == 6
    assert list(at.dataframe[0].value["Area"]) == ["Maidstone (district)", "Kent (council)"]


def test_wales_lists_do_not_repeat_and_ties_are_stated():
    at = compare(nation="Wales")
    charts = [c for c in at.get("plotly_chart")]
    assert len(charts) <= 2
    captions = " ".join(c.value for c in at.caption)
    assert "share the lowest value (0%)" in captions


def test_a_bad_pick_is_named_and_left_out():
    at = compare(pick=f"{KENT},utla:NOPE")
    assert any("is not a known area" in w.value for w in at.warning)
    assert at.multiselect(key="cmp_pick").value == [KENT]
