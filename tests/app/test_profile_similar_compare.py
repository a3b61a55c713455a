"""The profile's similar areas go into Compare in one click, the set carried in the link."""

from __future__ import annotations

from coverage.model import profile
from coverage.model.assumptions import Assumptions
from coverage.model.atlas import load_atlas
from coverage.model.gaps import area_table
from tests.app.pages import open_page

KENT = "E10000016"


def test_similar_areas_link_opens_compare_with_the_set():
    table = area_table(load_atlas(), "utla", Assumptions())
    similar = profile.similar_areas(table, KENT)
    picks = ",".join(f"utla:{c}" for c in [KENT, *similar["area_code"]])
    at = open_page("profile", area=KENT, level="utla")
    links = [p.proto for p in at.get("page_link") if p.proto.label.startswith("Compare Kent with these")]
    assert len(links) == 1
    assert links[0].page == "compare"
    assert f"pick={picks.replace(':', '%3A').replace(',', '%2C')}" in links[0].query_string
    # Following it, Compare has the six areas chosen, in that order.
    compare = open_page("compare", pick=picks)
    assert compare.multiselect(key="cmp_pick").value == [p for p in picks.split(",")]
