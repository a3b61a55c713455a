"""The areas with their figures as GIS files (GeoJSON, GeoPackage) that open in QGIS.

Boundaries are the atlas's own simplified ones (EPSG:4326), joined to the export area table so
a GIS user sees the same numbers as the dashboard. Provenance travels inside the file where
the format allows: the layer description in both formats; in a GeoPackage also layer
metadata and a second, non-spatial layer ``about`` with one row per provenance line.
Text attributes are neutralised like spreadsheet cells, because attribute tables get pasted
into spreadsheets.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from coverage.exports.provenance import Provenance, provenance
from coverage.exports.safety import safe_frame
from coverage.exports.tables import area_frame, area_provenance_what
from coverage.model.assumptions import Assumptions
from coverage.model.atlas import Atlas
from coverage.model.levels import LEVELS

CRS = "EPSG:4326"
LAYER = "areas"
ABOUT_LAYER = "about"
FORMATS = {"geojson": ("GeoJSON", ".geojson"), "gpkg": ("GPKG", ".gpkg")}


def area_layer(
    atlas: Atlas, level: str, assumptions: Assumptions, table: pd.DataFrame | None = None
) -> gpd.GeoDataFrame:
    """Every area at the level with its boundary and figures; text neutralised."""
    frame = safe_frame(area_frame(atlas, level, assumptions, table))
    shapes = gpd.GeoDataFrame.from_features(atlas.boundaries(level)["features"], crs=CRS)
    shapes = shapes.rename(columns={"code": "area_code"})[["area_code", "geometry"]]
    out = shapes.merge(frame, on="area_code", how="right", validate="one_to_one")
    missing = out["geometry"].isna()
    if missing.any():
        raise ValueError(f"no boundary for {', '.join(out.loc[missing, 'area_code'])} at level {level}")
    cols = [c for c in frame.columns] + ["geometry"]
    out = gpd.GeoDataFrame(out[cols], geometry="geometry", crs=CRS)
    for col in out.columns:  # GDAL has no 'str' extension dtype; plain object columns write as String
        if col != "geometry" and pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].astype(object)
    return out


def _description(prov: Provenance) -> str:
    return " | ".join(f"{label}: {text}" for label, text in prov.lines())


def _metadata(prov: Provenance) -> dict[str, str]:
    return {label.upper().replace(" ", "_"): text for label, text in prov.lines()}


def write_layer(layer: gpd.GeoDataFrame, prov: Provenance, path: Path, fmt: str) -> Path:
    """Write the layer (and, for GeoPackage, the ``about`` table) to ``path``."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown GIS format {fmt!r}; choose {' or '.join(FORMATS)}")
    driver, _ = FORMATS[fmt]
    path = Path(path)
    if path.exists():
        path.unlink()  # GDAL would otherwise add to an old GeoPackage
    if fmt == "geojson":
        pyogrio.write_dataframe(
            layer,
            path,
            layer=LAYER,
            driver=driver,
            promote_to_multi=True,
            layer_options={"RFC7946": "YES", "COORDINATE_PRECISION": "6", "DESCRIPTION": _description(prov)},
        )
        return path
    pyogrio.write_dataframe(
        layer,
        path,
        layer=LAYER,
        driver=driver,
        promote_to_multi=True,
        layer_options={"IDENTIFIER": prov.title[:250], "DESCRIPTION": _description(prov)},
        metadata=_metadata(prov),
    )
    about = pd.DataFrame(prov.lines(), columns=["item", "text"]).astype(object)
    pyogrio.write_dataframe(
        about,
        path,
        layer=ABOUT_LAYER,
        driver=driver,
        append=True,
        layer_options={
            "IDENTIFIER": "About this file",
            "DESCRIPTION": "What the areas layer is, its assumptions, sources and date",
        },
    )
    return path


def area_gis_export(
    atlas: Atlas, level: str, assumptions: Assumptions, fmt: str, *, today=None, table: pd.DataFrame | None = None
) -> bytes:
    """The areas at a level with their figures, as 'geojson' or 'gpkg' bytes."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown GIS format {fmt!r}; choose {' or '.join(FORMATS)}")
    prov = provenance(
        f"Parent-infant team coverage by {LEVELS[level].label.lower()}",
        assumptions,
        atlas.manifest,
        today=today,
        what=area_provenance_what(level),
    )
    layer = area_layer(atlas, level, assumptions, table)
    with tempfile.TemporaryDirectory(prefix="atlas-gis-") as tmp:
        path = write_layer(layer, prov, Path(tmp) / f"{LAYER}{FORMATS[fmt][1]}", fmt)
        return path.read_bytes()
