"""Exports, each opened with a reader that is not ours.

PNG with Pillow, SVG with xml.etree, XLSX with openpyxl (and its raw XML), GeoJSON and
GeoPackage with GDAL's ``ogrinfo``, PDF with poppler's ``pdftotext``/``pdfinfo``/``pdftoppm``,
CSV with the csv module. Each check compares content with the engine: the figures, the
provenance footer (source and assumptions), and a team named ``=HYPERLINK("http://x","y")``
coming out inert everywhere.

Tests that need Chromium, GDAL or poppler skip locally when the program is missing, and fail
when ``CI`` is set, so CI can never pass by skipping them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile

import openpyxl
import pytest
from PIL import Image

from coverage import paths
from coverage.exports import briefing, gis, images, tables
from coverage.exports.provenance import date_text, provenance, source_line
from coverage.model.assumptions import Assumptions
from coverage.model.atlas import load_atlas
from coverage.model.gaps import area_table
from coverage.present.metrics import BLUES, NO_TEAM_COLOUR, format_value

ROOT = paths.PROJECT_ROOT
TODAY = dt.date(2026, 3, 5)
HOSTILE = '=HYPERLINK("http://x","y")'
INERT = "'" + HOSTILE
OXFORDSHIRE = "E10000025"  # served by one team only (OXPIP), which the hostile directory renames
AREA_COUNTS = {"utla": 218, "lad": 361, "health": 68, "region": 12, "nation": 4}
SHORT_SOURCE = (
    "Source: ONS mid-2022 population estimates; boundaries ONS/SG/DoH NI; team directory from public "
    "sources. Open Government Licence v3.0."
)


PACKAGES = {
    "chromium": "chromium",
    "ogrinfo": "gdal-bin",
    "pdftotext": "poppler-utils",
    "pdfinfo": "poppler-utils",
    "pdftoppm": "poppler-utils",
}


def need(program: str) -> str:
    """Path of a program the test needs: skip without it locally, fail without it in CI."""
    found = images.browser_path() if program == "chromium" else shutil.which(program)
    if not found:
        message = f"{program} is not installed (apt-get install {PACKAGES[program]})"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def squash(text: str) -> str:
    return " ".join(text.split())


# --- fixtures -----------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def atlas():
    return load_atlas(paths.data_dir())


@pytest.fixture(scope="module")
def assumptions():
    return Assumptions()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The real atlas with OXPIP renamed to a spreadsheet formula."""
    folder = tmp_path_factory.mktemp("hostile")
    with open(ROOT / "data" / "teams.csv", newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        rows, fields = list(reader), reader.fieldnames
    hit = [r for r in rows if r["team_id"] == "oxpip"]
    assert hit, "the seed directory no longer lists OXPIP; pick another single-team area"
    hit[0]["name"] = HOSTILE
    with open(folder / "teams.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    a = load_atlas(paths.data_dir(), directory_path=folder / "teams.csv")
    assert not a.problems, a.problems
    assert HOSTILE in set(a.teams["name"])
    return a, folder / "teams.csv"


@pytest.fixture(scope="module")
def renderer():
    need("chromium")
    with images.Renderer() as r:
        yield r


def run_cli(*args) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("ATLAS_DATA_DIR", "ATLAS_SHARED_DIR")}
    return subprocess.run(
        [sys.executable, "-m", "coverage", *map(str, args)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


# --- provenance ---------------------------------------------------------------------------------------------------


def test_provenance_names_sources_licence_assumptions_and_date(atlas, assumptions):
    assert source_line(atlas.manifest) == SHORT_SOURCE
    prov = provenance("T", assumptions, atlas.manifest, today=TODAY)
    assert prov.footer.startswith(SHORT_SOURCE)
    assert "Contains OS data © Crown copyright" in prov.footer
    assert "5 March 2026" in prov.footer
    assert prov.subtitle == "Assumptions: " + assumptions.describe()
    registered = provenance("T", Assumptions(births_basis="registered"), atlas.manifest, today=TODAY)
    assert "ONS 2023 births" in registered.source


def test_provenance_without_a_manifest_still_says_where_data_came_from(assumptions):
    prov = provenance("T", assumptions, {"sources": [], "attribution": []}, today=TODAY)
    assert prov.source.startswith("Source: ")
    assert prov.os_line == ""


# --- tables ---------------------------------------------------------------------------------------------------------


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


# --- GIS ------------------------------------------------------------------------------------------------------------


def ogrinfo(*args) -> str:
    result = subprocess.run([need("ogrinfo"), "-ro", *map(str, args)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("fmt", ["geojson", "gpkg"])
def test_gis_files_open_in_gdal_with_one_feature_per_area(atlas, assumptions, tmp_path, fmt):
    need("ogrinfo")
    for level, count in AREA_COUNTS.items():
        path = tmp_path / f"{level}.{fmt}"
        path.write_bytes(gis.area_gis_export(atlas, level, assumptions, fmt, today=TODAY))
        summary = ogrinfo("-so", "-al", path)
        layers = re.findall(r"^Layer name: (\S+)", summary, re.M)
        assert layers[0] == "areas"
        counts = [int(n) for n in re.findall(r"^Feature Count: (\d+)", summary, re.M)]
        assert counts[0] == count, f"{level} {fmt}"
        assert 'ID["EPSG",4326]' in summary
        assert "Multi Polygon" in summary or fmt == "geojson"
        flat = squash(summary)
        assert assumptions.describe() in flat  # the provenance travels inside the file
        assert "Open Government Licence v3.0" in flat
        if fmt == "gpkg":
            assert layers == ["areas", "about"]
            assert "ASSUMPTIONS=" in summary and "SOURCE=" in summary


@pytest.mark.parametrize("fmt", ["geojson", "gpkg"])
def test_gis_attributes_match_the_engine_and_are_inert(hostile, assumptions, tmp_path, fmt):
    need("ogrinfo")
    a, _ = hostile
    path = tmp_path / f"utla.{fmt}"
    path.write_bytes(gis.area_gis_export(a, "utla", assumptions, fmt, today=TODAY))
    out = ogrinfo("-al", "-geom=NO", "-where", f"area_code = '{OXFORDSHIRE}'", path, "areas")
    fields = dict(re.findall(r"^\s+(\w+) \([^)]*\) = (.*)$", out, re.M))
    engine = area_table(a, "utla", assumptions).set_index("area_code").loc[OXFORDSHIRE]
    assert fields["area_name"] == "Oxfordshire"
    assert float(fields["need_per_year"]) == pytest.approx(engine["need_per_year"], rel=1e-9)
    assert float(fields["reach"]) == pytest.approx(engine["reach"], rel=1e-9)
    assert int(fields["teams"]) == engine["teams"] == 1
    assert fields["team_names"] == INERT
    if fmt == "gpkg":
        about = ogrinfo("-al", path, "about")
        assert "Open Government Licence v3.0" in about and TODAY.isoformat() in about


# --- images ---------------------------------------------------------------------------------------------------------


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


def _share_near(img: Image.Image, colour: str, tolerance: int = 14) -> float:
    """Share of pixels within ``tolerance`` of a colour (maps are drawn at 90% opacity on white)."""
    target = _rgb(colour)
    # what the colour looks like at 90% opacity over white
    seen = tuple(round(0.9 * c + 0.1 * 255) for c in target)
    small = img.convert("RGB").resize((270, 270), Image.NEAREST)
    raw = small.tobytes()
    px = [raw[i : i + 3] for i in range(0, len(raw), 3)]
    hits = sum(1 for p in px if all(abs(p[i] - seen[i]) <= tolerance for i in range(3)))
    return hits / len(px)


def test_map_png_is_the_right_size_and_shows_several_classes(atlas, assumptions, renderer):
    data = images.map_export(atlas, "utla", "reach", assumptions, size="social", today=TODAY, renderer=renderer)
    img = Image.open(io.BytesIO(data))
    assert img.format == "PNG" and img.size == (1080, 1080)
    assert len(img.convert("RGB").getcolors(1 << 20)) > 50  # not blank
    assert _share_near(img, NO_TEAM_COLOUR) > 0.02  # areas with no team
    blues = [c for c in BLUES if _share_near(img, c) > 0.0005]
    assert len(blues) >= 2, "expected at least two reach classes besides 'no team'"


def test_map_svg_parses_and_carries_title_and_footer(atlas, assumptions, renderer):
    data = images.map_export(
        atlas, "health", "unmet", assumptions, fmt="svg", size="wide", today=TODAY, renderer=renderer
    )
    root = ET.fromstring(data)
    assert root.tag.endswith("svg")
    assert (root.get("width"), root.get("height")) == ("1200", "675")
    words = squash(" ".join(" ".join(t.itertext()) for t in root.iter() if t.tag.endswith("text")))
    assert "Unmet need for parent-infant relationship teams, by health area" in words
    for piece in (
        "Open Government Licence v3.0",
        "ONS mid-2022 population estimates",
        date_text(TODAY),
        "Assumptions:",
        "Need = annual births x 15%",
    ):
        assert piece in words, piece


@pytest.mark.parametrize("size,pixels", [("social", (1080, 1080)), ("wide", (1200, 675)), ("print", (2480, 1754))])
def test_chart_png_sizes(atlas, assumptions, renderer, size, pixels):
    data = images.chart_export(atlas, "utla", "need", assumptions, size=size, top=10, today=TODAY, renderer=renderer)
    img = Image.open(io.BytesIO(data))
    assert img.size == pixels
    assert len(img.convert("RGB").getcolors(1 << 22)) > 20


def test_renderer_stays_warm_and_stops_cleanly(renderer):
    before = renderer.renders
    fig = images.go.Figure(images.go.Bar(x=[1, 2], y=["a", "b"], orientation="h"))
    for _ in range(2):
        renderer.render(fig, width=300, height=200)
    assert renderer.renders == before + 2 and renderer.restarts == 0 and renderer.running
    with pytest.raises(ValueError):
        renderer.render(fig, fmt="gif")


def test_renderer_restarts_a_crashed_browser():
    need("chromium")
    fig = images.go.Figure(images.go.Bar(x=[1, 2], y=["a", "b"], orientation="h"))
    with images.Renderer() as r:
        r.render(fig, width=300, height=200)
        pid = r.browser_pid
        os.kill(pid, signal.SIGKILL)  # our own browser, by its id
        data = r.render(fig, width=300, height=200)
        assert Image.open(io.BytesIO(data)).size == (300, 200)
        assert r.restarts == 1 and r.browser_pid not in (None, pid)
    assert not r.running and r.browser_pid is None


# --- briefing -------------------------------------------------------------------------------------------------------


def test_briefing_pdf_text_figures_footer_and_inert_team(hostile, assumptions, renderer, tmp_path):
    need("pdftotext")
    a, _ = hostile
    pdf = tmp_path / "oxon.pdf"
    pdf.write_bytes(briefing.briefing_export(a, "utla", OXFORDSHIRE, assumptions, today=TODAY, renderer=renderer))
    text = subprocess.run([need("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = squash(text)
    row = area_table(a, "utla", assumptions).set_index("area_code").loc[OXFORDSHIRE]
    assert "Oxfordshire" in flat
    need_text = format_value(row["need_per_year"], "int")
    band_text = f"{format_value(row['need_low'], 'int')} to {format_value(row['need_high'], 'int')}"
    layout = squash(
        subprocess.run([need("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    )
    assert f"Need (families a year) {need_text} {band_text}" in layout  # one row of the key-figures table
    assert f"{format_value(row['reach'], 'pct')}" in flat
    assert "Area briefing: Oxfordshire" in flat  # footer title
    assert SHORT_SOURCE in flat
    assert "Assumptions: " + assumptions.describe() in flat
    assert date_text(TODAY) in flat
    assert INERT in flat  # shown, quoted, as text
    urls = subprocess.run([need("pdfinfo"), "-url", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "http://x" not in urls
    pages = int(
        re.search(
            r"Pages:\s+(\d+)",
            subprocess.run([need("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout,
        ).group(1)
    )
    assert 1 <= pages <= 3
    subprocess.run(
        [need("pdftoppm"), "-png", "-r", "30", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True
    )
    page = Image.open(next(tmp_path.glob("page*.png")))
    assert len(page.convert("RGB").getcolors(1 << 20)) > 30  # a map and a chart, not a blank page


def test_briefing_markup_in_names_is_escaped(atlas, assumptions):
    row = area_table(atlas, "utla", assumptions).iloc[0].copy()
    row["area_name"] = "<b>Bad & Co</b>"
    assert "&lt;b&gt;Bad &amp; Co&lt;/b&gt;" in briefing.lead_sentence(row)
    assert briefing.text("=1+1") == "'=1+1"


# --- command line ---------------------------------------------------------------------------------------------------


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
    if shutil.which("ogrinfo") or os.environ.get("CI"):
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
