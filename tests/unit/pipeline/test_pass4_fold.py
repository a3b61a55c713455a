"""The fourth search pass, folded into the committed directory: dates, areas, flags, sources on each row."""

from __future__ import annotations

import pandas as pd
import pytest

from coverage.model.atlas import known_codes, load_areas
from coverage.model.directory import load_directory
from coverage.model.listing_flags import flag_problems, load_flags
from coverage.model.services import evidence_year
from tests.unit.pipeline.committed import DATA


@pytest.fixture(scope="module")
def teams() -> pd.DataFrame:
    frame, problems = load_directory(DATA / "teams.csv", known_codes(load_areas(DATA)))
    assert not problems
    return frame.set_index("team_id", drop=False)


@pytest.mark.parametrize(
    ("team_id", "verified", "status"),
    [
        ("nhs-fife-imh", "2024-06-10", "active"),
        ("nhs-dumfries-galloway-imh", "2023-04-04", "active"),
        ("shsct-icamhs", "2022-09-22", "active"),
        ("blackpool-pairs", "2024-11-01", "active"),
        ("kcw-under-5s-camhs", "2025-01-01", "active"),
        ("worcestershire-under-fives", "2025-10-15", "active"),
        ("lambeth-pairs", "2023-06-01", "unknown"),  # funder ended March 2025: status stays in doubt
    ],
)
def test_pass4_dates_and_statuses(teams, team_id, verified, status):
    row = teams.loc[team_id]
    assert (row["last_verified"], row["status"]) == (verified, status)
    assert "[Pass 4]" in row["notes"] and "source: http" in row["notes"]  # the source stays on the row


def test_blackburn_with_darwen_is_no_longer_served_after_the_fixed_term(teams):
    row = teams.loc["blackpool-pairs"]
    assert row["area_codes"] == ("E06000009",)
    assert "November 2024 to 31 March 2025" in row["notes"]


def test_counted_services_with_evidence_since_2024_are_eight(teams):
    counted = teams[(teams["kind"] == "specialised") & (teams["status"] != "closed") & (teams["same_service_as"] == "")]
    recent = sorted(counted.index[evidence_year(counted).ge(2024)])
    assert recent == [
        "babs-knowsley",
        "babs-sefton",
        "babs-st-helens",
        "blackpool-pairs",
        "bradford-little-minds-matter",
        "gloucestershire-camhs-imh",
        "nhs-fife-imh",
        "oxpip",
    ]


def test_committed_flags_are_valid_and_name_the_pass4_questions(teams):
    flags = load_flags(DATA)
    assert flag_problems(flags, set(teams.index), known_codes(load_areas(DATA))) == []
    assert sorted(zip(flags["team_id"], flags["flag"])) == [
        ("blackpool-pairs", "fixed_term_area"),
        ("essex-together-for-baby", "identification"),
        ("lambeth-pairs", "funder_ended"),
        ("nhs-tayside-imh", "kind_under_review"),
        ("shsct-icamhs", "kind_under_review"),
    ]
