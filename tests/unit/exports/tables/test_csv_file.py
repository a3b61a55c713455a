"""The readable CSV: one header row in words, figures rounded as the pages show them, a README beside it."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from coverage.exports import tables
from coverage.model.assumptions import Assumptions
from coverage.model.atlas import load_atlas
from coverage.model.gaps import area_table

pytestmark = pytest.mark.unit

TODAY = dt.date(2026, 3, 5)


@pytest.fixture(scope="module")
def atlas():
    return load_atlas()


def rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_one_header_row_in_words_then_rounded_figures(atlas):
    a = Assumptions()
    data = tables.area_table_export(atlas, "utla", a, "readable_csv", today=TODAY)
    got = rows(data)
    header, body = got[0], got[1:]
    assert header[:4] == ["Area code", "Area", "Nation", "Babies in the 1001 days"]
    assert "Reach of listed teams (%)" in header and "reach" not in header
    assert not any(cell.startswith("#") for cell in got[0])
    engine = area_table(atlas, "utla", a).set_index("area_code")
    assert len(body) == len(engine)
    for r in body:
        row = dict(zip(header, r))
        e = engine.loc[row["Area code"]]
        assert row["Need a year (families)"] == str(int(round(e["need_per_year"])))  # 2498, not 2498.4
        assert row["Reach of listed teams (%)"] == f"{round(e['reach'] * 100, 1)}"  # 4.0 means 4.0%
        assert row["Family Hubs authority"] in ("yes", "no")


def test_readme_sidecar_carries_the_provenance_and_every_column(atlas):
    a = Assumptions().with_prevalence(0.1)
    readme = tables.area_table_export(atlas, "nation", a, "readme", today=TODAY).decode("utf-8")
    assert "Need = annual births x 10%" in readme
    assert "2026-03-05" in readme and "Open Government Licence" in readme
    assert (
        "Reach of listed teams (%): Reach of listed teams: capacity / need, central estimate "
        "(a lower bound where reach_lower_bound). Percent, one decimal place."
    ) in readme
    assert "Rows: 4" in readme


def test_team_csv_is_readable_too(atlas):
    got = rows(tables.team_table_export(atlas, Assumptions(), "readable_csv", today=TODAY))
    assert got[0][:2] == ["Team id", "Team"] and got[0][-1] == "Last checked"
    assert {r[got[0].index("Counted")] for r in got[1:]} <= {"yes", "no"}


def test_unknown_format_is_refused(atlas):
    with pytest.raises(ValueError, match="readable_csv"):
        tables.area_table_export(atlas, "nation", Assumptions(), "pdf")
