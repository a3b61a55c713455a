"""The real build: population reconciles with ONS at every level, and the build is deterministic and committed."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from coverage.model.assumptions import Assumptions
from coverage.model.gaps import area_table
from coverage.model.levels import LEVEL_KEYS, NATIONS
from coverage.pipeline.run import build
from tests.support.prerequisites import need
from tests.unit.pipeline.committed import AREA_COUNTS, DATA, SHARED

UK_AGE0 = 694_286


UK_AGE1 = 690_494


FOUR_NATIONS = set(NATIONS.values())


@pytest.mark.needs("shared")
def test_shared_source_data_is_present():
    assert SHARED.is_dir(), f"published source data not found at {SHARED}"


@pytest.fixture(scope="module")
def tables(atlas):
    a = Assumptions()
    return {level: area_table(atlas, level, a) for level in LEVEL_KEYS}


@pytest.fixture(scope="module")
def mye():
    need("shared")
    m = pd.read_csv(SHARED / "population/tidy/population_age0_1_by_lad.csv", dtype={"area_code": str})
    return m[m["year"] == 2022]


@pytest.mark.parametrize("level", LEVEL_KEYS)
def test_population_reconciles_with_ons_mid2022_at_every_level(tables, level):
    t = tables[level]
    assert round(t["age0"].sum(), 6) == UK_AGE0
    assert round(t["age1"].sum(), 6) == UK_AGE1


@pytest.mark.parametrize("level", LEVEL_KEYS)
def test_each_nation_reconciles_with_its_ons_total_at_every_level(tables, mye, level):
    by_nation = tables[level].groupby("nation")[["age0", "age1"]].sum()
    assert set(by_nation.index) == FOUR_NATIONS
    source = mye.pivot_table(index="country", columns="age", values="persons", aggfunc="sum")
    for nation in FOUR_NATIONS:
        assert round(by_nation.at[nation, "age0"], 6) == source.at[nation, 0], nation
        assert round(by_nation.at[nation, "age1"], 6) == source.at[nation, 1], nation


@pytest.mark.parametrize("level", LEVEL_KEYS)
def test_area_counts_and_every_area_has_population_and_status(tables, atlas, level):
    t = tables[level]
    assert len(t) == AREA_COUNTS[level]
    assert t["area_code"].is_unique
    assert set(t["area_code"]) == set(atlas.level_areas(level).index)
    for col in ("age0", "age1", "annual_births", "population_1001"):
        assert (t[col] > 0).all(), f"{level}: areas with no {col}: {list(t.loc[~(t[col] > 0), 'area_code'])}"
    assert t["status"].notna().all()
    assert (t["status"].astype(str).str.strip() != "").all()


@pytest.mark.parametrize("level", LEVEL_KEYS)
def test_four_nations_present_at_every_level(tables, level):
    assert set(tables[level]["nation"]) == FOUR_NATIONS


def _lookup_shares() -> pd.DataFrame:
    need("shared")
    w = pd.read_csv(SHARED / "geography/lookups/lad24_to_icb24_en_lsoa_weighted.csv", dtype=str)
    w["n_lsoa21"] = w["n_lsoa21"].astype(int)
    w["share"] = w["n_lsoa21"] / w.groupby("LAD24CD")["n_lsoa21"].transform("sum")
    return w


def test_split_district_is_apportioned_by_lsoa_share(atlas, mye):
    lad = "E07000244"  # East Suffolk: split between two ICBs
    w = _lookup_shares()
    parts = w[w["LAD24CD"] == lad].set_index("ICB24CD")["share"]
    assert set(parts.index) == {"E54000023", "E54000022"}
    assert parts.sum() == pytest.approx(1.0, abs=1e-12)
    assert 0.45 < parts["E54000022"] < 0.55  # about 50/50: not given wholly to the best fit
    district = mye[mye["area_code"] == lad].set_index("age")["persons"]
    atoms = atlas.atoms[atlas.atoms["lad_code"] == lad].set_index("health_code")
    assert set(atoms.index) == set(parts.index)
    for icb, share in parts.items():
        assert atoms.at[icb, "age0"] == pytest.approx(district[0] * share, rel=1e-12)
        assert atoms.at[icb, "age1"] == pytest.approx(district[1] * share, rel=1e-12)


def test_every_icb_population_is_its_districts_shared_by_lsoa_count(tables, mye):
    """Rebuild each English health area independently from the sources and compare."""
    w = _lookup_shares()
    pop = mye.pivot_table(index="area_code", columns="age", values="persons", aggfunc="sum")
    w["age0"] = w["LAD24CD"].map(pop[0]) * w["share"]
    w["age1"] = w["LAD24CD"].map(pop[1]) * w["share"]
    assert w[["age0", "age1"]].notna().all().all()
    expected = w.groupby("ICB24CD")[["age0", "age1"]].sum()
    health = tables["health"].set_index("area_code")
    english = health[health["nation"] == "England"]
    assert set(english.index) == set(expected.index)
    for col in ("age0", "age1"):
        np.testing.assert_allclose(english[col].reindex(expected.index), expected[col], rtol=1e-12)


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    need("shared")
    outs = []
    for name in ("build_a", "build_b"):
        out = tmp_path_factory.mktemp(name)
        build(SHARED, out)
        outs.append(_files(out))
    return outs


EXPECTED_OUTPUTS = {
    "areas.csv",
    "atoms.csv",
    "districts.csv",
    "teams.csv",
    "manifest.json",
    "provision_reports.csv",
    "directory_flags.csv",
} | {f"boundaries/{level}.geojson" for level in LEVEL_KEYS}


@pytest.mark.slow  # builds data/ twice
def test_build_writes_every_expected_file(two_builds):
    assert set(two_builds[0]) == EXPECTED_OUTPUTS


@pytest.mark.slow  # builds data/ twice
def test_build_is_byte_identical_run_to_run(two_builds):
    a, b = two_builds
    assert set(a) == set(b)
    differ = [name for name in a if a[name] != b[name]]
    assert not differ, f"two builds differ in {differ}"


@pytest.mark.slow  # builds data/ twice
def test_committed_data_is_exactly_the_build_output(two_builds):
    built = two_builds[0]
    committed = _files(DATA)
    assert set(committed) == set(built), "committed data/ has missing or extra files"
    stale = [name for name in built if built[name] != committed[name]]
    assert not stale, f"committed data/ is stale (rerun `python -m coverage build`): {stale}"
