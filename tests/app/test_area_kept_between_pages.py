"""Moving between pages by the menu keeps the area chosen on the map (the menu's links carry no query)."""

from __future__ import annotations

KENT = "E10000016"


def test_profile_and_plan_open_on_the_area_chosen_on_the_map(app_test):
    at = app_test(params={"area": KENT}, timeout=90)
    assert not at.exception
    for key in list(at.query_params):
        del at.query_params[key]  # a menu link: no query at all
    at.switch_page("pages/profile.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert [h.value for h in at.main.header][:1] == ["Kent"]
    at.switch_page("pages/plan.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.multiselect(key="plan_need_areas").value == [KENT]
