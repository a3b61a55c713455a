"""The command line as users run it: ``python -m coverage ...`` from the project root (see ``run``)."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys
import traceback

import pandas as pd
import pytest

from coverage import paths
from coverage.cli import main
from coverage.model.assumptions import FAMILIES_PER_TEAM
from coverage.model.directory import COLUMNS

ROOT = paths.PROJECT_ROOT
TEAMS = ROOT / "data" / "teams.csv"
AREA_COUNTS = {"utla": 218, "lad": 361, "health": 68, "region": 12, "nation": 4}
NEEDED_COLUMNS = [
    "area_code",
    "area_name",
    "nation",
    "population_1001",
    "annual_births",
    "need_per_year",
    "teams",
    "capacity_per_year",
    "reach",
    "unmet_need_per_year",
]
FOUR_NATIONS = {"England", "Wales", "Scotland", "Northern Ireland"}


def run(*args: str) -> subprocess.CompletedProcess:
    """``python -m coverage ARGS`` as its user sees it: exit code, standard output and error.

    Run in-process (``coverage.cli.main`` with both streams captured) because a fresh interpreter
    per case cost a second and a half of imports each; an exception escaping ``main`` is printed as
    the interpreter would print it, so "no traceback" still means what it says.
    test_the_module_runs_as_a_program runs the real ``python -m coverage`` once.
    """
    out, err = io.StringIO(), io.StringIO()
    saved = {k: os.environ.pop(k) for k in ("ATLAS_DATA_DIR", "ATLAS_SHARED_DIR") if k in os.environ}
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main([str(a) for a in args])
            except SystemExit as exc:  # argparse refusing the arguments
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            except Exception:  # noqa: BLE001 - what the interpreter would show the user
                traceback.print_exc(file=err)
                code = 1
    finally:
        os.environ.update(saved)
    return subprocess.CompletedProcess(["python", "-m", "coverage", *args], code, out.getvalue(), err.getvalue())


def test_the_module_runs_as_a_program():
    env = {k: v for k, v in os.environ.items() if k not in ("ATLAS_DATA_DIR", "ATLAS_SHARED_DIR")}
    result = subprocess.run(
        [sys.executable, "-m", "coverage", "summary", "--format", "csv"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert read_csv(result.stdout)["area_name"].tolist()[0] == "United Kingdom"


def ok(*args: str) -> subprocess.CompletedProcess:
    result = run(*args)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result


def read_csv(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), dtype={"area_code": str})


# --- areas ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def utla_default() -> pd.DataFrame:
    return read_csv(ok("areas", "--level", "utla", "--format", "csv").stdout)


@pytest.mark.parametrize("level", AREA_COUNTS)
def test_areas_csv_has_the_columns_and_one_row_per_area(level):
    table = read_csv(ok("areas", "--level", level, "--format", "csv").stdout)
    missing = [c for c in NEEDED_COLUMNS if c not in table.columns]
    assert not missing, f"missing columns {missing}"
    assert len(table) == AREA_COUNTS[level]
    assert table["area_code"].is_unique
    assert set(table["nation"]) == FOUR_NATIONS


def test_kent_reads_a_listed_service_not_no_team(utla_default):
    """Kent lists PIMHS Kent (borderline): its state says so; its count stays 0 (#20)."""
    kent = utla_default.set_index("area_code").loc["E10000016"]
    assert kent["teams"] == 0 and kent["capacity_per_year"] == 0
    assert kent["status"] == kent["evidence"] == "service listed, not counted"
    assert kent["listed_not_counted"] == "a service is listed here, not counted as a specialised team: borderline"
    text = ok("areas", "--level", "utla").stdout
    assert "no team listed" not in next(line for line in text.splitlines() if "E10000016" in line)


def test_areas_json_parses():
    result = ok("areas", "--level", "region", "--format", "json")
    rows = json.loads(result.stdout)
    assert isinstance(rows, list) and len(rows) == AREA_COUNTS["region"]
    for row in rows:
        assert set(NEEDED_COLUMNS) <= set(row)


def test_areas_prevalence_sets_need(utla_default):
    result = ok("areas", "--level", "utla", "--format", "csv", "--prevalence", "0.1")
    table = read_csv(result.stdout)
    assert len(table) == AREA_COUNTS["utla"]
    assert table["need_per_year"].tolist() == pytest.approx((table["annual_births"] * 0.1).tolist(), rel=1e-12)
    # births do not depend on prevalence; need does
    assert table["annual_births"].tolist() == pytest.approx(utla_default["annual_births"].tolist(), rel=1e-12)
    assert "10%" in result.stderr  # the assumptions line says what was used


def test_areas_prevalence_accepts_a_percentage():
    table = read_csv(ok("areas", "--level", "nation", "--format", "csv", "--prevalence", "20%").stdout)
    assert table["need_per_year"].tolist() == pytest.approx((table["annual_births"] * 0.2).tolist(), rel=1e-12)


def test_families_per_team_changes_only_teams_with_unknown_capacity(utla_default):
    default_fpt = FAMILIES_PER_TEAM["central"].value
    changed = read_csv(ok("areas", "--level", "utla", "--format", "csv", "--families-per-team", "200").stdout)
    a = utla_default.set_index("area_code")
    b = changed.set_index("area_code")
    assert (a["teams"] == b["teams"]).all()
    # Oxfordshire: one team (OXPIP), capacity unknown, so it takes the assumed figure
    assert a.at["E10000025", "capacity_per_year"] == pytest.approx(default_fpt)
    assert b.at["E10000025", "capacity_per_year"] == pytest.approx(200)
    # Newcastle: NEWPIP's own figure (277 a year) is kept whatever is assumed
    assert a.at["E08000021", "capacity_per_year"] == pytest.approx(277)
    assert b.at["E08000021", "capacity_per_year"] == pytest.approx(277)
    # no team, no capacity
    none = a["teams"] == 0
    assert (b.loc[none, "capacity_per_year"] == 0).all()
    # every other area with teams scales with the assumed figure
    teams = pd.read_csv(TEAMS, dtype=str, keep_default_na=False)
    known_areas = set(teams.loc[teams["families_per_year"] != "", "area_codes"].str.split(";").explode())
    scaled = a.index[~none & ~a.index.isin(known_areas)]
    assert len(scaled) > 5
    ratio = b.loc[scaled, "capacity_per_year"] / a.loc[scaled, "capacity_per_year"]
    assert ratio.tolist() == pytest.approx([200 / default_fpt] * len(scaled), rel=1e-9)


@pytest.mark.parametrize(
    "args,expect",
    [
        (["--prevalence", "abc"], "abc"),
        (["--prevalence", "2"], "prevalence"),
        (["--prevalence", "0"], "prevalence"),
        (["--families-per-team", "-5"], "families-per-team"),
        (["--level", "ward"], "ward"),
    ],
    ids=["prevalence-abc", "prevalence-2", "prevalence-0", "families-negative", "level-ward"],
)
def test_bad_values_exit_nonzero_with_a_message_and_no_traceback(args, expect):
    result = run("areas", *args)
    assert result.returncode != 0
    assert expect in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


# --- summary ---------------------------------------------------------------------------------------------------


def test_summary_is_uk_then_the_four_nations():
    table = read_csv(ok("summary", "--format", "csv").stdout)
    assert len(table) == 5
    assert table.at[0, "area_name"] == "United Kingdom"
    assert set(table["area_name"][1:]) == FOUR_NATIONS
    assert table.at[0, "annual_births"] == pytest.approx(694_286, abs=1e-6)
    for col in ("annual_births", "population_1001", "need_per_year", "capacity_per_year"):
        assert table.at[0, col] == pytest.approx(table[col][1:].sum(), rel=1e-12), col


def test_summary_table_format_prints():
    result = ok("summary")
    lines = result.stdout.splitlines()
    assert "United Kingdom" in lines[1]
    assert "Need = annual births" in result.stderr


# --- check-directory -------------------------------------------------------------------------------------------


def test_check_directory_passes_the_committed_directory():
    result = ok("check-directory", "data/teams.csv")
    assert "61 valid team rows, 0 problem(s)" in result.stdout


def committed_rows() -> list[dict[str, str]]:
    with open(TEAMS, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write_rows(path, rows, columns=COLUMNS) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)


def problem_lines(result: subprocess.CompletedProcess) -> list[str]:
    return [line for line in result.stdout.splitlines() if line.strip()]


FUTURE = (dt.date.today() + dt.timedelta(days=400)).isoformat()

ROW_FAULTS = {
    # name: (row index to spoil, field, value written, text the message must contain)
    "bad-status": (3, "status", "actve", "'actve' is not one of"),
    "unknown-area-code": (5, "area_codes", "E99999999", "E99999999 not a known utla code"),
    "families-abc": (10, "families_per_year", "abc", "'abc' must be a whole number"),
    "families-negative": (11, "families_per_year", "-5", "'-5' must be a whole number"),
    "website-javascript": (12, "website", "javascript:alert(1)", "is not an http(s) web address"),
    "last-verified-future": (13, "last_verified", FUTURE, "is in the future"),
}


@pytest.mark.parametrize("fault", ROW_FAULTS)
def test_check_directory_names_file_line_and_field_of_a_bad_row(tmp_path, fault):
    index, field, value, message = ROW_FAULTS[fault]
    rows = committed_rows()
    rows[index][field] = value
    path = tmp_path / f"{fault}.csv"
    write_rows(path, rows)
    result = run("check-directory", path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    problems = problem_lines(result)
    assert len(problems) == 1, problems
    line = index + 2  # the header is line 1
    assert problems[0].startswith(f"{path.name}, line {line} ")
    assert f"field '{field}'" in problems[0]
    assert message in problems[0]
    assert "60 valid team rows, 1 problem(s)" in result.stderr  # the bad row is left out, the rest kept


def test_check_directory_reports_duplicate_team_id_on_the_second_line(tmp_path):
    rows = committed_rows()
    referenced = {t.strip() for r in rows for t in r["overlaps_with"].split(";")}
    # spoil a row no other row refers to, so the duplicate is the only fault
    second = next(i for i in range(20, len(rows)) if rows[i]["team_id"] not in referenced)
    rows[second]["team_id"] = rows[4]["team_id"]
    path = tmp_path / "dupes.csv"
    write_rows(path, rows)
    result = run("check-directory", path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    problems = problem_lines(result)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{path.name}, line {second + 2} ")
    assert "field 'team_id'" in problems[0]
    assert f"'{rows[4]['team_id']}' is used already on line 6" in problems[0]


def test_check_directory_reports_every_bad_row_in_one_file(tmp_path):
    rows = committed_rows()
    for index, field, value, _ in ROW_FAULTS.values():
        rows[index][field] = value
    path = tmp_path / "many.csv"
    write_rows(path, rows)
    result = run("check-directory", path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    problems = problem_lines(result)
    assert len(problems) == len(ROW_FAULTS)
    for (index, field, _, message), text in zip(ROW_FAULTS.values(), problems):
        assert text.startswith(f"{path.name}, line {index + 2} ")
        assert f"field '{field}'" in text and message in text


def test_check_directory_rejects_a_latin1_file(tmp_path):
    text = TEAMS.read_text(encoding="utf-8").replace("Oxford Parent Infant Project", "Oxford Parent Infant Projét")
    path = tmp_path / "latin1.csv"
    path.write_bytes(text.encode("latin-1", errors="replace"))
    result = run("check-directory", path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{path.name}: is not UTF-8" in result.stdout


def test_check_directory_rejects_a_missing_column(tmp_path):
    path = tmp_path / "no_status.csv"
    write_rows(path, committed_rows(), [c for c in COLUMNS if c != "status"])
    result = run("check-directory", path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{path.name}, line 1: missing column(s): status" in result.stdout


def test_check_directory_rejects_an_empty_file(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    result = run("check-directory", path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{path.name}: is empty" in result.stdout


def test_check_directory_on_a_missing_file_says_so_without_a_traceback(tmp_path):
    path = tmp_path / "no_such_file.csv"
    result = run("check-directory", path)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    out = result.stdout + result.stderr
    assert path.name in out
    assert "cannot be read" in out


@pytest.mark.parametrize(
    "field,value",
    [("families_per_year", "\u00b2"), ("families_per_year", "\uff11\uff12"), ("year_established", "\u00b2")],
    ids=["families-superscript-2", "families-fullwidth-12", "year-superscript-2"],
)
def test_check_directory_rejects_non_ascii_digits_without_a_traceback(tmp_path, field, value):
    # str.isdigit() is true for these, but int("²") raises and pandas reads "１２" as blank
    rows = committed_rows()
    rows[7][field] = value
    path = tmp_path / "digits.csv"
    write_rows(path, rows)
    result = run("check-directory", path)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    problems = problem_lines(result)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{path.name}, line 9 ") and f"field '{field}'" in problems[0]
