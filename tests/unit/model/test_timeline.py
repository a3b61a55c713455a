"""Listed teams by year from start and dated closure evidence; the gap to the published counts stated."""

from __future__ import annotations

import pandas as pd
import pytest

from coverage.model import timeline as T

pytestmark = pytest.mark.unit

TEAMS = pd.DataFrame(
    {
        "team_id": ["a", "b", "c", "d", "e", "f"],
        "nation": ["England", "England", "Wales", "England", "England", "England"],
        "kind": ["specialised", "specialised", "specialised", "specialised", "other", "specialised"],
        "status": ["active", "closed", "unknown", "unknown", "active", "closed"],
        "year_established": ["2015", "2011", "2019", "", "2010", ""],
        "last_verified": ["", "2021-04-29", "", "", "", ""],
    }
)


def test_running_counts_follow_start_and_dated_closure():
    got = T.listed_by_year(TEAMS, range(2010, 2024)).set_index("year")
    # 2010: none started (e is not specialised); 2011: b; 2015: a, b; 2019: a, b, c; 2021: b closes that year
    assert got.loc[2010, "running_start_known"] == 0
    assert got.loc[2011, "running_start_known"] == 1
    assert got.loc[2015, "running_start_known"] == 2
    assert got.loc[2021, "running_start_known"] == 3
    assert got.loc[2022, "running_start_known"] == 2
    # d has no start year and is not closed: its own band every year; f is closed with no date: not in it
    assert (got["start_unknown"] == 1).all()


def test_per_nation():
    got = T.listed_by_year(TEAMS, range(2019, 2020), "Wales").iloc[0]
    assert got["running_start_known"] == 1 and got["start_unknown"] == 0


def test_gap_is_the_published_count_minus_every_listed_team_that_could_have_been_running():
    gaps = T.gaps(TEAMS).set_index("When")
    # June 2019: 27 published; listed a, b, c running (3) + d unknown (1) -> at least 23 not listed
    assert gaps.loc["June 2019", "Published count"] == 27
    assert gaps.loc["June 2019", "Listed, running that year (start known)"] == 3
    assert gaps.loc["June 2019", "Not in the listing, at least"] == 23
    assert gaps.loc["December 2025", "Published count"] == 51


def test_published_series_runs_from_27_in_2019_to_51_in_2025():
    uk = T.published()
    assert (uk[0].teams, uk[0].when) == (27, "June 2019")
    assert (uk[-1].teams, uk[-1].when) == (51, "December 2025")
    assert [p.teams for p in T.published("England")] == [38]
    assert T.published("Wales") == []
