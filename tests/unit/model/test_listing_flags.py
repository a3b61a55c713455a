"""Listing flags: a bad flags file is refused with a message naming the line."""

from __future__ import annotations

import pandas as pd

from coverage.model.listing_flags import FLAG_COLUMNS, empty_flags, flag_problems, load_flags

KNOWN = {"utla": {"E06000008"}}


def _flags(**over) -> pd.DataFrame:
    row = dict.fromkeys(FLAG_COLUMNS, "")
    row.update(team_id="a", flag="funder_ended", source_url="https://example.org/x")
    row.update(over)
    return pd.DataFrame([row])


def test_a_good_flag_has_no_problems():
    assert flag_problems(_flags(area_level="utla", area_codes="E06000008"), {"a"}, KNOWN) == []


def test_each_bad_field_is_named_with_its_line():
    problems = flag_problems(
        _flags(team_id="zz", flag="odd", source_url="", area_level="utla", area_codes="X1"), {"a"}, KNOWN
    )
    assert problems == [
        "directory_flags.csv line 2: team_id 'zz' is not in the directory",
        "directory_flags.csv line 2: flag 'odd' is not one of funder_ended, kind_under_review, fixed_term_area, identification",
        "directory_flags.csv line 2: every flag needs its source_url",
        "directory_flags.csv line 2: X1 not a known utla code",
    ]


def test_a_missing_column_is_named():
    assert flag_problems(pd.DataFrame({"team_id": ["a"]}), {"a"}, KNOWN)[0].startswith("directory_flags.csv: missing")


def test_an_older_data_folder_without_flags_loads_none(tmp_path):
    assert load_flags(tmp_path).equals(empty_flags())
