"""Area profile: deep links, the teams serving an area, unknown codes, and downloads without Chromium."""

from __future__ import annotations

from coverage.model.assumptions import Assumptions
from coverage.model.gaps import area_table
from coverage.present.metrics import format_value
from tests.app.apprun import PAGES, no_errors, run


def test_profile_deep_link(atlas):
    at = run(PAGES[1], area="E06000001", level="utla")
    no_errors(at)
    assert any(h.value == "Hartlepool" for h in at.header)
    row = area_table(atlas, "utla", Assumptions()).set_index("area_code").loc["E06000001"]
    assert {m.label: m.value for m in at.metric}["Need a year"] == format_value(row["need_per_year"], "int")


def test_profile_of_an_area_with_a_team_lists_it(atlas):
    at = run(PAGES[1], area="S08000020", level="health")  # NHS Grampian
    no_errors(at)
    text = " ".join(m.value for m in at.markdown)
    assert "Grampian" in text


def test_profile_unknown_code_is_friendly():
    at = run(PAGES[1], area="ZZZ999")
    no_errors(at)
    assert at.warning and "No area has the code" in at.warning[0].value


def test_image_downloads_are_disabled_with_a_reason_without_chromium(monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    at = run("pages/profile.py", area="E06000001", level="utla")
    no_errors(at)
    briefing = next(b for b in at.button if b.label == "Make a PDF briefing for this area")
    assert briefing.disabled and "Chromium" in briefing.help
    assert not at.get("download_button") or all("PDF" not in b.proto.label for b in at.get("download_button"))
