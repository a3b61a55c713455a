"""The Plan page: build, save, load, share and refuse a hostile scenario."""

from __future__ import annotations

import pytest

from coverage.model import benchmarks
from coverage.model import scenario as S
from coverage.model.assumptions import Assumptions
from coverage.model.atlas import load_atlas
from coverage.model.gaps import summary
from tests.app.apprun import add_team, capture_downloads, downloaded, plan


def test_build_a_scenario_and_see_before_and_after():
    at = add_team(plan(), ["E10000016"])  # Kent, which has no counted team
    metrics = {m.label: m.value for m in at.metric}
    atlas = load_atlas()
    uk = summary(atlas, Assumptions()).iloc[0]
    assert (
        metrics["UK families reached a year"]
        == f"{uk['capacity_per_year'] + round(Assumptions().families_per_team):,.0f}"
    )
    table = at.dataframe[0].value
    assert "Kent" in set(table["Area"])
    assert "scenario" in at.query_params


def test_share_link_reopens_the_same_scenario():
    at = add_team(plan(), ["E10000016"])
    link = at.query_params["scenario"]
    again = plan(scenario=link)
    assert any("Kent" in m.value for m in again.markdown)
    assert S.from_url(link, load_atlas()).changes[0].area_codes == ("E10000016",)


def test_save_and_load_a_scenario_file(monkeypatch, atlas):
    files = capture_downloads(monkeypatch)
    at = add_team(plan(), ["E06000001"])
    saved = downloaded(at.get("download_button")[0], files)
    scenario = S.loads(saved, atlas)  # the saved file is a scenario file the engine accepts
    assert [(c.action, c.area_codes) for c in scenario.changes] == [("add", ("E06000001",))]
    fresh = plan()
    fresh.file_uploader(key="plan_upload").upload("scenario.json", saved, "application/json").run()
    assert not fresh.exception and not fresh.error
    assert fresh.query_params["scenario"] == at.query_params["scenario"]
    assert any("Hartlepool" in m.value for m in fresh.markdown)


@pytest.mark.parametrize(
    "content",
    [
        b'{"version": 1, "changes": [{"action": "exec", "team_id": "rm-rf"}]}',
        b"\x00\x01garbage",
        b'{"__reduce__": "os.system"}',
    ],
)
def test_hostile_file_is_refused_and_changes_nothing(content):
    at = add_team(plan(), ["E10000016"])
    before = at.query_params["scenario"]
    at.file_uploader(key="plan_upload").upload("evil.json", content, "application/json").run()
    assert not at.exception
    assert at.error and "was not loaded" in at.error[0].value
    assert at.query_params["scenario"] == before


def test_hostile_link_is_refused():
    at = plan(scenario="not-a-scenario")
    assert at.error and "could not be used" in at.error[0].value


def test_teams_needed_with_sensitivity_and_optional_cost():
    at = plan()
    at.selectbox(key="plan_scope").set_value("Wales").run()
    labels = {m.label: m.value for m in at.metric}
    assert set(labels) >= {"Low prevalence (10%)", "Central prevalence (15%)", "High prevalence (22%)"}
    low = int(labels["Low prevalence (10%)"].split()[0].replace(",", ""))
    high = int(labels["High prevalence (22%)"].split()[0].replace(",", ""))
    assert 0 < low < high
    # The cost per team a year is the sidebar's sourced assumption (Plan's own free-text box is gone).
    assert any("£265,955 per team (central cost)" in c.value for c in at.caption)
    at.number_input(key="cost").set_value(100000).run()
    assert any("£100,000 per team (central cost)" in c.value for c in at.caption)
    assert at.query_params["cost"] == "100000"


def test_published_national_reach_is_reproduced():
    """About 51 teams seeing 4,400-6,500 families a year reach 4-6% of need (FACTS.md 2a, 2c)."""
    r = benchmarks.published_reach(load_atlas())
    assert 0.04 <= r.reach_central <= 0.06
    assert r.reach_low < 0.04 < r.reach_high
