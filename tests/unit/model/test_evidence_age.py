"""Evidence age against the one evidence window, hand-computed on small directories (#20)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from coverage.model.assumptions import Assumptions
from coverage.model.atlas import load_atlas
from coverage.model.evidence_age import (
    EVIDENCE_WINDOW_YEARS,
    WINDOW_WORDS,
    age_words,
    counted_stale_sentence,
    evidence_age,
    stale_among,
    stale_sentence,
    window_start,
)
from tests import synthetic

pytestmark = pytest.mark.unit


def rows(*specs) -> pd.DataFrame:
    """(team_id, last_verified, year_established, same_service_as) tuples as a directory frame."""
    return pd.DataFrame(
        [{"team_id": t, "last_verified": v, "year_established": y, "same_service_as": g} for t, v, y, g in specs]
    )


def test_the_window_is_two_years_back_from_the_reference_year():
    assert EVIDENCE_WINDOW_YEARS == 2 and WINDOW_WORDS == "the last two years"
    assert window_start(dt.date(2026, 1, 1)) == window_start(dt.date(2026, 12, 31)) == 2024
    assert window_start(dt.date(2026, 6, 1), years=5) == 2021


def test_each_row_gets_its_service_year_and_whether_it_is_within():
    teams = rows(
        ("recent", "2025-03-01", "", ""),  # verified 2025: within
        ("edge", "", "2024", ""),  # started 2024: the window's first year, within
        ("old", "2019-07-01", "2015", ""),  # latest 2019: before 2024
        ("undated", "", "", ""),  # nothing dated: never within
        ("alias", "2024-02-02", "", "old"),  # a second description of "old" lifts the whole service to 2024
    )
    age = evidence_age(teams, dt.date(2026, 12, 4))
    assert age["evidence_year"].tolist()[:2] == [2025.0, 2024.0]
    assert age.at[2, "evidence_year"] == 2024.0  # "old" takes its alias's 2024
    assert pd.isna(age.at[3, "evidence_year"])
    assert age["evidence_in_window"].tolist() == [True, True, True, False, True]
    # A year later the same directory reads differently, and only because the reference moved.
    later = evidence_age(teams, dt.date(2027, 1, 1))
    assert later["evidence_in_window"].tolist() == [True, False, False, False, False]


def test_an_empty_directory_has_no_ages():
    empty = rows()
    assert evidence_age(empty, dt.date(2026, 1, 1)).empty
    assert stale_among(empty, 2024) == 0


def test_words_say_the_year_and_whether_it_is_old():
    assert age_words(2025.0, 2024) == "evidence from 2025"
    assert age_words(2019.0, 2024) == "latest evidence 2019, before 2024"
    assert age_words(float("nan"), 2024) == "no dated evidence"


def test_stale_sentence_counts_and_grammar():
    assert stale_sentence(19, 25, 2024) == (
        "19 of the 25 counted teams have no dated evidence from 2024 on (the last two years): "
        "they still count, but their listings need confirming."
    )
    assert stale_sentence(1, 3, 2024).startswith("1 of the 3 counted teams has no dated evidence")
    assert stale_sentence(0, 3, 2024) == "All 3 counted teams have dated evidence from 2024 on (the last two years)."
    assert stale_sentence(0, 0, 2024) == "No teams are counted under these choices."


def test_home_sentence_counts_only_counted_services(tmp_path):
    teams = [
        synthetic.team("new", "utla", "U1", last_verified="2025-01-01"),
        synthetic.team("old", "utla", "U2", year_established="2016"),
        synthetic.team("undated", "utla", "W1", nation="Wales"),
        synthetic.team("border", "utla", "U2", kind="borderline"),  # not counted: not in the sentence
    ]
    atlas = load_atlas(synthetic.write(tmp_path / "data", teams))
    sentence = counted_stale_sentence(atlas, Assumptions(), dt.date(2026, 5, 1))
    assert sentence.startswith("Across the UK: 2 of the 3 counted teams have no dated evidence from 2024 on")
