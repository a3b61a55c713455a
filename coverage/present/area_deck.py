"""The coverage map in 3D: each area raised by its unmet need a year, coloured by the 2D map's classes.

The classes, colours, legend entries and hover text are those of the plotly choropleth
(:func:`coverage.present.metrics.classify`, :func:`coverage.present.figures.hover_text`), so the two
views cannot disagree: only the height is new. Heights are proportional to unmet need, with the
tallest area standing at a fixed share of the view's north-south extent, so a nation's view is as
readable as the UK's. The camera is fixed per view (pitch 45 degrees, looking north-north-west).
"""

from __future__ import annotations

import html
import math
import re

import pandas as pd
import pydeck as pdk

from coverage.present.decks import TIP_FIELD, compact_features, offline_deck, rgba, view_state
from coverage.present.figures import hover_text, table_bounds
from coverage.present.metrics import METRICS, classify, format_value

HEIGHT_COLUMN = "unmet_need_per_year"
HEIGHT_LABEL = "Unmet need a year"
TALLEST_SHARE = 0.12  # the tallest area rises an eighth of the view's north-south extent
METRES_PER_DEGREE_LAT = 111_320.0
PITCH = 45
BEARING = -12
ZOOM_IN = 0.35  # tilted, the land fills less of the frame than flat, so the camera comes closer
FILL_ALPHA = 235
LAYER_ID = "areas3d"


def plain_hover(table: pd.DataFrame) -> list[str]:
    """The 2D map's hover text as plain text (deck.gl tooltips here are set as text, not HTML)."""
    out = []
    for text in hover_text(table):
        text = re.sub(r"<br\s*/?>", "\n", text).replace("<b>", "").replace("</b>", "")
        out.append(html.unescape(text))
    return out


def legend_entries(table: pd.DataFrame, metric_key: str) -> list[tuple[str, str, int]]:
    """(label, colour, number of areas) per class, exactly as the 2D map's legend counts them."""
    idx, labels, colours = classify(METRICS[metric_key], table.reset_index(drop=True))
    counts = idx.value_counts()
    return [(label, colour, int(counts.get(i, 0))) for i, (label, colour) in enumerate(zip(labels, colours))]


def elevations(table: pd.DataFrame, bounds) -> pd.Series:
    """Metres per area: proportional to unmet need, the tallest at TALLEST_SHARE of the extent."""
    values = table[HEIGHT_COLUMN].astype(float).fillna(0.0).clip(lower=0.0)
    top = values.max()
    extent = (bounds[3] - bounds[1]) * METRES_PER_DEGREE_LAT
    if not top or not math.isfinite(top):
        return values * 0.0
    return (values / top * extent * TALLEST_SHARE).round(0)


def area_deck_3d(geojson: dict, table: pd.DataFrame, metric_key: str, *, height: int = 620) -> pdk.Deck:
    """Areas extruded by unmet need and coloured by the metric's classes, under a fixed camera."""
    metric = METRICS[metric_key]
    table = table.reset_index(drop=True)
    idx, labels, colours = classify(metric, table)
    bounds = table_bounds(table)
    heights = elevations(table, bounds)
    tips = plain_hover(table)
    props = {}
    for i, r in enumerate(table.itertuples()):
        value = format_value(float(getattr(r, metric.column)), metric.fmt)
        props[r.area_code] = {
            "fill": rgba(colours[idx.iloc[i]], FILL_ALPHA),
            "elevation": float(heights.iloc[i]),
            TIP_FIELD: f"{tips[i]}\n{metric.label}: {value}\nClass: {labels[idx.iloc[i]]}",
        }
    layer = pdk.Layer(
        "GeoJsonLayer",
        id=LAYER_ID,
        data=compact_features(geojson, props),
        extruded=True,
        wireframe=True,
        filled=True,
        get_fill_color="properties.fill",
        get_elevation="properties.elevation",
        get_line_color=[60, 60, 60, 200],
        pickable=True,
        auto_highlight=True,
    )
    camera = view_state(bounds, height, pitch=PITCH, bearing=BEARING)
    camera.zoom = round(camera.zoom + ZOOM_IN, 2)
    return offline_deck([layer], camera)


def deck_summary(table: pd.DataFrame, metric_key: str) -> str:
    """One sentence for screen readers: what the 3D view shows and where the tallest area is."""
    if table.empty:
        return "No areas to show."
    top = table.loc[table[HEIGHT_COLUMN].astype(float).idxmax()]
    return (
        f"3D map of {len(table)} areas, coloured by {METRICS[metric_key].label.lower()} and raised by unmet need a "
        f"year; the tallest is {top['area_name']} ({format_value(top[HEIGHT_COLUMN], 'int')} families a year). "
        "The same figures are in the table below."
    )
