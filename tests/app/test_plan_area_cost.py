"""Plan opens on the area the user came from and answers "how many teams, at what cost" for it."""

from __future__ import annotations

from coverage.model import costs
from coverage.model.assumptions import Assumptions
from coverage.model.atlas import load_atlas
from coverage.model.gaps import area_table
from tests.app.apprun import plan
from tests.app.pages import open_page

KENT = "E10000016"
CARDIFF = "W06000015"


def expected(level: str, codes: list[str]) -> costs.CostToClose:
    table = area_table(load_atlas(), level, Assumptions())
    return costs.cost_to_close(table[table["area_code"].isin(codes)], Assumptions())


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_plan_opens_on_the_area_from_the_link_with_its_teams_and_cost():
    at = plan(area=KENT, level="utla")
    assert at.multiselect(key="plan_need_areas").value == [KENT]
    assert at.multiselect(key="plan_areas").value == [KENT]  # the new team's areas too
    c = expected("utla", [KENT])
    assert c.teams > 0
    m = metrics(at)
    assert m["Central prevalence (15%)"] == f"{c.teams:,} teams"
    assert m["High prevalence (22%)"] == f"{c.teams_high:,} teams"
    assert any(f"£{c.cost:,.0f} a year at £265,955 per team" in x.value for x in at.caption)
    assert any(costs.headline(c) in x.value.replace("\\", "") for x in at.markdown)
    assert at.query_params["area"] == KENT  # the link still names the area


def test_a_chosen_set_of_areas_sums_each_area():
    at = plan()
    at.selectbox(key="plan_scope").set_value("Areas I choose").run()
    at.multiselect(key="plan_need_areas").set_value([KENT, CARDIFF]).run()
    c = expected("utla", [KENT, CARDIFF])
    one, other = expected("utla", [KENT]), expected("utla", [CARDIFF])
    assert c.teams == one.teams + other.teams
    assert metrics(at)["Central prevalence (15%)"] == f"{c.teams:,} teams"


def test_an_unknown_area_in_the_link_falls_back_to_the_uk():
    at = plan(area="E99999999", level="utla")
    assert at.selectbox(key="plan_scope").value == "UK"


def test_profile_shows_the_cost_and_links_to_plan_for_this_area():
    at = open_page("profile", area=KENT, level="utla")
    c = expected("utla", [KENT])
    assert any(costs.headline(c) in s.value.replace("\\", "") for s in at.success)
    assert any("Haringey" in x.value for x in at.caption)  # what the central cost rests on
    links = [p for p in at.get("page_link") if "Plan for this area" in p.proto.label]
    assert links and f"area={KENT}" in links[0].proto.page + str(links[0].proto)
