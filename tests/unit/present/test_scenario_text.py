"""Plan's before/after in words: the Kent line the commissioner asked for."""

from __future__ import annotations

import pandas as pd
import pytest

from coverage.present import scenario_text

pytestmark = pytest.mark.unit


def result(rows):
    cols = ["area_name", "need_per_year", "changed"] + [
        f"{c}_{side}"
        for c in ("reach", "unmet_need_per_year", "teams", "capacity_per_year")
        for side in ("before", "after")
    ]
    return pd.DataFrame(rows, columns=cols)


KENT = ["Kent", 2498.4, True, 0.0, 0.04, 2498.4, 2398.4, 0, 1, 0.0, 100.0]
MEDWAY = ["Medway", 500.0, True, 0.1, 0.12, 450.0, 440.0, 1, 1, 50.0, 60.0]
UNTOUCHED = ["Surrey", 1500.0, False, 0.0, 0.0, 1500.0, 1500.0, 0, 0, 0.0, 0.0]


def test_headline_reads_as_the_commissioner_would_say_it():
    lines, more = scenario_text.headlines(result([MEDWAY, UNTOUCHED, KENT]))
    assert lines[0] == ("Kent", "reach 0% → 4.0%, unmet need 2,498 → 2,398 a year")  # biggest gain first
    assert [name for name, _ in lines] == ["Kent", "Medway"]  # untouched areas are not listed
    assert more == 0


def test_headlines_say_how_many_were_left_out():
    lines, more = scenario_text.headlines(result([KENT, MEDWAY]), limit=1)
    assert len(lines) == 1 and more == 1


def test_change_table_has_readable_labels_and_no_raw_numbers():
    table = scenario_text.change_table(result([KENT, UNTOUCHED]))
    assert list(table.columns) == [
        "Area",
        "Reach of listed teams",
        "Unmet need a year",
        "Listed teams",
        "Families teams can see a year",
        "Need a year",
    ]
    assert table.iloc[0].tolist() == ["Kent", "0% → 4.0%", "2,498 → 2,398", "0 → 1", "0 → 100", "2,498"]


def test_side_by_side_keeps_the_chosen_order_and_spells_figures():
    from coverage.present import side_by_side

    chosen = pd.DataFrame(
        {
            "reach": [0.0, 0.0425],
            "reach_low": [0.0, 0.03],
            "reach_high": [0.0, 0.061],
            "need_per_year": [2498.4, 10000.0],
            "capacity_per_year": [0.0, 425.0],
            "unmet_need_per_year": [2498.4, 9575.0],
            "teams": [0, 4],
            "teams_needed": [24, 90],
            "nation": ["England", "England"],
        }
    )
    t = side_by_side.table(chosen, ["Kent (council)", "South East (region)"])
    assert t.iloc[0].tolist()[:4] == ["Kent (council)", "0%", "0% to 0%", "2,498"]
    assert t.iloc[1]["Reach of listed teams"] == "4.2%" and t.iloc[1]["Reach band"] == "3.0% to 6.1%"
