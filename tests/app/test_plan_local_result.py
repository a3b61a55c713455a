"""Plan shows the touched area's own result, and the teams-needed block uses the sidebar's target."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from coverage.model import benchmarks, gaps, scenario_effect
from coverage.model.assumptions import Assumptions
from coverage.model.atlas import load_atlas
from coverage.present import formats
from tests.app.pages import open_page

pytestmark = [pytest.mark.apptest, pytest.mark.slow]


def plan(**params) -> AppTest:
    return open_page("plan", **params)


def test_kent_gets_its_own_before_and_after_in_words():
    at = plan()
    at.multiselect(key="plan_areas").set_value(["E10000016"]).run()
    next(b for b in at.button if b.label.startswith("Add this team")).click().run()
    assert not at.exception
    kent = gaps.area_table(load_atlas(), "utla", Assumptions()).set_index("area_code").loc["E10000016"]
    need = f"{kent['unmet_need_per_year']:,.0f}"
    after = f"{kent['unmet_need_per_year'] - round(Assumptions().families_per_team):,.0f}"
    text = "\n".join(m.value for m in at.markdown)
    assert "**Kent:** reach 0% → " in text
    assert f"unmet need {need} → {after} a year" in text
    table = at.dataframe[0].value
    assert "need_per_year" not in table.columns and "Reach of listed teams" in table.columns
    assert table.set_index("Area").at["Kent", "Listed teams"] == "0 → 1"


def test_teams_needed_follows_the_sidebar_target():
    at = plan(target="0.5")
    assert "plan_target" not in [s.key for s in at.slider]  # one target: the sidebar's
    at.selectbox(key="plan_scope").set_value("Wales").run()
    a = Assumptions(target_reach=0.5)
    councils = gaps.area_table(load_atlas(), "utla", a)
    wales = scenario_effect.councils_in_scope(councils, "Wales")
    expected = gaps.teams_needed_in(wales, 0.5, a.families_per_team)
    labels = {m.label: m.value for m in at.metric}
    assert labels["Central prevalence (15%)"] == formats.counted(expected, "team")
    assert any("50% of estimated need" in m.value for m in at.markdown)


def test_plan_and_methods_give_one_teams_needed_figure_for_england():
    """The Plan box shows the sidebar's team size rounded; left as it is, it must not change the count."""
    at = plan()
    at.selectbox(key="plan_scope").set_value("England").run()
    expected = benchmarks.england_teams_needed(load_atlas(), Assumptions())
    labels = {m.label: m.value for m in at.metric}
    assert labels["Central prevalence (15%)"] == formats.counted(expected, "team")
    methods = open_page("methods")
    assert any(f"would take **{formats.counted(expected, 'more team')}**" in m.value for m in methods.markdown)
