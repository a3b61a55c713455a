"""CSV and XLSX tables: the engine's figures, provenance, and formula team names made inert."""

from __future__ import annotations

import csv
import io
import zipfile

import openpyxl
import pytest

from coverage.exports import tables
from coverage.model.gaps import area_table
from tests.unit.exports.support import (
    AREA_COUNTS,
    HOSTILE,
    INERT,
    OXFORDSHIRE,
    TODAY,
    squash,
)


def test_csv_figures_match_the_engine_and_carry_provenance(atlas, assumptions):
    data = tables.area_table_export(atlas, "utla", assumptions, "csv", today=TODAY)
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    preamble = [r[0] for r in rows if r and r[0].startswith("#")]
    assert any(assumptions.describe() in line for line in preamble)
    assert any("Open Government Licence v3.0" in line for line in preamble)
    assert any(TODAY.isoformat() in line for line in preamble)
    header_at = len(preamble)
    header = rows[header_at]
    body = [dict(zip(header, r)) for r in rows[header_at + 1 :]]
    engine = area_table(atlas, "utla", assumptions).set_index("area_code")
    assert len(body) == AREA_COUNTS["utla"]
    for r in body:
        e = engine.loc[r["area_code"]]
        assert float(r["need_per_year"]) == pytest.approx(e["need_per_year"], rel=1e-12)
        assert float(r["reach"]) == pytest.approx(e["reach"], rel=1e-12)
        assert int(r["teams"]) == e["teams"]
    # the project's own reader agrees
    frame = tables.read_csv_export(data, dtype={"area_code": str})
    assert len(frame) == AREA_COUNTS["utla"]


def test_csv_neutralises_a_formula_team_name(hostile, assumptions):
    a, _ = hostile
    text = tables.area_table_export(a, "utla", assumptions, "csv", today=TODAY).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    header_at = next(i for i, r in enumerate(rows) if r and r[0] == "area_code")
    body = [dict(zip(rows[header_at], r)) for r in rows[header_at + 1 :]]
    oxon = next(r for r in body if r["area_code"] == OXFORDSHIRE)
    assert oxon["team_names"] == INERT
    for r in body:
        for value in r.values():
            assert not value.startswith(("=", "+", "@", "\t", "\r")), value
    teams = list(
        csv.reader(io.StringIO(tables.team_table_export(a, assumptions, "csv", today=TODAY).decode("utf-8-sig")))
    )
    names = [r[1] for r in teams if len(r) > 1]
    assert INERT in names and HOSTILE not in names


def test_xlsx_figures_types_and_readme(atlas, assumptions):
    data = tables.area_table_export(atlas, "health", assumptions, "xlsx", today=TODAY)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Areas", "README"]
    ws = wb["Areas"]
    header = [c.value for c in ws[1]]
    engine = area_table(atlas, "health", assumptions).set_index("area_code")
    col = {name: i for i, name in enumerate(header)}
    rows = list(ws.iter_rows(min_row=2))
    assert len(rows) == AREA_COUNTS["health"]
    for r in rows:
        e = engine.loc[r[col["area_code"]].value]
        assert r[col["need_per_year"]].data_type == "n"
        assert r[col["need_per_year"]].value == pytest.approx(e["need_per_year"], rel=1e-12)
        assert r[col["reach"]].value == pytest.approx(e["reach"], rel=1e-12)
        assert r[col["reach"]].number_format == "0.0%"
        assert r[col["population_1001"]].number_format == "#,##0"
        assert r[col["teams"]].value == e["teams"]
    readme = squash(" ".join(str(c) for row in wb["README"].iter_rows(values_only=True) for c in row if c is not None))
    assert assumptions.describe() in readme
    for source in atlas.manifest["sources"]:
        assert source["title"] in readme and source["vintage"] in readme
    for line in atlas.manifest["attribution"]:
        assert line in readme
    assert "Open Government Licence v3.0" in readme and TODAY.isoformat() in readme
    assert "need_per_year" in readme and "Capacity" in readme  # column definitions


def test_xlsx_formula_team_name_is_a_quoted_string_never_a_formula(hostile, assumptions):
    a, _ = hostile
    for data, sheet, column in (
        (tables.area_table_export(a, "utla", assumptions, "xlsx", today=TODAY), "Areas", "team_names"),
        (tables.team_table_export(a, assumptions, "xlsx", today=TODAY), "Teams", "name"),
    ):
        wb = openpyxl.load_workbook(io.BytesIO(data))
        ws = wb[sheet]
        header = [c.value for c in ws[1]]
        cells = [row[header.index(column)] for row in ws.iter_rows(min_row=2)]
        hit = [c for c in cells if isinstance(c.value, str) and "HYPERLINK" in c.value]
        assert len(hit) == 1
        assert hit[0].value == INERT and hit[0].data_type == "s"
        for c in cells:
            assert c.data_type != "f"
        with zipfile.ZipFile(io.BytesIO(data)) as z:  # no formula element anywhere in the workbook
            for name in z.namelist():
                if name.startswith("xl/worksheets/"):
                    assert "<f>" not in z.read(name).decode() and "<f " not in z.read(name).decode()
