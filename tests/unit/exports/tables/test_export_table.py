"""The one export path every table takes: a tiny hand-made table through each format, checked by hand."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from coverage.exports.provenance import provenance
from coverage.exports.tables import Column, export_table
from coverage.model.assumptions import Assumptions
from tests.unit.exports.support import TODAY

pytestmark = pytest.mark.unit

COLUMNS = (Column("name", "Team name"), Column("reach", "Reach of listed teams", "pct"))


def _export(fmt: str, **kwargs) -> bytes:
    frame = pd.DataFrame({"name": ["=cmd", "Bee"], "reach": [0.04, 0.125]})
    prov = provenance("A tiny table", Assumptions(), {}, today=TODAY, what="Two rows.")
    return export_table(
        frame, prov, fmt, columns=COLUMNS, sheet="Tiny", manifest={}, assumptions=Assumptions(), **kwargs
    )


def test_the_analysts_csv_keeps_full_precision_and_quotes_a_formula():
    assert _export("csv", preamble=False) == "\ufeffname,reach\n'=cmd,0.04\nBee,0.125\n".encode()
    with_preamble = _export("csv").decode("utf-8-sig").splitlines()
    assert with_preamble[0] == '"# Title: A tiny table"' and with_preamble[-3:] == [
        "name,reach",
        "'=cmd,0.04",
        "Bee,0.125",
    ]


def test_the_readable_csv_has_headers_in_words_and_percent_to_one_decimal():
    assert _export("readable_csv") == "\ufeffTeam,Reach of listed teams (%)\n'=cmd,4.0\nBee,12.5\n".encode()


def test_the_readme_names_each_column_and_its_unit():
    readme = _export("readme").decode()
    assert readme.startswith("A tiny table\n============\n")
    assert (
        "Team: Team name.\n" in readme
        and "Reach of listed teams (%): Reach of listed teams. Percent, one decimal place.\n" in readme
    )
    assert "Rows: 2\n" in readme


def test_the_workbook_has_the_sheet_asked_for_with_typed_cells():
    book = openpyxl.load_workbook(io.BytesIO(_export("xlsx")))
    assert book.sheetnames == ["Tiny", "README"]
    sheet = book["Tiny"]
    assert [c.value for c in sheet[1]] == ["name", "reach"]
    assert sheet["A2"].value == "'=cmd" and sheet["A2"].data_type == "s"
    assert sheet["B3"].value == 0.125 and sheet["B3"].number_format == "0.0%"


def test_an_unknown_format_is_refused_naming_the_choices():
    with pytest.raises(ValueError, match="choose csv, readable_csv, readme, xlsx"):
        _export("pdf")
