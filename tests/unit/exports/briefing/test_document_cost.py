"""The briefing answers "what would it take": teams needed and their yearly cost, with the band and its sources."""

from __future__ import annotations

import re
import subprocess

import pytest

from coverage.exports import briefing
from coverage.model import costs
from coverage.model.gaps import area_table
from tests.unit.exports.support import TODAY, need, squash

KENT = "E10000016"


@pytest.mark.slow
def test_kent_briefing_shows_teams_and_yearly_cost_with_band(atlas, assumptions, renderer, tmp_path):
    pdf = tmp_path / "kent.pdf"
    pdf.write_bytes(briefing.briefing_export(atlas, "utla", KENT, assumptions, today=TODAY, renderer=renderer))
    flat = squash(subprocess.run([need("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
    table = area_table(atlas, "utla", assumptions)
    c = costs.cost_to_close(table[table["area_code"] == KENT], assumptions)
    assert c.teams > 0
    assert squash(costs.short(c)) in flat  # on the first page
    assert squash(costs.rests_on(c)) in flat  # under Method
    layout = squash(
        subprocess.run([need("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    )
    assert f"{c.teams} {c.teams_low} to {c.teams_high}" in layout  # the key-figures row: central, then its band
    assert "Haringey" in flat and "Kent County Council decision 25/00012" in flat  # what the cost rests on


@pytest.mark.slow
def test_one_page_briefing_is_one_page_that_stands_alone(atlas, assumptions, renderer, tmp_path):
    pdf = tmp_path / "kent-one.pdf"
    pdf.write_bytes(
        briefing.briefing_export(atlas, "utla", KENT, assumptions, today=TODAY, renderer=renderer, one_page=True)
    )
    info = subprocess.run([need("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+1\n", info), info
    flat = squash(subprocess.run([need("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
    table = area_table(atlas, "utla", assumptions)
    c = costs.cost_to_close(table[table["area_code"] == KENT], assumptions)
    for piece in ("Key figures", "How it compares", squash(costs.short(c)), "Source: ONS", "One-page briefing"):
        assert piece in flat, piece
    assert "APPENDIX" not in flat and "Teams serving the area" not in flat


def test_the_full_briefing_marks_its_appendix(atlas, assumptions, renderer, tmp_path):
    pdf = tmp_path / "kent.pdf"
    pdf.write_bytes(briefing.briefing_export(atlas, "utla", KENT, assumptions, today=TODAY, renderer=renderer))
    flat = squash(subprocess.run([need("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
    assert flat.index("How it compares") < flat.index("APPENDIX") < flat.index("Teams serving the area")
