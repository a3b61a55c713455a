"""The export command line: tables, GIS, batch briefings with progress, and clear errors."""

from __future__ import annotations

import shutil
import subprocess

import openpyxl
import pytest

from tests.support.prerequisites import in_ci
from tests.unit.exports.support import (
    INERT,
    OXFORDSHIRE,
    need,
    ogrinfo,
    run_cli,
    squash,
)

pytestmark = pytest.mark.slow  # each test runs the command line in a subprocess


def test_cli_exports_tables_and_gis(tmp_path):
    out = tmp_path / "t.xlsx"
    result = run_cli(
        "export",
        "table",
        "--level",
        "region",
        "--format",
        "xlsx",
        "--prevalence",
        "0.1",
        "--date",
        "2026-03-05",
        "--out",
        out,
    )
    assert result.returncode == 0, result.stderr
    wb = openpyxl.load_workbook(out)
    readme = " ".join(str(c) for row in wb["README"].iter_rows(values_only=True) for c in row if c is not None)
    assert "Need = annual births x 10%" in readme
    header = [c.value for c in wb["Areas"][1]]
    births = [r[header.index("annual_births")] for r in wb["Areas"].iter_rows(min_row=2, values_only=True)]
    need_ = [r[header.index("need_per_year")] for r in wb["Areas"].iter_rows(min_row=2, values_only=True)]
    assert need_ == pytest.approx([b * 0.1 for b in births], rel=1e-12)
    csv_out = run_cli("export", "table", "--level", "nation", "--format", "csv", "--no-preamble", "--out", "-")
    assert csv_out.returncode == 0 and csv_out.stdout.lstrip("\ufeff").startswith("area_code,")
    if shutil.which("ogrinfo") or in_ci():
        gpkg = tmp_path / "h.gpkg"
        assert run_cli("export", "gis", "--level", "health", "--format", "gpkg", "--out", gpkg).returncode == 0
        assert "Feature Count: 68" in ogrinfo("-so", gpkg, "areas")


@pytest.mark.parametrize(
    "args,expect",
    [
        (["briefing", "--code", "NOPE"], "no area 'NOPE'"),
        (["table", "--format", "docx", "--out", "x"], "docx"),
        (["table", "--out", "/no/such/folder/x.csv"], "does not exist"),
        (["map", "--metric", "nope", "--out", "x.png"], "nope"),
        (["briefings", "--out-dir", "x", "--codes", "NOPE"], "NOPE"),
        (["table", "--directory", "/no/such/teams.csv", "--out", "x.csv"], "not found"),
    ],
    ids=["unknown-code", "bad-format", "no-folder", "bad-metric", "bad-codes", "no-directory"],
)
def test_cli_export_errors_are_clear(tmp_path, args, expect):
    args = [a if a not in ("x", "x.png", "x.csv") else str(tmp_path / a) for a in args]
    if args[0] == "briefing":
        args += ["--out", str(tmp_path / "x.pdf")]
    result = run_cli("export", *args)
    assert result.returncode != 0
    assert expect in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_batch_briefings_with_progress(tmp_path, hostile):
    need("chromium")
    need("pdftotext")
    _, teams = hostile
    out = tmp_path / "briefings"
    result = run_cli(
        "export",
        "briefings",
        "--level",
        "utla",
        "--codes",
        f"E06000001,{OXFORDSHIRE},S12000033",
        "--limit",
        "2",
        "--directory",
        teams,
        "--date",
        "2026-03-05",
        "--out-dir",
        out,
    )
    assert result.returncode == 0, result.stderr
    assert "2/2" in result.stderr  # the progress bar
    files = sorted(p.name for p in out.glob("*.pdf"))
    assert files == ["E06000001-hartlepool.pdf", "E10000025-oxfordshire.pdf"]
    text = squash(subprocess.run(["pdftotext", str(out / files[1]), "-"], capture_output=True, text=True).stdout)
    assert INERT in text and "5 March 2026" in text
