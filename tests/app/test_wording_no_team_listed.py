"""'No team' is never said as fact: every page, export and CLI output says 'no team listed'.

The directory is partial, so an area with no listed team may well have one. This renders each
page (with the views where the words would appear), each table export, a briefing PDF and the
command line's outputs, and searches all their text.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys

import openpyxl
import pytest

from coverage import paths
from coverage.exports import tables
from coverage.model.assumptions import Assumptions
from coverage.model.atlas import load_atlas
from coverage.model.gaps import area_table
from coverage.model.levels import LEVEL_KEYS

pytestmark = [pytest.mark.apptest, pytest.mark.slow]

# "no team names" (a source's words about what it names, shown as quoted) is not a claim about provision.
BARE = re.compile(r"\bno\s+teams?\b(?!\s+listed)(?!\s+names?\b)", re.IGNORECASE)
VIEWS = [
    ("pages/coverage_map.py", {}),
    ("pages/coverage_map.py", {"level": "health", "area": "E54000059"}),
    ("pages/coverage_map.py", {"metric": "teams_per_10k", "level": "lad"}),
    ("pages/profile.py", {"area": "E08000001", "level": "utla"}),  # Bolton: team reported, not listed
    ("pages/profile.py", {"area": "E06000001", "level": "utla"}),  # Hartlepool: none found (2021)
    ("pages/profile.py", {"area": "WHSCT", "level": "health"}),
    ("pages/compare.py", {}),
    ("pages/teams.py", {}),
    ("pages/plan.py", {}),
    ("pages/check.py", {}),
    ("pages/methods.py", {}),
]


def bare(text: str) -> list[str]:
    """Each 'no team' not followed by 'listed', with some context."""
    flat = re.sub(r"\s+", " ", text)
    return [flat[max(0, m.start() - 60) : m.end() + 40] for m in BARE.finditer(flat)]


def _texts(node):
    proto = getattr(node, "proto", None)
    if proto is not None:
        yield str(proto)
    for child in getattr(node, "children", {}).values():
        yield from _texts(child)


def test_the_pattern_catches_what_it_should():
    assert bare("An area with No team.") and bare("no teams counted") and bare("no\nteam here")
    assert not bare("no team listed") and not bare("No team listed: none") and not bare("no  team\n listed")
    assert not bare("the page gives no team names") and bare("no team, named or not")


@pytest.mark.parametrize("page,params", VIEWS)
def test_pages_never_say_bare_no_team(page, params, app_test):
    at = app_test(page if page != "pages/coverage_map.py" else None, params=params, timeout=90)
    assert not at.exception, [e.value for e in at.exception]
    text = "\n".join(list(_texts(at.main)) + list(_texts(at.sidebar)))
    assert "team" in text
    assert bare(text) == []


@pytest.fixture(scope="module")
def atlas():
    return load_atlas()


def test_table_exports_never_say_bare_no_team(atlas):
    a = Assumptions()
    for level in LEVEL_KEYS:
        data = tables.area_table_export(atlas, level, a, "csv").decode("utf-8")
        # Every state an area at this level is in is written out in words.
        for state in set(area_table(atlas, level, a)["evidence"]) - {"team listed"}:
            assert state in data, (level, state)
        assert bare(data) == [], level
    book = openpyxl.load_workbook(io.BytesIO(tables.area_table_export(atlas, "utla", a, "xlsx")))
    cells = " | ".join(str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value)
    assert "team reported, not listed" in cells
    assert bare(cells) == []
    assert bare(tables.team_table_export(atlas, a, "csv").decode("utf-8")) == []


def _cli(*args) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "coverage", *args],
        cwd=paths.PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return result.stdout + result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("summary",),
        ("summary", "--births", "registered"),
        ("areas", "--level", "health", "--format", "csv"),
        ("areas", "--level", "utla", "--format", "json"),
        ("check-directory", "data/teams.csv"),
    ],
)
def test_cli_output_never_says_bare_no_team(args):
    out = _cli(*args)
    assert bare(out) == []


def test_cli_registered_births_output_marks_the_fallback_rows():
    out = _cli("summary", "--births", "registered", "--format", "csv")
    header, *rows = csv.reader(line for line in out.splitlines() if line and not line.startswith("#"))
    col = header.index("births_fallback")
    flags = {r[1]: r[col] for r in rows}
    assert (
        flags["Scotland"] == "True"
        and flags["Northern Ireland"] == "True"
        and flags["Wales"] == flags["England"] == "False"
    )


@pytest.mark.browser
@pytest.mark.needs("chromium", "pdftotext")
def test_briefing_pdf_never_says_bare_no_team(atlas, tmp_path):
    from coverage.exports import briefing, images

    with images.Renderer() as renderer:
        for code in ("E08000001", "E06000001"):
            pdf = tmp_path / f"{code}.pdf"
            pdf.write_bytes(briefing.briefing_export(atlas, "utla", code, Assumptions(), renderer=renderer))
            text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
            assert "listed" in text
            assert bare(text) == [], code
