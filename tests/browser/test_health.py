"""/health in Chromium at 1366 and 390 px: it renders, axe finds nothing serious, and both worklists download.

The team worklist's Excel file opens with openpyxl with the same rows as the page; its CSV has one
header row and its README sidecar names the columns, assumptions and sources.
"""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from test_accessibility import BLOCKING, describe
from test_flows import download
from test_pages import VIEWPORTS

from tests.support.browser import PHONE, SCREENSHOTS

pytestmark = pytest.mark.browser
TEAM_POPOVER = "Download the teams worklist"


@pytest.mark.parametrize("viewport", list(VIEWPORTS.values()), ids=list(VIEWPORTS))
def test_health_page_is_accessible_and_its_worklists_download(page, viewport, atlas):
    from axe_playwright_python.sync_playwright import Axe

    from coverage.listings.health.report import directory_health
    from coverage.model.assumptions import Assumptions

    width = "phone" if viewport == PHONE else "desktop"
    page.open("/health", "Directory health")
    page.page.get_by_text("Team worklist", exact=True).first.wait_for(timeout=60_000)
    page.full_screenshot(SCREENSHOTS / f"health-{width}.png")
    results = Axe().run(page.page).response
    blocking = [v for v in results["violations"] if v["impact"] in BLOCKING]
    assert not blocking, describe(blocking)

    expected = directory_health(atlas, Assumptions(), results=None)
    name, data = download(page, "Excel, with a README sheet", TEAM_POPOVER)
    assert name.endswith(".xlsx")
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Teams", "README"]
    rows = list(book["Teams"].iter_rows(values_only=True))
    assert [r[1] for r in rows[1:]] == list(expected.teams["team_id"])
    page.page.keyboard.press("Escape")
    name, data = download(page, "CSV table", TEAM_POPOVER)
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(table) == len(expected.teams) + 1 and table[1][1] == expected.teams.loc[0, "team_id"]
    page.page.keyboard.press("Escape")
    name, readme = download(page, "README for the CSV", TEAM_POPOVER)
    text = readme.decode("utf-8")
    assert name.endswith(".txt") and text.startswith("Directory health: team worklist")
    assert "Assumptions:" in text and "Sources" in text
    page.assert_clean()
