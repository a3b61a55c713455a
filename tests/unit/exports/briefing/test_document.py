"""PDF area briefings: text, figures, footer, and escaped or inert names."""

from __future__ import annotations

import re
import subprocess

import pytest
from PIL import Image

from coverage.exports import briefing
from coverage.exports.briefing import typeset, wording
from coverage.exports.provenance import date_text
from coverage.model import profile
from coverage.model.gaps import area_table
from coverage.present.metrics import format_value
from tests.unit.exports.support import (
    INERT,
    OXFORDSHIRE,
    SHORT_SOURCE,
    TODAY,
    need,
    squash,
)


@pytest.mark.slow
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
    assert "&lt;b&gt;Bad &amp; Co&lt;/b&gt;" in wording.lead_sentence(row)
    assert typeset.text("=1+1") == "'=1+1"


KENT = "E10000016"


def test_kent_briefing_says_a_service_is_listed_not_no_team(atlas, assumptions):
    """Kent lists PIMHS Kent (borderline): its lead, key figures and team table say so in words (#20)."""
    row = area_table(atlas, "utla", assumptions).set_index("area_code").loc[KENT]
    lead = wording.lead_sentence(row)
    assert "<b>No counted team</b>: a service is listed here, not counted as a specialised team: borderline" in lead
    figures = {label: (central, note) for label, central, note in wording.key_figures(row, assumptions)}
    assert figures["Status"] == ("service listed, not counted", "listed, not counted: borderline")
    assert figures["What the directory shows"] == ("service listed, not counted", "")
    teams = profile.teams_serving(atlas, "utla", KENT, assumptions)
    cells = dict((c[0], c) for c in wording.team_cells(teams, 2024))
    pimhs = cells["Parent Infant Mental Health Service (PIMHS), Kent"]
    assert pimhs[2] == "Borderline (new, combined or mild-to-moderate focus); not known whether it is still running"
    assert pimhs[3] == "no dated evidence"
    assert pimhs[4].startswith("no: it is a borderline service")
    words = " ".join([lead, *(w for f in figures.values() for w in f), *(w for c in cells.values() for w in c)])
    words = words.lower()
    assert "no team listed" not in words and "borderline, unknown" not in words


def test_briefing_team_table_says_the_evidence_age(atlas, assumptions):
    teams = profile.teams_serving(atlas, "utla", OXFORDSHIRE, assumptions)
    years = dict(zip(teams["name"], teams["evidence_year"]))
    for cell in wording.team_cells(teams, 2024):
        year = years[cell[0]]
        want = (
            "no dated evidence"
            if year != year
            else f"evidence from {int(year)}"
            if year >= 2024
            else f"latest evidence {int(year)}, before 2024"
        )
        assert cell[3] == want
