"""The cost per team a year travels in the URL like the other assumptions."""

from coverage.model.assumptions import Assumptions
from coverage.present import query


def test_cost_round_trips_and_widens_the_band():
    view, messages = query.parse({"cost": "900000"})
    assert messages == []
    a = view.assumptions
    assert a.cost_per_team == 900_000 and a.cost_per_team_high == 900_000
    assert query.encode(view) == {"cost": "900000"}


def test_the_default_cost_stays_out_of_the_url():
    assert "cost" not in query.encode(query.View(assumptions=Assumptions()))


def test_a_cost_outside_the_range_moves_to_the_nearest_with_a_message():
    view, messages = query.parse({"cost": "99"})
    assert view.assumptions.cost_per_team == 10_000
    assert "nearest value, 10,000" in messages[0]
    view, messages = query.parse({"cost": "lots"})
    assert view.assumptions.cost_per_team == Assumptions().cost_per_team
    assert "default" in messages[0]
