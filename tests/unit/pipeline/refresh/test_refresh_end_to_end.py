"""End to end: refresh from the stand-in, rebuild, report; and every failure leaves data/ byte-identical.

Each test refreshes a copy of the committed ``data/`` in a temporary folder (never the
repository's own), with the cache under the temporary folder too.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
import streamlit as st

from coverage import paths
from coverage.cli import main
from coverage.pipeline.refresh import run as refresh_run
from coverage.pipeline.refresh.config import Settings
from coverage.pipeline.refresh.errors import RefreshError
from tests.support.apptest import open_app
from tests.unit.pipeline.refresh.fixtures import LOOPBACK, SHARED, today
from tests.unit.pipeline.refresh.standin import StandIn, synthetic_mid_2023

pytestmark = [pytest.mark.slow, LOOPBACK]

COMMITTED = paths.PROJECT_ROOT / "data"


def tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def data_copy(tmp_path) -> Path:
    shutil.copytree(COMMITTED, tmp_path / "data")
    return tmp_path / "data"


@pytest.fixture
def env(tmp_path, monkeypatch):
    def apply(standin: StandIn, data: Path) -> Settings:
        for key, value in standin.env(ATLAS_REFRESH_CACHE=str(tmp_path / "cache")).items():
            monkeypatch.setenv(key, value)
        monkeypatch.setenv("ATLAS_DATA_DIR", str(data))
        monkeypatch.setenv("ATLAS_SHARED_DIR", str(SHARED))
        return Settings.from_env()

    return apply


def test_refreshing_todays_figures_reproduces_the_committed_data(make_standin, data_copy, env):
    standin = make_standin()
    settings = env(standin, data_copy)
    outcome = refresh_run.refresh(["population", "births", "boundaries"], data_copy, SHARED, settings)
    assert outcome.swapped
    before, after = tree(COMMITTED), tree(data_copy)
    assert before.keys() == after.keys()
    assert {k for k in before if before[k] != after[k]} == {"manifest.json"}
    old = json.loads((COMMITTED / "manifest.json").read_text(encoding="utf-8"))
    new = json.loads((data_copy / "manifest.json").read_text(encoding="utf-8"))
    assert (old["areas_per_level"], old["attribution"]) == (new["areas_per_level"], new["attribution"])
    refreshed = {s["id"] for s in new["sources"] if "retrieved" in s}
    assert refreshed == {"mye2022", "births2023", "boundaries_lad"}
    for o, n in zip(old["sources"], new["sources"]):
        assert o["id"] == n["id"]
        if n["id"] not in refreshed:
            assert o == n
    assert "no change" in outcome.report and "every level has the same areas" in outcome.report
    assert outcome.report_path.read_text(encoding="utf-8") == outcome.report


def test_a_synthetic_mid_2023_reaches_the_cli_and_the_methods_page(make_standin, data_copy, env, capsys):
    figures = synthetic_mid_2023(today())
    standin = make_standin(figures)
    standin.nomis_cap = 1000  # page the population query, as a guest would past 25,000 cells
    env(standin, data_copy)

    assert main(["refresh", "--out", str(data_copy)]) == 0
    out, err = capsys.readouterr()
    assert "mid-2023" in out and "30 June 2023" in out and "Councils whose 1001-days population moved most" in out
    assert "rebuilt from the refreshed sources" in err

    age0 = sum(p for (code, age), (_, p, _, _) in figures.pop.items() if age == 0)
    age1 = sum(p for (code, age), (_, p, _, _) in figures.pop.items() if age == 1)
    assert main(["summary", "--format", "json"]) == 0
    uk = json.loads(capsys.readouterr().out)[0]
    assert uk["area_name"] == "United Kingdom"
    assert uk["annual_births"] == age0 != 694_286
    assert uk["population_1001"] == pytest.approx(age0 + age1 + 270 / 365 * age0)
    districts = (data_copy / "districts.csv").read_text(encoding="utf-8")
    assert "shared out by mid-2023 age-0 population" in districts

    st.cache_resource.clear()
    st.cache_data.clear()
    try:
        at = open_app("pages/methods.py")
        assert not at.exception
        markdown = " ".join(m.value for m in at.markdown)
        captions = " ".join(c.value for c in at.caption)
        assert "mid\\-2023" in markdown and "Fetched" in markdown
        assert "30 June 2023" in captions and "Refreshed from the publishers on" in captions
        assert "Population\\: ONS mid\\-2023" in captions
    finally:
        st.cache_resource.clear()
        st.cache_data.clear()

    # Then a broken refresh: a district has gone missing upstream. Nothing changes.
    before = tree(data_copy)
    standin.fault("TYPE424", "drop", code="E06000001", times=10)
    assert main(["refresh", "--out", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert "population: 1 district(s) missing: E06000001" in err and "was not changed" in err
    assert "Traceback" not in err
    assert tree(data_copy) == before


@pytest.mark.parametrize(
    "fault",
    [
        ("NM_2002_1.data.csv", "header", {"headers": {"GEOGRAPHY_CODE": "GEOGRAPHY"}}),
        ("NM_207_1.data.csv", "cut", {}),
        ("/query", "arcgis_error", {}),
        ("NM_2002_1.data.csv", "status", {"status": 500, "times": 10}),
        ("NM_207_1.def.sdmx.json", "timeout", {"seconds": 1.6, "times": 10}),
    ],
    ids=["changed-header", "truncated-page", "arcgis-error", "server-down", "timeout"],
)
def test_every_failure_leaves_data_byte_identical(make_standin, data_copy, env, capsys, fault):
    standin = make_standin(synthetic_mid_2023(today()))
    env(standin, data_copy)
    path_part, kind, kw = fault
    standin.fault(path_part, kind, **kw)
    before = tree(data_copy)
    assert main(["refresh", "--out", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "was not changed" in err and "Traceback" not in err
    assert tree(data_copy) == before
    assert not list(data_copy.parent.glob(".refresh-*"))


def test_an_interrupted_rebuild_leaves_data_byte_identical(make_standin, data_copy, env, monkeypatch, capsys):
    standin = make_standin(synthetic_mid_2023(today()))
    env(standin, data_copy)
    before = tree(data_copy)

    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(refresh_run, "change_report", interrupt)  # after the build, before the swap
    assert main(["refresh", "--out", str(data_copy)]) == 130
    assert "was not changed" in capsys.readouterr().err
    assert tree(data_copy) == before
    assert not list(data_copy.parent.glob(".refresh-*"))


def test_a_dry_run_reports_but_changes_nothing_and_the_cache_replays_offline(make_standin, data_copy, env, capsys):
    standin = make_standin(synthetic_mid_2023(today()))
    settings = env(standin, data_copy)
    before = tree(data_copy)
    assert main(["refresh", "--dry-run", "--source", "population", "--out", str(data_copy)]) == 0
    out = capsys.readouterr().out
    assert "30 June 2023" in out
    assert tree(data_copy) == before

    (run_dir,) = list(settings.cache_root.iterdir())
    manifest = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["outcome"] == "dry run: data/ not changed"
    first = manifest["responses"][0]
    assert {"url", "retrieved_at", "sha256", "etag", "last_modified", "status", "file"} <= first.keys()
    assert hashlib.sha256((run_dir / first["file"]).read_bytes()).hexdigest() == first["sha256"]

    asked = len(standin.seen)
    assert main(["refresh", "--source", "population", "--from-cache", str(run_dir), "--out", str(data_copy)]) == 0
    assert len(standin.seen) == asked  # no request reached the server
    assert tree(data_copy) != before
    assert "30 June 2023" in (data_copy / "manifest.json").read_text(encoding="utf-8")


def test_the_nomis_key_is_never_written_to_the_cache_or_the_manifest(make_standin, data_copy, env, monkeypatch):
    standin = make_standin()
    env(standin, data_copy)
    monkeypatch.setenv("NOMIS_UID", "0xTOPSECRETKEY")
    assert main(["refresh", "--source", "population", "--out", str(data_copy)]) == 0
    assert any("uid=0xTOPSECRETKEY" in p for p in standin.seen)  # it was sent
    written = [p for p in Path(Settings.from_env().cache_root).rglob("*") if p.is_file()]
    written += [p for p in data_copy.rglob("*") if p.is_file()]
    assert not [p for p in written if b"0xTOPSECRETKEY" in p.read_bytes()]
    assert "uid=REDACTED" in (data_copy / "manifest.json").read_text(encoding="utf-8")


def test_swapping_without_renameat2_still_lands_and_recovers(tmp_path, monkeypatch):
    monkeypatch.setattr(refresh_run, "_exchange", lambda a, b: False)
    data, new = tmp_path / "data", tmp_path / "new"
    data.mkdir(), new.mkdir()
    (data / "f").write_text("old"), (new / "f").write_text("new")
    refresh_run.swap_in(new, data)
    assert (data / "f").read_text() == "new" and (new / "f").read_text() == "old"
    # A swap interrupted between its two renames is put back on the next run.
    data.rename(tmp_path / ".data.previous-20261130T000000Z")
    refresh_run.recover(data)
    assert (data / "f").read_text() == "new"


def test_an_unknown_source_is_a_clear_error(tmp_path, data_copy):
    with pytest.raises(RefreshError, match="unknown source"):
        refresh_run.refresh(["weather"], data_copy, SHARED, Settings(cache_root=tmp_path / "c"))
