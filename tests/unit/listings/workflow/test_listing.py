"""How a listing is shown: the nations a locator map covers."""

from __future__ import annotations


def test_nations_of_limits_a_locator_map_to_the_served_nations():
    import pandas as pd

    from coverage.listings.workflow.listing import nations_of

    t = pd.DataFrame({"area_code": ["E1", "E2", "W1", "S1"], "nation": ["England", "England", "Wales", "Scotland"]})
    assert list(nations_of(t, ("E2",))["area_code"]) == ["E1", "E2"]
    assert list(nations_of(t, ("E2", "W1"))["area_code"]) == ["E1", "E2", "W1"]


def test_record_and_editable_values_are_text_as_stored():
    import math

    import pandas as pd

    from coverage.listings.workflow.listing import editable_values, record

    teams = pd.DataFrame(
        {"team_id": ["a"], "name": ["A & B"], "families_per_year": [math.nan], "area_codes": [("E1", "E2")]}
    )
    assert record(teams, "a").to_dict("records") == [
        {"Field": "name", "Value": "A & B"},
        {"Field": "families_per_year", "Value": ""},
        {"Field": "area_codes", "Value": "E1;E2"},
    ]
    assert editable_values(teams, "a", ["area_codes", "families_per_year"]) == {
        "area_codes": "E1;E2",
        "families_per_year": "",
    }
