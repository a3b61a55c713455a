"""Ranking: top and bottom areas, and ties at the bottom."""

from __future__ import annotations


def test_ranking_reports_ties_at_the_bottom():
    import pandas as pd

    from coverage.model.ranking import ties_at_bottom, top_bottom

    t = pd.DataFrame({"area_name": list("abcd"), "reach": [0.0, 0.0, 0.2, None]})
    assert ties_at_bottom(t, "reach") == (2, 0.0)
    top, bottom = top_bottom(t, "reach", 1)
    assert list(top["area_name"]) == ["c"] and list(bottom["area_name"]) == ["a"]
