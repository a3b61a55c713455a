"""The map page's "CSV table" and its README, downloaded in Chromium at 1366 and 390 px.

The CSV is a plain table (one header row, nothing to skip), its figures rounded as its README says
(whole numbers, percent to one decimal; only columns documented as two decimal places have two), reach in
percent (the engine's reach x 100), and the README carries the assumptions, sources and licence. Image and
PDF buttons are not downloaded here (test_flows.py does; their buttons are being reworked).
"""

from __future__ import annotations

import csv
import io
import re

import pytest
from test_flows import download
from test_pages import HOME_TITLE, VIEWPORTS

from tests.support.browser import PHONE, SCREENSHOTS

pytestmark = pytest.mark.browser

POPOVER = "Download the map or its figures"
README = "README for the CSV"
TABLE_BUTTONS = ("CSV table", README, "Excel, with a README sheet", "GeoJSON (GIS)", "GeoPackage (QGIS)")
NUMBER = re.compile(r"-?\d+(?:\.(\d+))?")


@pytest.fixture(scope="module")
def engine():
    """The shipped atlas' council table and default assumptions, as the page computes them."""
    from coverage.model.assumptions import Assumptions
    from coverage.model.atlas import load_atlas
    from coverage.model.gaps import area_table

    a = Assumptions()
    return area_table(load_atlas(), "utla", a).set_index("area_code"), a


@pytest.mark.parametrize("viewport", list(VIEWPORTS.values()), ids=list(VIEWPORTS))
def test_csv_table_is_one_clean_table_and_readme_carries_its_basis(page, viewport, engine):
    width = "phone" if viewport == PHONE else "desktop"
    table, assumptions = engine
    page.open("/", HOME_TITLE, maps=1)
    name, data = download(page, "CSV table", POPOVER)
    page.page.screenshot(path=str(SCREENSHOTS / f"download-popover-{width}.png"))
    for label in TABLE_BUTTONS:  # each label read in full, none cut off with "…"
        button = page.page.get_by_role("button", name=label, exact=True).filter(visible=True).first
        assert button.evaluate("b => [b, ...b.querySelectorAll('*')].every(e => e.scrollWidth <= e.clientWidth + 1)"), (
            label
        )
    assert name.endswith(".csv"), name
    text = data.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("Area code,Area,"), lines[0]  # the header first: nothing to skip
    assert not any(line.startswith("#") for line in lines), [line for line in lines if line.startswith("#")][:3]
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    assert header not in body  # one header row
    assert len(body) == len(table) == 218

    name, readme = download(page, README)
    readme = readme.decode("utf-8-sig")
    assert name.endswith(".txt"), name
    assert "Assumptions: " + assumptions.describe() in readme
    assert "Source: ONS mid-2022 population estimates" in readme and "Open Government Licence" in readme
    two_places = {
        column
        for column in header
        if f"\n{column}: " in readme and "Two decimal places." in readme.split(f"\n{column}: ", 1)[1].split("\n", 1)[0]
    }
    assert two_places <= {"Teams per 10,000 births"}, two_places  # the only figure documented with two

    for i, column in enumerate(header):
        places = [len(m.group(1) or "") for row in body if (m := NUMBER.fullmatch(row[i]))]
        assert max(places, default=0) <= (2 if column in two_places else 1), (column, max(places))
    reach = header.index("Reach of listed teams (%)")
    code = header.index("Area code")
    for row in body:  # percent, not a fraction: the engine's reach x 100, to one decimal
        assert row[reach] == f"{table.loc[row[code], 'reach'] * 100:.1f}", (row[code], row[reach])
    assert max(float(row[reach]) for row in body) > 1  # a fraction would stay under 1
    page.assert_clean()
