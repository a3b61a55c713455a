"""The committed boundaries: small, valid, matching the areas, with no overlaps or gaps (and checkers that catch both)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import shapely
import shapely.affinity
import shapely.geometry

from coverage.model.atlas import load_areas
from coverage.model.levels import LEVEL_KEYS
from tests.unit.pipeline.committed import AREA_COUNTS, DATA

MAX_GEOJSON_BYTES = 1_000_000


# Overlaps and the outline difference may be at most this share of the total area.
AREA_TOLERANCE = 1e-4  # 0.01%


# No two features may share more than this share of the smaller one (catches small features).
PAIR_TOLERANCE = 1e-3  # 0.1%


# Holes a level's dissolve has beyond those of the nation outline: at most this share of the total.
HOLE_TOLERANCE = 1e-6


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
