"""Every page through Streamlit's AppTest: it runs, shows the engine's figures, survives bad URLs."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from coverage.model.assumptions import Assumptions
from coverage.model.atlas import load_atlas
from coverage.model.gaps import area_table, summary
from coverage.present.metrics import METRICS, classify, format_value

APP = Path(__file__).resolve().parent.parent / "app.py"
PAGES = [
    "pages/coverage_map.py",
    "pages/profile.py",
    "pages/compare.py",
    "pages/teams.py",
    "pages/plan.py",
    "pages/check.py",
    "pages/review.py",
    "pages/methods.py",
]


@pytest.fixture(scope="module")
def atlas():
    return load_atlas()


def run(page: str, **params) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    if page != PAGES[0]:
        at.switch_page(page)
    at.run()
    return at


def no_errors(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def plotly_specs(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def decoded(values):
    """Plotly ships numeric arrays as typed base64 ('bdata'); decode to a list."""
    if isinstance(values, dict) and "bdata" in values:
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=np.dtype(values["dtype"])).tolist()
    return list(values)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs(page):
    at = run(page)
    no_errors(at)
    assert at.title, "each page has a title"


def test_home_headline_figures_match_the_engine(atlas):
    at = run(PAGES[0])
    no_errors(at)
    uk = summary(atlas, Assumptions()).iloc[0]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Teams counted"] == f"{int(uk['teams'])} of 51"
    assert metrics["Need a year"] == format_value(uk["need_per_year"], "int")
    assert metrics["Reach of listed teams"] == format_value(uk["reach"], "pct")


@pytest.mark.parametrize(
    "level,metric",
    [("utla", "reach"), ("health", "unmet"), ("lad", "teams_per_10k"), ("nation", "need"), ("region", "deprivation")],
)
def test_map_locations_and_classes_match_the_engine(atlas, level, metric):
    at = run(PAGES[0], level=level, metric=metric)
    no_errors(at)
    spec = plotly_specs(at)[0]
    trace = spec["data"][0]
    table = area_table(atlas, level, Assumptions())
    expected_idx, labels, _ = classify(METRICS[metric], table)
    assert sorted(trace["locations"]) == sorted(table["area_code"])
    got = dict(zip(trace["locations"], decoded(trace["z"])))
    want = dict(zip(table["area_code"], expected_idx))
    assert got == want
    legend = [t["name"] for t in spec["data"] if t.get("showlegend")]
    assert [n.rsplit(" (", 1)[0] for n in legend] == labels
    # The offline style: no tile server is contacted.
    assert spec["layout"]["map"]["style"] == "white-bg"


def test_nation_filter_limits_the_map(atlas):
    at = run(PAGES[0], nation="Wales")
    no_errors(at)
    locs = plotly_specs(at)[0]["data"][0]["locations"]
    assert len(locs) == 22 and all(c.startswith("W06") for c in locs)


def test_changing_prevalence_recomputes_live(atlas):
    at = run(PAGES[0])
    at.slider(key="prev").set_value(10.0).run()
    no_errors(at)
    uk = summary(atlas, Assumptions().with_prevalence(0.10)).iloc[0]
    assert {m.label: m.value for m in at.metric}["Need a year"] == format_value(uk["need_per_year"], "int")
    assert at.query_params["prev"] == "0.1"


@pytest.mark.parametrize(
    "params",
    [
        {"level": "<script>alert(1)</script>"},
        {"prev": "abc"},
        {"prev": "5"},
        {"metric": "'; DROP TABLE"},
        {"fpt": "-3"},
        {"conf": "nonsense"},
        {"area": 'E06000001"><img src=x>'},
        {"target": "NaN"},
        {"nation": "Atlantis"},
        {"level": "x" * 5000},
    ],
)
def test_hostile_query_parameters_get_a_friendly_message(params):
    at = run(PAGES[0], **params)
    no_errors(at)
    assert at.warning, "a message explains the value was not used"
    assert "<script>" not in " ".join(w.value for w in at.warning)


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


def test_compare_filters(atlas):
    at = run(PAGES[2])
    no_errors(at)
    at.checkbox(key="cmp_noteam").check().run()
    no_errors(at)
    shown = at.dataframe[0].value
    assert (shown["teams"] == 0).all()
    table = area_table(atlas, "utla", Assumptions())
    assert len(shown) == int((table["teams"] == 0).sum())


def test_directory_search_and_count(atlas):
    at = run(PAGES[3])
    no_errors(at)
    assert "61 services listed" in at.markdown[0].value
    at.text_input(key="dir_text").input("Grampian").run()
    no_errors(at)
    assert any("1 of 61 listings shown" in c.value for c in at.caption)


def test_methods_shows_sources_and_attribution(atlas):
    at = run("pages/methods.py")
    no_errors(at)
    text = " ".join(m.value for m in at.markdown)
    assert "Open Government Licence" in text
    assert "Crown copyright" in text


def test_image_downloads_are_disabled_with_a_reason_without_chromium(monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    at = run("pages/profile.py", area="E06000001", level="utla")
    no_errors(at)
    briefing = next(b for b in at.button if b.label == "Download a PDF briefing for this area")
    assert briefing.disabled and "Chromium" in briefing.help
    assert not at.get("download_button") or all("PDF" not in b.proto.label for b in at.get("download_button"))
