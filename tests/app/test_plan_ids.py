"""Plan: add a team, remove it, add another: the share link still reopens the scenario."""

from __future__ import annotations

from coverage.model import scenario as S
from tests.app.apprun import add_team, plan


def test_add_remove_add_gives_a_link_that_reopens(atlas):
    at = add_team(plan(), ["E10000016"])  # Kent
    at = add_team(at, ["E06000001"])  # Hartlepool
    next(b for b in at.button if b.label == "Remove" and b.key == "plan_rm_0").click().run()
    at = add_team(at, ["E10000025"])  # Oxfordshire
    assert not at.exception, [e.value for e in at.exception]
    link = at.query_params["scenario"]
    reopened = S.from_url(link, atlas)
    assert [c.area_codes for c in reopened.changes] == [("E06000001",), ("E10000025",)]
    assert len({c.team_id for c in reopened.changes}) == 2
    again = plan(scenario=link)
    assert not again.error, [e.value for e in again.error]
    assert any("Oxfordshire" in m.value for m in again.markdown)
