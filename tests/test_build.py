"""The real build and the committed ``data/``: reconciliation, determinism, boundaries, directory, manifest.

These tests read the published sources in ``/work/shared/data`` (or ``ATLAS_SHARED_DIR``) and the
committed ``data/`` of this repository (always the committed folder, whatever ``ATLAS_DATA_DIR``
says, since that is what they guard).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import shapely
import shapely.affinity
import shapely.geometry

from coverage import paths
from coverage.model.assumptions import Assumptions
from coverage.model.atlas import known_codes, load_areas, load_atlas
from coverage.model.directory import load_directory
from coverage.model.gaps import area_table
from coverage.model.levels import LEVEL_KEYS, NATIONS
from coverage.pipeline.run import build

DATA = paths.PROJECT_ROOT / "data"
SHARED = paths.shared_dir()
UK_AGE0 = 694_286
UK_AGE1 = 690_494
AREA_COUNTS = {"utla": 218, "lad": 361, "health": 68, "region": 12, "nation": 4}
FOUR_NATIONS = set(NATIONS.values())
MAX_GEOJSON_BYTES = 1_000_000
# Overlaps and the outline difference may be at most this share of the total area.
AREA_TOLERANCE = 1e-4  # 0.01%
# No two features may share more than this share of the smaller one (catches small features).
PAIR_TOLERANCE = 1e-3  # 0.1%
# Holes a level's dissolve has beyond those of the nation outline: at most this share of the total.
HOLE_TOLERANCE = 1e-6


def test_shared_source_data_is_present():
    assert SHARED.is_dir(), f"published source data not found at {SHARED}"


# --- population reconciles at every level ----------------------------------------------------------


@pytest.fixture(scope="module")
def atlas():
    return load_atlas(DATA)


@pytest.fixture(scope="module")
def tables(atlas):
    a = Assumptions()
    return {level: area_table(atlas, level, a) for level in LEVEL_KEYS}


@pytest.fixture(scope="module")
def mye():
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


# --- determinism: the committed data is exactly what the build makes ---------------------------------


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
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
} | {f"boundaries/{level}.geojson" for level in LEVEL_KEYS}


def test_build_writes_every_expected_file(two_builds):
    assert set(two_builds[0]) == EXPECTED_OUTPUTS


def test_build_is_byte_identical_run_to_run(two_builds):
    a, b = two_builds
    assert set(a) == set(b)
    differ = [name for name in a if a[name] != b[name]]
    assert not differ, f"two builds differ in {differ}"


def test_committed_data_is_exactly_the_build_output(two_builds):
    built = two_builds[0]
    committed = _files(DATA)
    assert set(committed) == set(built), "committed data/ has missing or extra files"
    stale = [name for name in built if built[name] != committed[name]]
    assert not stale, f"committed data/ is stale (rerun `python -m coverage build`): {stale}"


# --- boundaries ---------------------------------------------------------------------------------------


def load_features(level: str, root: Path = DATA) -> tuple[list[str], np.ndarray]:
    doc = json.loads((root / "boundaries" / f"{level}.geojson").read_text(encoding="utf-8"))
    codes = [f["properties"]["code"] for f in doc["features"]]
    assert [f["id"] for f in doc["features"]] == codes
    geoms = np.array([shapely.geometry.shape(f["geometry"]) for f in doc["features"]], dtype=object)
    return codes, geoms


def overlaps(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every pair of different features that intersect (each pair once), and the area they share."""
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    keep = left < right
    left, right = left[keep], right[keep]
    return left, right, np.asarray(shapely.area(shapely.intersection(geoms[left], geoms[right])), dtype=float)


def overlap_area(geoms: np.ndarray) -> float:
    """Sum of the areas where two different features overlap."""
    return float(overlaps(geoms)[2].sum())


def worst_pair_overlap(geoms: np.ndarray) -> float:
    """The largest overlap of two features, as a share of the smaller of the two."""
    left, right, shared = overlaps(geoms)
    if len(shared) == 0:
        return 0.0
    smaller = np.minimum(shapely.area(geoms[left]), shapely.area(geoms[right]))
    return float((shared / smaller).max())


def hole_area(geom) -> float:
    """Total area of a (multi)polygon's interior rings."""
    total = 0.0
    for part in shapely.get_parts(geom):
        if isinstance(part, shapely.Polygon):
            total += sum(shapely.Polygon(ring).area for ring in part.interiors)
    return total


def gap_measures(geoms: np.ndarray, outline) -> tuple[float, float]:
    """(holes the level's dissolve has beyond the outline's, area of symmetric difference with the outline)."""
    union = shapely.union_all(geoms)
    extra_holes = hole_area(union) - hole_area(outline)
    return extra_holes, float(shapely.area(shapely.symmetric_difference(union, outline)))


def shifted(geoms: np.ndarray, index: int, dx: float, dy: float = 0.0) -> np.ndarray:
    """A copy with one feature moved by (dx, dy) degrees."""
    out = geoms.copy()
    out[index] = shapely.affinity.translate(out[index], dx, dy)
    return out


@pytest.fixture(scope="module")
def nation_outline():
    _, geoms = load_features("nation")
    return shapely.union_all(geoms)


@pytest.fixture(scope="module")
def boundary_layers():
    return {level: load_features(level) for level in LEVEL_KEYS}


@pytest.mark.parametrize("level", LEVEL_KEYS)
def test_boundary_file_is_under_1mb(level):
    size = (DATA / "boundaries" / f"{level}.geojson").stat().st_size
    assert size < MAX_GEOJSON_BYTES, f"{level}.geojson is {size:,} bytes"


@pytest.mark.parametrize("level", LEVEL_KEYS)
def test_boundary_codes_match_areas_and_geometries_are_valid(boundary_layers, level):
    codes, geoms = boundary_layers[level]
    areas = load_areas(DATA)
    expected = areas.loc[areas["level"] == level, "area_code"]
    assert len(codes) == len(set(codes)) == AREA_COUNTS[level]
    assert set(codes) == set(expected)
    assert all(isinstance(g, (shapely.Polygon, shapely.MultiPolygon)) for g in geoms)
    invalid = [c for c, ok in zip(codes, shapely.is_valid(geoms)) if not ok]
    assert not invalid, f"{level}: invalid geometries {invalid[:10]}"
    assert not any(shapely.is_empty(geoms))


@pytest.mark.parametrize("level", LEVEL_KEYS)
def test_neighbours_do_not_overlap(boundary_layers, level):
    _, geoms = boundary_layers[level]
    total = float(shapely.area(geoms).sum())
    assert overlap_area(geoms) < AREA_TOLERANCE * total
    assert worst_pair_overlap(geoms) < PAIR_TOLERANCE


@pytest.mark.parametrize("level", LEVEL_KEYS)
def test_no_gaps_between_neighbours_or_against_the_nation_outline(boundary_layers, nation_outline, level):
    _, geoms = boundary_layers[level]
    total = float(shapely.area(geoms).sum())
    extra_holes, outline_diff = gap_measures(geoms, nation_outline)
    assert extra_holes < HOLE_TOLERANCE * total, f"{level}: dissolving leaves holes of {extra_holes:.3g} sq deg"
    assert outline_diff < AREA_TOLERANCE * total, f"{level}: differs from the nation outline by {outline_diff:.3g}"


def test_every_level_has_the_same_total_area(boundary_layers):
    totals = {level: float(shapely.area(g).sum()) for level, (_, g) in boundary_layers.items()}
    base = totals["nation"]
    for level, total in totals.items():
        assert total == pytest.approx(base, rel=AREA_TOLERANCE), level


def _index_of(codes: list[str], code: str) -> int:
    return codes.index(code)


def test_overlap_checker_flags_a_slightly_shifted_feature(boundary_layers):
    codes, geoms = boundary_layers["region"]
    total = float(shapely.area(geoms).sum())
    assert overlap_area(geoms) < AREA_TOLERANCE * total  # as committed: passes
    i = _index_of(codes, "E12000004")  # East Midlands: neighbours on every side
    moved = shifted(geoms, i, 0.01)  # about 700 m east
    assert overlap_area(moved) > AREA_TOLERANCE * total


def test_pair_overlap_checker_flags_a_small_feature_nudged(boundary_layers):
    codes, geoms = boundary_layers["lad"]
    total = float(shapely.area(geoms).sum())
    assert worst_pair_overlap(geoms) < PAIR_TOLERANCE  # as committed: passes
    i = _index_of(codes, "E08000025")  # Birmingham: small and inland
    moved = shifted(geoms, i, 0.0, 0.003)  # about 330 m north
    # too small a change for the whole-area check, but the pair check sees it
    assert overlap_area(moved) < AREA_TOLERANCE * total
    assert worst_pair_overlap(moved) > PAIR_TOLERANCE


def test_gap_checker_flags_a_shifted_or_missing_feature(boundary_layers, nation_outline):
    codes, geoms = boundary_layers["lad"]
    total = float(shapely.area(geoms).sum())
    i = _index_of(codes, "E08000025")
    holes, _ = gap_measures(shifted(geoms, i, 0.01), nation_outline)
    assert holes > HOLE_TOLERANCE * total  # the strip it moved away from is a hole in the dissolve
    holes, _ = gap_measures(np.delete(geoms, i), nation_outline)
    assert holes > HOLE_TOLERANCE * total  # an inland feature left out is a hole


def test_outline_checker_flags_a_shrunken_coastal_feature(boundary_layers, nation_outline):
    codes, geoms = boundary_layers["nation"]
    total = float(shapely.area(geoms).sum())
    i = _index_of(codes, "W92000004")  # Wales
    shrunk = geoms.copy()
    shrunk[i] = shapely.buffer(shrunk[i], -0.01)
    _, outline_diff = gap_measures(shrunk, nation_outline)
    assert outline_diff > AREA_TOLERANCE * total


# --- the team directory ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def directory():
    teams, problems = load_directory(DATA / "teams.csv", known_codes(load_areas(DATA)))
    return teams, problems


def _row(teams: pd.DataFrame, name_part: str) -> pd.Series:
    hits = teams[teams["name"].str.contains(name_part, regex=False)]
    assert len(hits) == 1, f"expected one team named like {name_part!r}, found {list(hits['name'])}"
    return hits.iloc[0]


def test_directory_validates_with_no_problems(directory):
    _, problems = directory
    assert not problems, "\n".join(map(str, problems))


def test_directory_has_one_row_per_seed_row(directory):
    teams, _ = directory
    seed = pd.concat(
        [
            pd.read_csv(SHARED / f, dtype=str, keep_default_na=False)
            for f in ("teams/teams_seed.csv", "teams/teams_seed_pass3.csv")
        ]
    )
    assert len(seed) == 56 + 5
    assert len(teams) == len(seed)
    assert list(teams["name"]) == list(seed["team_name"])
    assert teams["team_id"].is_unique


def test_every_team_has_areas_or_says_why_not(directory):
    teams, _ = directory
    no_codes = teams["area_codes"].map(len) == 0
    no_reason = teams["unresolved_areas"].str.strip() == ""
    assert not (no_codes & no_reason).any(), list(teams.loc[no_codes & no_reason, "team_id"])
    assert (teams.loc[~no_codes, "area_level"].isin(LEVEL_KEYS)).all()


def test_st_helens_maps_to_its_council(directory):
    row = _row(directory[0], "St Helens")
    assert row["area_level"] == "utla"
    assert row["area_codes"] == ("E08000013",)


def test_tameside_and_glossop_maps_tameside_and_names_glossop_as_unresolved(directory):
    row = _row(directory[0], "Tameside and Glossop")
    assert row["area_level"] == "utla"
    assert row["area_codes"] == ("E08000008",)
    assert "Glossop" in row["unresolved_areas"]


def test_northamptonshire_maps_to_both_successor_unitaries_and_is_closed(directory):
    row = _row(directory[0], "NorPIP")
    assert row["area_level"] == "utla"
    assert set(row["area_codes"]) == {"E06000061", "E06000062"}
    assert row["status"] == "closed"


SCOTTISH_BOARD_TEAMS = {
    "NHS Lanarkshire": "S08000032",
    "NHS Ayrshire & Arran": "S08000015",
    "NHS Tayside": "S08000030",
    "NHS Dumfries & Galloway": "S08000017",
    "NHS Fife": "S08000029",
    "NHS Greater Glasgow & Clyde": "S08000031",
    "NHS Grampian": "S08000020",
}


@pytest.mark.parametrize("board,code", SCOTTISH_BOARD_TEAMS.items())
def test_scottish_board_teams_are_at_health_level_with_board_codes(directory, board, code):
    row = _row(directory[0], board)
    assert row["nation"] == "Scotland"
    assert row["area_level"] == "health"
    assert row["area_codes"] == (code,)


def test_every_scottish_health_team_names_its_board(directory, atlas):
    teams, _ = directory
    health = atlas.level_areas("health")
    scottish = teams[(teams["nation"] == "Scotland") & (teams["area_level"] == "health")]
    assert len(scottish) >= len(SCOTTISH_BOARD_TEAMS)
    for row in scottish.itertuples():
        assert all(c.startswith("S08") for c in row.area_codes), row.team_id
        for c in row.area_codes:
            board = health.at[c, "area_name"].replace(" and ", " & ")
            assert board in row.name, (row.team_id, board)


@pytest.mark.parametrize("name_part,code", [("ABC PiP", "SEHSCT"), ("Southern Trust", "SHSCT")])
def test_northern_ireland_trust_teams_are_at_health_level_with_trust_codes(directory, name_part, code):
    row = _row(directory[0], name_part)
    assert row["nation"] == "Northern Ireland"
    assert row["area_level"] == "health"
    assert row["area_codes"] == (code,)


def test_northern_ireland_health_codes_are_trusts(directory, atlas):
    teams, _ = directory
    ni = teams[(teams["nation"] == "Northern Ireland") & (teams["area_level"] == "health")]
    assert len(ni) >= 2
    health = atlas.level_areas("health")
    for row in ni.itertuples():
        for c in row.area_codes:
            assert c.endswith("HSCT"), (row.team_id, c)
            assert health.at[c, "nation"] == "Northern Ireland"


# --- manifest ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def manifest():
    return json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))


def test_manifest_lists_sources_with_licence_and_checksums(manifest):
    sources = manifest["sources"]
    assert sources
    ids = [s["id"] for s in sources]
    assert len(ids) == len(set(ids))
    for src in sources:
        assert src.get("licence", "").strip(), src["id"]
        assert src.get("title", "").strip(), src["id"]
        assert src["files"], src["id"]
        assert set(src["sha256"]) == set(src["files"]), src["id"]


def test_manifest_checksums_match_the_shared_files(manifest):
    for src in manifest["sources"]:
        for rel, digest in src["sha256"].items():
            path = SHARED / rel
            assert path.is_file(), f"{src['id']}: {rel} not found in {SHARED}"
            assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, f"{src['id']}: {rel} has changed"


def test_manifest_area_counts_match(manifest):
    assert manifest["areas_per_level"] == AREA_COUNTS
    assert manifest["attribution"]
