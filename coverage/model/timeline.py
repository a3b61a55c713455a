"""Change over time: listed teams year by year, beside the published national counts.

The published counts (Parent-Infant Foundation: 27 teams in 2019, 51 in December 2025) are
the only national series. The directory can only say when a listed team started if its
listing gives a start year, and when it closed if it is marked closed with a dated source.
So each year splits the listing honestly:

- **running, start known**: started in or before the year, and not closed before it;
- **start year unknown**: listed as not closed today, but with no start year, so it may or
  may not have been running that year (shown as a separate band, never added silently);

and the gap to the published count is said as a number, not smoothed away. Counts are of
specialised teams (the kind the published counts describe), per nation or UK-wide.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from coverage.model.services import is_second_description


@dataclass(frozen=True)
class PublishedCount:
    year: float  # decimal year of the count (June 2019 = 2019.45)
    when: str
    scope: str  # "United Kingdom" or a nation
    teams: int
    source: str


# From ../shared/data/teams/FACTS.md, section 1 (each as published; "almost 40" and "one of just 40" left out
# because they are not counts). 2019 has a conflicting restatement of 29, noted in the page text.
PUBLISHED = (
    PublishedCount(
        2019.45,
        "June 2019",
        "United Kingdom",
        27,
        "https://parentinfantfoundation.org.uk/our-work/campaigning/rare-jewels",
    ),
    PublishedCount(
        2022.0,
        "January 2022",
        "United Kingdom",
        39,
        "https://www.fyldecoastccgs.nhs.uk/2022/01/parents-asked-about-the-bond-with-their-baby-to-set-up-new-service/",
    ),
    PublishedCount(
        2023.73,
        "September 2023",
        "United Kingdom",
        45,
        "https://parentinfantfoundation.org.uk/new-report-highlights-true-impact-of-parent-infant-relationship-teams/",
    ),
    PublishedCount(2024.44, "June 2024", "England", 38, "https://parentinfantfoundation.org.uk/?p=7917"),
    PublishedCount(2025.44, "June 2025", "United Kingdom", 49, "https://parentinfantfoundation.org.uk/?p=9797"),
    PublishedCount(2025.94, "December 2025", "United Kingdom", 51, "https://parentinfantfoundation.org.uk/?p=10937"),
)
UK = "United Kingdom"


def _year(value) -> float | None:
    """A year from '2017', '2017.0' or a date '2021-04-29'; None when there is none."""
    text = "" if value is None or value != value else str(value).strip()
    if len(text) >= 4 and text[:4].isdigit():
        return float(text[:4])
    return None


def team_years(teams: pd.DataFrame) -> pd.DataFrame:
    """Per specialised service: its nation, start year (or NaN) and closure year (or NaN, or inf if open).

    A row describing a service another row stands for is left out, so each service counts once,
    as on every other page (``service_count``).
    """
    t = teams[(teams["kind"] == "specialised") & ~is_second_description(teams)]
    start = t["year_established"].map(_year)
    closed = t["status"] == "closed"
    end = pd.Series(float("inf"), index=t.index)
    end[closed] = t.loc[closed, "last_verified"].map(_year)  # the dated source that says it closed
    return pd.DataFrame(
        {"team_id": t["team_id"], "nation": t["nation"], "start": start.astype(float), "end": end.astype(float)}
    ).reset_index(drop=True)


def listed_by_year(teams: pd.DataFrame, years: range, nation: str = UK) -> pd.DataFrame:
    """Year by year: listed teams running with a known start, and listed open teams whose start is unknown."""
    y = team_years(teams)
    if nation != UK:
        y = y[y["nation"] == nation]
    rows = []
    for year in years:
        known = y["start"].notna() & (y["start"] <= year)
        # A closed team whose closure is undated (NaN) still counts from its start: when it stopped is unknown.
        running = known & ~(y["end"] < year)
        unknown_start = y["start"].isna() & (y["end"] == float("inf"))  # open today, start not listed
        rows.append(
            {"year": year, "running_start_known": int(running.sum()), "start_unknown": int(unknown_start.sum())}
        )
    return pd.DataFrame(rows)


def published(nation: str = UK) -> list[PublishedCount]:
    return [p for p in PUBLISHED if p.scope == nation]


def gaps(teams: pd.DataFrame, nation: str = UK) -> pd.DataFrame:
    """Each published count beside the listing in that year, and the gap, in words a table can hold."""
    out = []
    for p in published(nation):
        year = int(p.year)
        row = listed_by_year(teams, range(year, year + 1), nation).iloc[0]
        upper = int(row["running_start_known"] + row["start_unknown"])
        out.append(
            {
                "When": p.when,
                "Published count": p.teams,
                "Listed, running that year (start known)": int(row["running_start_known"]),
                "Listed, start year unknown": int(row["start_unknown"]),
                "Not in the listing, at least": max(0, p.teams - upper),
                "Source": p.source,
            }
        )
    return pd.DataFrame(out)
