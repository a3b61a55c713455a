"""Whole journeys in a real browser: downloads produce real files, a correction goes from a
team's suggestion through review to the map, a wrong password is refused, and a team named
like an HTML payload stays text everywhere."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from tests.support.browser import REVIEW_PASSWORD, SCREENSHOTS, start_app, warm_up

pytestmark = pytest.mark.browser

XSS_NAME = "<img src=x onerror=alert(1)>"
SAVE = re.compile(r"^Save the (PNG|SVG|PDF) \(\d[\d,.]* (bytes|KB|MB)\)$")


@pytest.fixture(scope="module")
def app_server(chromium_path):
    """This module's own app (with its own empty corrections store, as every start_app gives),
    so approving a suggestion here cannot change what the other browser tests see."""
    server = start_app()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def base_url(app_server, browser) -> str:
    """Warm the fresh server with one home-page visit (see conftest.base_url for why)."""
    return warm_up(browser, app_server)


def download(page, button: str, popover: str | None = None):
    """Click a download button (inside its popover) and return the file's name and bytes."""
    p = page.page
    if popover:
        p.get_by_role("button", name=popover).click()
    with p.expect_download(timeout=60_000) as info:
        p.get_by_role("button", name=button).filter(visible=True).first.click()
    d = info.value
    return d.suggested_filename, Path(d.path()).read_bytes()


def drawn(page, button: str, popover: str | None = None, shot: str | None = None):
    """A file the server draws (PNG, SVG, PDF): press its button, see the spinner say what it is
    drawing, then save it with the Save button that appears; returns the name and bytes."""
    p = page.page
    if popover:
        p.get_by_role("button", name=popover).click()
    p.get_by_role("button", name=button).filter(visible=True).first.click()
    save = p.get_by_role("button", name=SAVE).filter(visible=True).first
    spinner = p.get_by_text(f"Drawing {button} on the server")
    spinner.or_(save).first.wait_for(timeout=60_000)  # one of them shows within the drawing time
    save.wait_for(timeout=60_000)
    if shot:
        p.screenshot(path=str(SCREENSHOTS / shot))
    with p.expect_download(timeout=60_000) as info:
        save.click()
    d = info.value
    return d.suggested_filename, Path(d.path()).read_bytes()


def test_home_downloads_are_real_files(page):
    page.open("/?level=health", "Where babies have no parent-infant relationship team", maps=1)
    name, data = download(page, "CSV table", "Download the map or its figures")
    assert name.endswith(".csv") and data.lstrip(b"\xef\xbb\xbf").startswith(b"Area code,")  # one header row
    name, data = download(page, "README for the CSV")
    assert name.endswith(".txt") and b"Open Government Licence" in data
    name, data = download(page, "GeoJSON (GIS)")
    doc = json.loads(data)
    assert name.endswith(".geojson") and len(doc["features"]) == 68
    name, data = drawn(page, "PNG, square (social media)", shot="download-drawn-png.png")
    from PIL import Image

    image = Image.open(io.BytesIO(data))
    assert name.endswith(".png") and image.size == (1080, 1080)
    page.assert_clean()


def test_profile_briefing_and_other_pages_downloads(page):
    page.open("/profile?area=E06000001&level=utla", "Area profile", maps=1)
    name, data = drawn(page, "Make a PDF briefing for this area")
    assert name.endswith(".pdf") and data.startswith(b"%PDF") and len(data) > 20_000
    page.open("/compare", "Compare areas")
    name, data = drawn(page, "PNG, wide", "Download the chart")
    assert data.startswith(b"\x89PNG")
    page.open("/teams", "Team directory")
    name, data = download(page, "Excel, with a README sheet", "Download the directory")
    assert name.endswith(".xlsx") and data.startswith(b"PK")
    page.assert_clean()


def fill(page, label: str, value: str) -> None:
    box = page.page.get_by_label(label, exact=True).filter(visible=True).first
    box.fill(value)
    box.press("Tab")


def choose(page, label: str, option: str) -> None:
    box = page.page.get_by_label(label).filter(visible=True).first
    box.click()
    if box.evaluate("e => e.tagName") == "INPUT":
        box.press_sequentially(option, delay=40)
    else:
        page.page.keyboard.type(option, delay=40)
    page.page.get_by_role("option", name=option).first.click()
    page.settle()


def sign_in(page, password: str) -> None:
    page.open("/review", "Review suggestions")
    fill(page, "Your name (recorded with each decision)", "Browser Reviewer")
    fill(page, "Reviewer password", password)
    page.page.get_by_role("button", name="Sign in").click()
    page.settle()


def test_wrong_password_is_refused(page):
    sign_in(page, "not the password")
    assert page.page.get_by_text("That name and password are not right.").count() == 1
    assert page.page.get_by_role("button", name="Approve").count() == 0
    page.assert_clean()


HARTLEPOOL_BEFORE = "Status: a service is listed here, not counted as a specialised team: another kind of"


def test_correction_round_trip_changes_the_map(page):
    # Hartlepool has no counted team (one listed service there is of a kind not counted, and its status
    # says so): a new team there must show up on its profile, and in its capacity, once approved.
    page.open("/profile?area=E06000001&level=utla", "Area profile", maps=1)
    assert page.page.get_by_text(HARTLEPOOL_BEFORE).count() == 1
    capacity = page.page.locator('[data-testid="stMetric"]', has_text="Families listed teams can see a year")
    assert capacity.inner_text().strip().endswith("\n0")

    page.open("/check", "Check a listing")
    page.page.get_by_role("tab", name="Suggest a new team").click()
    fill(page, "Team name", XSS_NAME)
    fill(page, "Areas served (codes or names, separated by ;)", "Hartlepool")
    fill(page, "Families seen in a year (if published)", "120")
    fill(page, "Your email (for our reply only; never shown)", "lead@example.nhs.uk")
    fill(page, "A public page about the team", "https://www.example.nhs.uk/parent-infant")
    page.page.get_by_role("button", name="Send the new team").click()
    page.settle()
    ack = page.page.get_by_text("Your suggestion is saved with reference")
    assert ack.count() == 1
    reference = ack.inner_text().split("reference ")[1].split(".")[0].strip()

    sign_in(page, REVIEW_PASSWORD)
    assert page.page.get_by_text(reference).count() >= 1
    # The proposed name is shown as text in the review table, not as an image.
    page.page.get_by_role("button", name="Approve").first.click()
    page.settle()

    page.open("/profile?area=E06000001&level=utla", "Area profile", maps=1)
    assert page.page.get_by_text(XSS_NAME, exact=True).count() >= 1
    assert page.page.get_by_text(HARTLEPOOL_BEFORE).count() == 0
    figure = page.page.locator('[data-testid="stMetric"]', has_text="Families listed teams can see a year")
    assert "120" in figure.inner_text()

    page.open("/teams", "Team directory")
    assert page.page.get_by_text(XSS_NAME).count() >= 1
    page.open("/check", "Check a listing")
    choose(page, "Find a team", XSS_NAME)
    assert page.page.get_by_text(XSS_NAME).count() >= 1

    # No script ran anywhere: no dialog opened and no <img src=x> reached the DOM.
    assert page.dialogs == []
    assert page.page.locator('img[src="x"]').count() == 0
    page.assert_clean()
