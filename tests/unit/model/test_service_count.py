"""The one count of services and of areas with no team, hand-computed on a small directory."""

from __future__ import annotations

import pandas as pd

from coverage.model.assumptions import Assumptions
from coverage.model.service_count import count_no_team, count_services


def _teams() -> pd.DataFrame:
    rows = [
        # team_id, nation, kind, status, confidence, codes, same_service_as
        ("a", "England", "specialised", "active", "reported", ("U1",), ""),
        ("a-old-name", "England", "specialised", "unknown", "reported", ("U2",), "a"),  # second description
        ("b", "England", "specialised", "closed", "reported", ("U2",), ""),
        ("c", "England;Wales", "specialised", "unknown", "unconfirmed", ("U1", "W1"), ""),
        ("d", "Wales", "specialised", "active", "reported", (), ""),  # name only: no mapped area
        ("e", "England", "borderline", "active", "reported", ("U1",), ""),
    ]
    return pd.DataFrame(
        rows, columns=["team_id", "nation", "kind", "status", "confidence", "area_codes", "same_service_as"]
    ).assign(last_verified="", year_established="")


def test_uk_counts_rows_services_and_counted_services():
    n = count_services(_teams(), Assumptions())
    # specialised rows: a, a-old-name, b, c, d = 5; closed b; second a-old-name; open services a, c, d = 3;
    # counted: a and c (d has no mapped area) = 2
    assert (n.rows, n.closed_rows, n.second_descriptions, n.services, n.counted) == (5, 1, 1, 3, 2)
    assert n.words() == (
        "2 services counted, from 5 directory rows of that kind: 1 closed; 1 describes a service another row "
        "stands for; 1 open not counted (the sidebar's choices, or no mapped area)"
    )


def test_a_row_naming_two_nations_counts_in_each():
    wales = count_services(_teams(), Assumptions(), "Wales")
    assert (wales.rows, wales.services, wales.counted) == (2, 2, 1)  # c and d; only c counts


def test_the_sidebars_choices_change_the_counted_services_only():
    n = count_services(_teams(), Assumptions(counted_confidence=frozenset({"reported", "verified"})))
    assert (n.services, n.counted) == (3, 1)  # c is unconfirmed


def test_when_rows_and_services_agree_the_words_are_short():
    t = _teams().iloc[[0]]
    assert count_services(t, Assumptions()).words() == "1 service counted"


def test_no_team_splits_as_the_map_legend_does():
    table = pd.DataFrame(
        {
            "teams": [0, 0, 0, 2, 1, 0, 0],
            "team_reported": [False, True, False, True, False, False, True],
            "uncounted_services": [0, 0, 0, 0, 1, 1, 1],  # the last: a report comes first, as on the map
        }
    )
    n = count_no_team(table)
    assert (n.areas, n.none_listed, n.reported, n.listed_not_counted) == (5, 2, 2, 1)
    assert n.words("councils") == (
        "5 councils with no counted team: 2 with none listed, 2 where a source reports a team the directory "
        "does not list, and 1 where a service is listed but not counted"
    )
    old_table = table.drop(columns="uncounted_services")  # a table from before the state: none listed-not-counted
    assert count_no_team(old_table).listed_not_counted == 0
