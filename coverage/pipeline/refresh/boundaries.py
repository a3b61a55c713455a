"""District boundaries (May 2024, UK, ultra-generalised) from the ONS Open Geography Portal.

The service name is pinned: ONS names are irregular and items are deleted when re-published,
so a vanished service is an error that says so, not a search that might pick a different
product. Checks: the ``LAD24CD``/``LAD24NM`` fields (the year suffix is the vintage); every one
of the atlas's 361 districts once and no other; polygon geometry; every coordinate inside the
UK in longitude and latitude (whether ``f=geojson`` honours ``outSR`` is unconfirmed, so the
coordinates themselves are checked). Written to the path the build reads.
"""

from __future__ import annotations

import datetime as dt
import json

import shapely
import shapely.errors
import shapely.geometry

from coverage.model.licence import OGL
from coverage.pipeline.refresh import arcgis
from coverage.pipeline.refresh.errors import RefreshError, Unconfirmed
from coverage.pipeline.refresh.http import Client
from coverage.pipeline.refresh.source import Districts, SourceResult, compare_codes

SOURCE = "boundaries"
SERVICE = "Local_Authority_Districts_May_2024_Boundaries_UK_BUC"
CODE, NAME = "LAD24CD", "LAD24NM"
FILE = "geography/lad_may2024_uk_buc.geojson"
LON, LAT = (-9.0, 2.0), (49.0, 61.0)


def _coordinates(geometry) -> list[float]:
    flat: list[float] = []
    stack = [geometry.get("coordinates")]
    while stack:
        item = stack.pop()
        if isinstance(item, list) and len(item) >= 2 and all(isinstance(v, int | float) for v in item[:2]):
            flat.extend(item[:2])
        elif isinstance(item, list):
            stack.extend(item)
    return flat


def fetch(client: Client, districts: Districts) -> SourceResult:
    lyr = arcgis.layer(client, SOURCE, SERVICE)
    missing = [f for f in (CODE, NAME) if f not in lyr.fields]
    if missing:
        raise RefreshError(SOURCE, lyr.metadata_url, f"the layer lacks {missing}; fields are {lyr.fields[:10]}")
    feats, pages = arcgis.features(client, SOURCE, lyr, [CODE, NAME])
    url = pages[0].url
    codes = [(f.get("properties") or {}).get(CODE) for f in feats]
    if not all(isinstance(c, str) for c in codes):
        raise RefreshError(SOURCE, url, f"a feature has no {CODE}")
    if len(set(codes)) != len(codes):
        raise RefreshError(SOURCE, url, "a district appears twice")
    compare_codes(SOURCE, url, set(codes), districts.codes())
    out = []
    for feat in sorted(feats, key=lambda f: f["properties"][CODE]):
        geom = feat.get("geometry") or {}
        code = feat["properties"][CODE]
        if not isinstance(geom, dict) or geom.get("type") not in ("Polygon", "MultiPolygon"):
            raise RefreshError(SOURCE, url, f"{code} has no polygon geometry")
        xy = _coordinates(geom)
        if (
            not xy
            or any(not (LON[0] <= x <= LON[1]) for x in xy[0::2])
            or any(not (LAT[0] <= y <= LAT[1]) for y in xy[1::2])
        ):
            raise Unconfirmed(
                SOURCE, url, "arcgis-geojson-outsr", f"{code} has coordinates outside UK longitude/latitude"
            )
        try:
            shaped = shapely.geometry.shape(geom)
        except (ValueError, TypeError, AttributeError, IndexError, shapely.errors.ShapelyError):
            raise RefreshError(SOURCE, url, f"{code} has malformed coordinates") from None
        if not shaped.is_valid:
            raise RefreshError(SOURCE, url, f"{code} has an invalid polygon ({shapely.is_valid_reason(shaped)})")
        out.append(
            {"type": "Feature", "properties": {CODE: code, NAME: feat["properties"].get(NAME, "")}, "geometry": geom}
        )
    doc = {"type": "FeatureCollection", "features": out}
    text = json.dumps(doc, separators=(",", ":"), ensure_ascii=False) + "\n"
    edited = (
        dt.datetime.fromtimestamp(lyr.last_edit / 1000, dt.UTC).date().isoformat() if lyr.last_edit else "not given"
    )
    entry = {
        "id": "boundaries_lad",
        "title": "Local Authority Districts (May 2024) Boundaries UK BUC",
        "publisher": "Office for National Statistics (Open Geography Portal)",
        "vintage": f"May 2024 (layer last edited {edited})",
        "licence": OGL,
        "files": [FILE],
        "retrieved": {
            "at": pages[0].retrieved_at,
            "urls": [lyr.metadata_url] + [p.url for p in pages],
            "sha256": [p.sha256 for p in pages],
            "upstream_version": f"{SERVICE} lastEditDate {edited}",
        },
    }
    return SourceResult(SOURCE, "boundaries_lad", {FILE: text.encode("utf-8")}, entry, {"features": len(out)})
