"""The home page's first screen: the chosen area's own figures and answer card, one area box, the table twin on demand."""

from __future__ import annotations

import json

from coverage.model.assumptions import Assumptions
from coverage.model.gaps import area_table
from coverage.present.metrics import format_value
from pages.coverage_map import TWIN_KEY
from tests.app.apprun import PAGES, no_errors, run

KENT = "E10000016"


def page_links(at) -> dict[str, str]:
    """Each page link's label -> its target page and query string."""
    links = {}
    for el in at.get("page_link"):
        proto = el.proto
        links[proto.label] = f"{proto.page}?{proto.query_string}"
    return links


def test_choosing_an_area_shows_its_own_figures_and_where_to_go_next(atlas):
    at = run(PAGES[0], area=KENT, level="utla")
    no_errors(at)
    kent = area_table(atlas, "utla", Assumptions()).set_index("area_code").loc[KENT]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Teams counted"] == str(int(kent["teams"]))  # an area has no published count to show
    assert metrics["Need a year"] == format_value(kent["need_per_year"], "int")
    assert metrics["Reach of listed teams"] == format_value(kent["reach"], "pct")
    assert metrics["Babies in the 1001 days"] == format_value(kent["population_1001"], "int")
    links = page_links(at)
    profile, plan = links["Open the profile of Kent"], links["Plan for this area"]
    assert "profile" in profile and f"area={KENT}" in profile and "level=utla" in profile
    assert "plan" in plan and f"area={KENT}" in plan and "level=utla" in plan


def test_one_area_box_and_clearing_the_area_returns_to_the_uk(atlas):
    at = run(PAGES[0], area=KENT, level="utla")
    labels = [s.label for s in at.selectbox]
    assert "Outline an area on the map" not in labels  # merged into "Find an area by name"
    assert [t.label for t in at.text_input] == ["Find an area by name (any level)"]
    at.button(key="clear_area").click().run()
    no_errors(at)
    assert "area" not in at.query_params
    assert {m.label: m.value for m in at.metric}["Teams counted"].endswith(" of 51")


def test_the_table_twin_is_sent_only_once_opened(atlas):
    at = run(PAGES[0])
    assert not at.dataframe
    at.session_state[TWIN_KEY] = True
    at.run()
    no_errors(at)
    twin = at.dataframe[0].value
    assert len(twin) == len(area_table(atlas, "utla", Assumptions()))


def outlined(at) -> list[str]:
    """The areas drawn with the black outline: the map's single-location trace."""
    data = json.loads(at.get("plotly_chart")[0].proto.spec)["data"]
    return [t["locations"][0] for t in data if t.get("type") == "choroplethmap" and len(t.get("locations", [])) == 1]


def test_the_outlined_area_is_drawn_on_the_cached_map(atlas):
    """The map figure is built once per view and shared between sessions: the outline follows each view."""
    assert outlined(run(PAGES[0], area=KENT, level="utla")) == [KENT]
    assert outlined(run(PAGES[0], area="E06000001", level="utla")) == ["E06000001"]
    assert outlined(run(PAGES[0], area=KENT, level="utla")) == [KENT]  # the cached figure, unchanged
    assert outlined(run(PAGES[0])) == []
