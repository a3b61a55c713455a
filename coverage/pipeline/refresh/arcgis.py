"""ONS Open Geography (ArcGIS REST FeatureServer): layer metadata, a count, and every feature, paged.

ArcGIS reports errors as HTTP 200 with an ``{"error": …}`` body, flags more pages with
``exceededTransferLimit`` (top level for ``f=json``, under ``properties`` for ``f=geojson``),
and may return fewer features than asked. So each page is checked for an error object, the
offset advances by the features actually received (never by the page size), paging stops
only when the flag is false, and the total must equal the layer's ``returnCountOnly`` count.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from coverage.pipeline.refresh.errors import RefreshError
from coverage.pipeline.refresh.http import Client, Fetched

PAGE_SIZE = 200
MAX_PAGES = 500


@dataclass
class Layer:
    url: str
    object_id_field: str
    fields: list[str]
    max_record_count: int | None
    last_edit: int | None  # epoch milliseconds, when the layer says
    metadata_url: str


def _json(fetched: Fetched) -> dict:
    try:
        body = json.loads(fetched.text())
    except ValueError:
        raise RefreshError(fetched.source, fetched.url, "the answer is not JSON") from None
    if not isinstance(body, dict):
        raise RefreshError(fetched.source, fetched.url, "the answer is not a JSON object")
    if "error" in body:
        err = body["error"] if isinstance(body["error"], dict) else {"message": str(body["error"])}
        details = "; ".join(str(d) for d in err.get("details") or [])
        raise RefreshError(
            fetched.source,
            fetched.url,
            f"ArcGIS error {err.get('code', '?')} (sent as HTTP 200): {str(err.get('message', ''))[:200]}"
            + (f" ({details[:200]})" if details else ""),
        )
    return body


def layer(client: Client, source: str, service: str, layer_id: int = 0) -> Layer:
    url = f"{client.settings.arcgis_url}/{service}/FeatureServer/{layer_id}"
    fetched = client.get(source, url, {"f": "json"})
    body = _json(fetched)
    fields = [f for f in body.get("fields") or [] if isinstance(f, dict)]
    oid = body.get("objectIdField") or next(
        (f.get("name") for f in fields if f.get("type") == "esriFieldTypeOID"), None
    )
    if not oid:
        raise RefreshError(source, fetched.url, "the layer names no object-id field to page in a stable order")
    max_count = body.get("maxRecordCount")
    last_edit = (body.get("editingInfo") or {}).get("lastEditDate")
    return Layer(
        url=url,
        object_id_field=oid,
        fields=[str(f.get("name", "")) for f in fields],
        max_record_count=max_count if isinstance(max_count, int) else None,
        last_edit=last_edit if isinstance(last_edit, int) else None,
        metadata_url=fetched.url,
    )


def count(client: Client, source: str, lyr: Layer) -> int:
    fetched = client.get(source, f"{lyr.url}/query", {"where": "1=1", "returnCountOnly": "true", "f": "json"})
    n = _json(fetched).get("count")
    if not isinstance(n, int) or n < 0:
        raise RefreshError(source, fetched.url, "the count query gave no count")
    return n


def features(client: Client, source: str, lyr: Layer, out_fields: list[str]) -> tuple[list[dict], list[Fetched]]:
    """Every feature as GeoJSON in WGS84, proven complete against the layer's count."""
    expected = count(client, source, lyr)
    page = min(PAGE_SIZE, lyr.max_record_count or PAGE_SIZE)
    got: list[dict] = []
    pages: list[Fetched] = []
    while True:
        if len(pages) >= MAX_PAGES:
            raise RefreshError(source, lyr.url, f"more than {MAX_PAGES} pages")
        fetched = client.get(
            source,
            f"{lyr.url}/query",
            {
                "where": "1=1",
                "outFields": ",".join(out_fields),
                "outSR": "4326",
                "orderByFields": lyr.object_id_field,
                "resultOffset": str(len(got)),
                "resultRecordCount": str(page),
                "f": "geojson",
            },
        )
        pages.append(fetched)
        body = _json(fetched)
        batch = body.get("features")
        if not isinstance(batch, list) or not all(isinstance(f, dict) for f in batch):
            raise RefreshError(source, fetched.url, "the page has no list of features")
        got.extend(batch)
        more = (body.get("properties") or {}).get("exceededTransferLimit") or body.get("exceededTransferLimit")
        if not batch or not more:
            break
    if len(got) != expected:
        raise RefreshError(
            source, pages[-1].url, f"received {len(got)} features but the layer counts {expected} (a short page?)"
        )
    return got, pages
