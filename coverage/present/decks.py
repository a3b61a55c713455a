"""What every deck.gl map shares: an offline basemap-free deck, compact GeoJSON, and its payload size.

Offline: Streamlit (1.67) fills in a Carto basemap from a CDN whenever a deck has *no* map
style, which is what ``pdk.Deck(map_style=None)`` produces. Leaving ``map_style`` at pydeck's own
sentinel with ``map_provider=None`` sends ``"mapStyle": "__MAP_STYLE__"``, which Streamlit reads
as "no basemap at all", so nothing is fetched from a tile server, CDN or token service.

Tooltips use deck.gl's ``text`` form, which the browser sets as ``innerText``: a team named
``<img src=x onerror=alert(1)>`` is shown as those characters, whatever Streamlit does to HTML.
"""

from __future__ import annotations

import gzip
import json

import pydeck as pdk

from coverage.present.figures import fit_zoom

COORD_DIGITS = 3  # about 100 m: finer than a pixel at any zoom these maps open at
TIP_FIELD = "tip"  # every pickable object carries its whole tooltip in this one property
TOOLTIP = {
    "text": "{" + TIP_FIELD + "}",
    "style": {"fontSize": "14px", "maxWidth": "340px", "whiteSpace": "pre-line", "lineHeight": "1.35"},
}
DECK_WIDTH_GUESS = 700  # the server never knows the chart's width; plotly's maps assume the same


def rgba(hex_colour: str, alpha: int = 255) -> list[int]:
    h = hex_colour.lstrip("#")
    return [int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16), alpha]


def _ring(ring: list, digits: int) -> list:
    """A ring with rounded points and no point repeating the one before (rounding makes many)."""
    out = []
    for x, y in ring:
        p = [round(x, digits), round(y, digits)]
        if not out or p != out[-1]:
            out.append(p)
    return out if len(out) >= 4 else []


def _round(coords, digits: int):
    """Rounded coordinates of a Polygon (list of rings) or MultiPolygon; rings that collapse are dropped."""
    if isinstance(coords[0][0][0], (int, float)):  # a polygon: rings of points
        rings = [_ring(r, digits) for r in coords]
        return [r for r in rings if r] if rings and rings[0] else []
    return [p for p in (_round(poly, digits) for poly in coords) if p]


def compact_features(geojson: dict, properties: dict[str, dict], digits: int = COORD_DIGITS) -> dict:
    """The features whose code has properties, with only those properties and rounded coordinates."""
    features = []
    for f in geojson["features"]:
        props = properties.get(f["properties"]["code"])
        if props is None:
            continue
        geom = f["geometry"]
        coords = _round(geom["coordinates"], digits)
        if not coords:
            continue
        features.append(
            {
                "type": "Feature",
                "properties": props,
                "geometry": {"type": geom["type"], "coordinates": coords},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def view_state(bounds: tuple[float, float, float, float], height: int, pitch: float = 0, bearing: float = 0):
    centre, zoom = fit_zoom(bounds, width=DECK_WIDTH_GUESS, height=height)
    return pdk.ViewState(
        longitude=round(centre["lon"], 4),
        latitude=round(centre["lat"], 4),
        zoom=zoom,
        pitch=pitch,
        bearing=bearing,
        min_zoom=3,
        max_zoom=12,
    )


class CompactDeck(pdk.Deck):
    """A Deck whose JSON has no indentation: pydeck indents by default, which triples what is sent.

    The JSON is worked out once and kept: pydeck's serialisation of the team map (every council outline
    and marker) was most of that page's run, repeated on every rerun. Pages build a deck, then send it
    (and may keep it for the next run, ui/cache.py): a deck is not changed once it has been sent.
    """

    def to_json(self) -> str:
        kept = self.__dict__.get("_compact_json")
        if kept is None:
            kept = json.dumps(json.loads(super().to_json()), separators=(",", ":"), ensure_ascii=False)
            self.__dict__["_compact_json"] = kept
        return kept


def offline_deck(layers: list, initial: pdk.ViewState) -> pdk.Deck:
    """A deck with no basemap (see the module docstring) and a text-only tooltip."""
    return CompactDeck(layers=layers, initial_view_state=initial, map_provider=None, tooltip=TOOLTIP)


def payload_bytes(deck: pdk.Deck) -> tuple[int, int]:
    """What the page sends for a deck: its JSON spec, raw and gzipped (bytes)."""
    raw = deck.to_json().encode("utf-8")
    return len(raw), len(gzip.compress(raw, mtime=0))
