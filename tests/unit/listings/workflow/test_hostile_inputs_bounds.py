"""Hostile inputs that used to escape the handlers (issue 9, point 6): each now ends in a message.

File cases go through the Review page's upload check and ``check-directory``, which must agree
word for word; command-line cases must exit non-zero with a message and no traceback.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
import pandas as pd
import pytest

from coverage.cli import main
from coverage.exports.safety import neutralise, safe_csv
from coverage.listings.store import Store, submissions
from coverage.listings.workflow.directory_import import check
from coverage.model.atlas import load_atlas
from coverage.model.directory import COLUMNS

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def atlas():
    return load_atlas()


def header() -> str:
    return ",".join(COLUMNS)


def one_row(**values) -> str:
    row = {c: "" for c in COLUMNS}
    row.update(team_id="a-team", name="A team", status="active", confidence="reported", kind="specialised")
    row.update(area_level="utla", area_codes="E06000001", nation="England")
    row.update(values)
    return ",".join(row[c] for c in COLUMNS)


def csv_file(*rows: str) -> bytes:
    return ("\n".join([header(), *rows]) + "\n").encode()


def xlsx_with_sheet(edit) -> bytes:
    book = openpyxl.Workbook()
    book.active.append(COLUMNS)
    book.active.append(one_row().split(","))
    buf = io.BytesIO()
    book.save(buf)
    source = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info, edit(data) if info.filename == "xl/worksheets/sheet1.xml" else data)
    return out.getvalue()


def huge_number_cell(sheet: bytes) -> bytes:
    return sheet.replace(b"</row></sheetData>", b'<c r="Z2" t="n"><v>' + b"9" * 5000 + b"</v></c></row></sheetData>")


FILES = [
    ("100k-columns", "t.csv", (",".join(f"c{i}" for i in range(100_000)) + "\n").encode(), "has 100000 columns"),
    ("duplicate-column", "t.csv", csv_file().replace(b"notes", b"notes,notes", 1), "duplicate column(s): notes"),
    ("5000-digit-families", "t.csv", csv_file(one_row(families_per_year="9" * 5000)), "must be a whole number"),
    ("5000-digit-year", "t.csv", csv_file(one_row(year_established="1" * 5000)), "must be a year from 1900"),
    ("xlsx-truncated-xml", "t.xlsx", xlsx_with_sheet(lambda b: b[: len(b) // 2]), "could not be read as a workbook"),
    (
        "xlsx-doctype",
        "t.xlsx",
        xlsx_with_sheet(lambda b: b.replace(b"<sheetData>", b"<!DOCTYPE x [<!ENTITY a 'b'>]><sheetData>")),
        "could not be read as a workbook",
    ),
    ("xlsx-5000-digit-number", "t.xlsx", xlsx_with_sheet(huge_number_cell), "could not be read as a workbook"),
]


@pytest.mark.parametrize(("case_id", "name", "data", "expected"), FILES, ids=[f[0] for f in FILES])
def test_bad_file_ends_in_a_message(atlas, tmp_path, capsys, case_id, name, data, expected):
    frame, problems = check(name, data, atlas.known_codes())
    messages = [str(p) for p in problems]
    assert any(expected in m for m in messages), messages
    path = tmp_path / name
    path.write_bytes(data)
    assert main(["check-directory", str(path)]) == 1
    out = capsys.readouterr()
    assert [line for line in out.out.splitlines() if line] == messages
    assert "Traceback" not in out.out + out.err


def test_check_directory_stops_at_the_size_limit_of_an_endless_file(capsys):
    assert main(["check-directory", "/dev/zero"]) == 1  # it was killed by the system after reading it all
    assert "zero: is over 2000 KB; the limit is 2000 KB" in capsys.readouterr().out


@pytest.mark.parametrize("command", [["export", "table", "--format", "csv"], ["areas"], ["summary"]])
def test_a_directory_with_no_valid_team_exits_non_zero(tmp_path, capsys, command):
    out = tmp_path / "out.csv"
    argv = [*command, "--directory", "/etc/passwd"] + (["--out", str(out)] if command[0] == "export" else [])
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "holds no valid team row" in err and not out.exists()


@pytest.mark.parametrize(
    ("flag", "value"),
    [("--prevalence", "1e-320"), ("--prevalence", "0.9"), ("--prevalence", "nan"), ("--target", "0.001")]
    + [("--families-per-team", "1e-300"), ("--families-per-team", "inf")],
)
def test_figures_outside_the_apps_ranges_are_refused(capsys, flag, value):
    with pytest.raises(SystemExit) as exit_:
        main(["summary", flag, value])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert f"'{value}' must be " in err or f"'{value}' is not a number" in err


def test_values_are_stored_exactly_as_validated(atlas):
    frame, problems = check("t.csv", csv_file(one_row(team_id=" a-team ", notes="  kept  ")), atlas.known_codes())
    assert not problems
    assert frame.iloc[0]["team_id"] == "a-team" and frame.iloc[0]["notes"] == "kept"


@pytest.mark.parametrize("cell", ["\n=1+1", ' =HYPERLINK("http://x")', "\r\n@SUM(A1)", "\t\n+1", "  -2+3"])
def test_formula_triggers_after_leading_whitespace_are_neutralised(cell):
    assert neutralise(cell) == "'" + cell
    assert safe_csv(pd.DataFrame({"x": [cell]})).split("\n", 1)[1].startswith(("'", "\"'"))


def test_sqlite_store_syncs_fully(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'a.sqlite'}")
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    store.engine.dispose()


def test_erase_contacts_applies_the_retention_rule(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ATLAS_STATE_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    store = Store()
    old, recent, waiting = (
        store.submit("correction", "oxpip", {"notes": "x"}, f"{n}@example.org", "https://e.org") for n in "abc"
    )
    store.reject(old, "Reviewer One", "no")
    store.reject(recent, "Reviewer One", "no")
    with store.engine.begin() as conn:
        long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=91)
        conn.execute(submissions.update().where(submissions.c.reference == old).values(reviewed_at=long_ago))
    assert main(["erase-contacts"]) == 0
    assert "erased 1 contact email(s)" in capsys.readouterr().out
    assert [store.get(r)["contact_email"] for r in (old, recent, waiting)] == ["", "b@example.org", "c@example.org"]
    assert main(["erase-contacts", "--days", "0"]) == 0  # decided ones go; a pending one is never erased
    assert [store.get(r)["contact_email"] for r in (old, recent, waiting)] == ["", "", "c@example.org"]
    store.engine.dispose()
