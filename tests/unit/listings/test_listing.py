"""How a listing is shown: the nations a locator map covers."""

from __future__ import annotations


def test_nations_of_limits_a_locator_map_to_the_served_nations():
    import pandas as pd

    from coverage.listings.listing import nations_of

    t = pd.DataFrame({"area_code": ["E1", "E2", "W1", "S1"], "nation": ["England", "England", "Wales", "Scotland"]})
    assert list(nations_of(t, ("E2",))["area_code"]) == ["E1", "E2"]
    assert list(nations_of(t, ("E2", "W1"))["area_code"]) == ["E1", "E2", "W1"]
