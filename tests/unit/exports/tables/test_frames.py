"""Exports carry each team's evidence age and an area's listed-but-not-counted services (#20).

Hand-read from data/teams.csv: OXPIP was last verified 2025-03-01 (started 1998); NEWPIP
started in 2017 and has no last-verified date; PIMHS Kent has neither.
"""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from coverage.exports import tables

DAY = dt.date(2026, 12, 4)  # window from 2024
KENT = "E10000016"
PIMHS = "Parent Infant Mental Health Service (PIMHS), Kent"


def test_team_csv_has_the_evidence_year_and_whether_it_is_within_the_window(atlas, assumptions):
    frame = tables.read_csv_export(tables.team_table_export(atlas, assumptions, "csv", today=DAY)).set_index("team_id")
    assert frame.at["oxpip", "evidence_year"] == 2025 and bool(frame.at["oxpip", "evidence_in_window"])
    assert frame.at["newpip", "evidence_year"] == 2017 and not frame.at["newpip", "evidence_in_window"]
    assert frame["evidence_year"].isna()[frame.index == "kent-pimhs"].all()
    assert not frame.at["kent-pimhs", "evidence_in_window"]
    # A later export date moves only the window: OXPIP's 2025 is outside it from 2028.
    later = tables.read_csv_export(tables.team_table_export(atlas, assumptions, "csv", today=dt.date(2028, 1, 1)))
    assert not later.set_index("team_id").at["oxpip", "evidence_in_window"]


def test_team_excel_and_readable_csv_name_the_columns_in_words(atlas, assumptions):
    book = openpyxl.load_workbook(io.BytesIO(tables.team_table_export(atlas, assumptions, "xlsx", today=DAY)))
    header = [c.value for c in next(book["Teams"].iter_rows(max_row=1))]
    assert "evidence_year" in header and "evidence_in_window" in header
    readable = tables.team_table_export(atlas, assumptions, "readable_csv", today=DAY).decode("utf-8-sig")
    first = readable.splitlines()[0]
    assert "Latest evidence (year)" in first and "Evidence in the last two years" in first


def test_area_table_names_kents_listed_service_and_each_teams_evidence(atlas, assumptions):
    frame = tables.read_csv_export(tables.area_table_export(atlas, "utla", assumptions, "csv", today=DAY))
    rows = frame.set_index("area_code")
    kent = rows.loc[KENT]
    assert kent["status"] == "service listed, not counted" and kent["teams"] == 0
    assert kent["listed_not_counted"] == "a service is listed here, not counted as a specialised team: borderline"
    assert kent["uncounted_names"] == PIMHS
    oxon = rows.loc["E10000025"]  # Oxfordshire: OXPIP, counted, evidence 2025
    names = oxon["team_names"].split("; ")
    years = oxon["team_evidence_years"].split("; ")
    assert len(names) == len(years) and years[names.index("OXPIP (Oxford Parent Infant Project)")] == "2025"


@pytest.mark.parametrize("fmt", ["readable_csv", "xlsx"])
def test_area_exports_in_every_format_carry_the_state(atlas, assumptions, fmt):
    data = tables.area_table_export(atlas, "utla", assumptions, fmt, today=DAY)
    if fmt == "xlsx":
        book = openpyxl.load_workbook(io.BytesIO(data))
        text = " | ".join(str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value)
    else:
        text = data.decode("utf-8-sig")
    assert "a service is listed here, not counted as a specialised team: borderline" in text
    assert PIMHS in text
