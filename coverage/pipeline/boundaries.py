"""Simplified boundaries for every level, built once from district atoms.

Why atoms: simplifying each level's own published layer separately leaves slivers and gaps
between neighbours and between levels. Instead the district layer (a valid ONS coverage) is
cut along ICB or HSC trust edges where a district is split, simplified once as a coverage (so shared
edges stay shared), and every level is the dissolve of those simplified pieces.
"""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

# Tolerance for GEOS coverage simplification, in degrees (about 200 m north-south).
SIMPLIFY_TOLERANCE = 0.002
# Decimal places kept in the written GeoJSON (5 places is about 1 m).
COORD_DECIMALS = 5


def _faces(lad: gpd.GeoDataFrame, icb_geom: gpd.GeoSeries, atoms: pd.DataFrame) -> gpd.GeoDataFrame:
    """Node district edges with health-area edges inside split districts, and polygonise."""
    split = atoms[atoms["atom_id"].str.contains(":")]
    lad_geom = lad.set_index("LAD24CD").geometry
    lines = list(shapely.boundary(lad.geometry.values))
    for lad_code, parts in split.groupby("lad_code"):
        for icb_code in parts["health_code"]:
            lines.append(shapely.intersection(shapely.boundary(icb_geom[icb_code]), lad_geom[lad_code]))
    noded = shapely.union_all(lines)
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(noded)))
    points = shapely.point_on_surface(faces)
    face_idx, lad_idx = shapely.STRtree(lad.geometry.values).query(points, predicate="within")
    if len(set(face_idx)) != len(faces):
        raise ValueError("some boundary faces fall outside every district")
    out = gpd.GeoDataFrame({"lad_code": lad["LAD24CD"].values[lad_idx]}, geometry=faces[face_idx], crs=lad.crs)
    out["point"] = points[face_idx]
    return out


def _assign_atoms(faces: gpd.GeoDataFrame, icb_geom: gpd.GeoSeries, atoms: pd.DataFrame) -> pd.Series:
    """Each face belongs to its district's atom; in a split district, to the health-area part it lies in."""
    whole = atoms.groupby("lad_code")["atom_id"].agg(list)
    best = atoms[atoms["is_best_fit"]].set_index("lad_code")["atom_id"]
    assigned = []
    for lad_code, point in zip(faces["lad_code"], faces["point"]):
        ids = whole[lad_code]
        if len(ids) == 1:
            assigned.append(ids[0])
            continue
        hit = [a for a in ids if shapely.contains(icb_geom[a.split(":")[1]], point)]
        assigned.append(hit[0] if hit else best[lad_code])
    return pd.Series(assigned, index=faces.index)


def health_geometries(icb_path: Path, hsct_path: Path, crs) -> gpd.GeoSeries:
    """The health areas that split districts: England's ICBs and Northern Ireland's HSC trusts."""
    icb = gpd.read_file(icb_path).to_crs(crs).set_index("ICB23CD").geometry
    hsct = gpd.read_file(hsct_path).to_crs(crs).set_index("HSCT_CODE").geometry
    return pd.concat([icb, hsct])


def atom_geometries(lad_path: Path, icb_path: Path, atoms: pd.DataFrame, hsct_path: Path) -> gpd.GeoSeries:
    """Simplified geometry per atom id (a valid coverage)."""
    lad = gpd.read_file(lad_path).sort_values("LAD24CD").reset_index(drop=True)
    health = health_geometries(icb_path, hsct_path, lad.crs)
    faces = _faces(lad, health, atoms)
    faces["atom_id"] = _assign_atoms(faces, health, atoms)
    merged = faces.groupby("atom_id")["geometry"].agg(lambda g: shapely.coverage_union_all(g.values))
    merged = merged.reindex(sorted(merged.index))
    simplified = shapely.coverage_simplify(np.asarray(merged.values), SIMPLIFY_TOLERANCE)
    return gpd.GeoSeries(simplified, index=merged.index, crs=lad.crs)


def dissolve(atom_geoms: gpd.GeoSeries, area_of_atom: pd.Series) -> gpd.GeoSeries:
    """Union atoms into areas; exact because the atoms form a coverage."""
    frame = pd.DataFrame({"geometry": atom_geoms, "area": area_of_atom.reindex(atom_geoms.index)})
    if frame["area"].isna().any():
        raise ValueError("an atom has no area at this level")
    out = frame.groupby("area")["geometry"].agg(lambda g: shapely.coverage_union_all(np.asarray(g.values)))
    return gpd.GeoSeries(out.reindex(sorted(out.index)), crs=atom_geoms.crs)


def _round(geom):
    """Coordinates to ~1 m; repaired if rounding folded an edge onto itself.

    Rounding can collapse a thin spike (where a trust boundary runs close to a district
    edge) into a self-touching ring; such a shape is repaired and only its polygons kept.
    Valid shapes pass through untouched, so the output stays byte-identical run to run.
    """
    rounded = shapely.transform(geom, lambda xy: np.round(xy, COORD_DECIMALS))
    if shapely.is_valid(rounded):
        return rounded
    parts = shapely.get_parts(shapely.make_valid(rounded))
    polygons = [p for p in parts if isinstance(p, shapely.Polygon) and not p.is_empty]
    polygons += [q for p in parts if isinstance(p, shapely.MultiPolygon) for q in p.geoms]
    merged = shapely.union_all(polygons)
    return merged if isinstance(merged, (shapely.Polygon, shapely.MultiPolygon)) else shapely.MultiPolygon(polygons)


def write_geojson(areas: gpd.GeoSeries, path: Path) -> None:
    """Compact, deterministic GeoJSON with one property, ``code``."""
    features = []
    for code, geom in areas.items():
        mapped = shapely.geometry.mapping(_round(geom))
        features.append({"type": "Feature", "id": code, "properties": {"code": code}, "geometry": mapped})
    doc = {"type": "FeatureCollection", "features": features}
    text = json.dumps(doc, separators=(",", ":"), ensure_ascii=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text + "\n", encoding="utf-8")


def label_points(areas: gpd.GeoSeries) -> pd.DataFrame:
    """A point inside each area (for labels and markers) and its bounding box (for zooming)."""
    pts = shapely.point_on_surface(areas.values)
    bounds = shapely.bounds(areas.values)
    return pd.DataFrame(
        {
            "area_code": areas.index,
            "lon": np.round(shapely.get_x(pts), 4),
            "lat": np.round(shapely.get_y(pts), 4),
            "min_lon": np.round(bounds[:, 0], 4),
            "min_lat": np.round(bounds[:, 1], 4),
            "max_lon": np.round(bounds[:, 2], 4),
            "max_lat": np.round(bounds[:, 3], 4),
        }
    )
