"""The worklists as files: a CSV with its README sidecar, and Excel that opens, formula-safe."""

from __future__ import annotations

import dataclasses
import io

import openpyxl
import pandas as pd

from coverage.exports.health import worklist_export
from coverage.listings.health.report import directory_health
from coverage.model.assumptions import Assumptions


def test_csv_readme_and_excel(atlas):
    report = directory_health(atlas, Assumptions(), results=None)
    evil = report.teams.copy()
    evil.loc[0, "name"] = '=HYPERLINK("http://x")'
    report = dataclasses.replace(report, teams=evil)
    csv = worklist_export(atlas, report, "teams", "readable_csv", Assumptions())
    frame = pd.read_csv(io.BytesIO(csv), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert len(frame) == len(report.teams)
    assert frame.iloc[0].tolist()[2].startswith("'=")  # neutralised, shown as text
    readme = worklist_export(atlas, report, "teams", "readme", Assumptions()).decode()
    assert (
        readme.startswith("Directory health: team worklist") and "why_here: Why the service is at this place" in readme
    )
    book = openpyxl.load_workbook(io.BytesIO(worklist_export(atlas, report, "areas", "xlsx", Assumptions())))
    assert book.sheetnames == ["Areas", "README"]
    rows = list(book["Areas"].iter_rows(values_only=True))
    assert rows[0][:3] == ("level", "area_code", "area_name")
    assert [r[1] for r in rows[1:]] == list(report.areas["area_code"])
