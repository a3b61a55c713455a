"""The coverage map as a plotly figure, built here so the pages, the exports and the tests share one
definition. Bar charts are in ``area_bars``, the timeline in ``timeline_figure``.

Maps use ``go.Choroplethmap`` on a blank ``white-bg`` style: nothing is fetched from a tile
server or CDN, so maps draw on closed NHS networks and offline. Tiles are an opt-in.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from coverage.present.chart_style import FONT
from coverage.present.metrics import METRICS, Metric, classify, format_value
from coverage.present.text import markup as esc  # plotly hover labels render a subset of HTML

OFFLINE_STYLE = "white-bg"
TILE_STYLE = "carto-positron"  # only when the user opts in to basemap tiles
UK_BOUNDS = (-8.7, 49.8, 1.8, 60.9)


LEGEND_ROW = 20  # px: one line of a map legend at font size 13 (an entry, or the title above the entries)
LEGEND_PAD = 10  # px: the legend's border and inner padding, top and bottom
LEGEND_GAP = 4  # px between the map's foot and the legend's top


def legend_band(entries: int) -> int:
    """Pixels under a map that hold a legend of ``entries`` classes, one a line under its title.

    One a line is how a phone's narrow column lays them out; a wide screen puts two or three on a
    line and leaves the rest of the band empty. A band that is too short makes plotly take the
    overflow from the map, so the map changed size with the metric and a phone's lost its south.
    """
    return LEGEND_GAP + LEGEND_PAD + LEGEND_ROW * (entries + 1)


def fit_zoom(bounds: tuple[float, float, float, float], width: int = 700, height: int = 620) -> tuple[dict, float]:
    """Centre and zoom that fit a lon/lat box into a web-mercator map of the given size.

    MapLibre draws the whole world 512 px wide at zoom 0.
    """
    min_lon, min_lat, max_lon, max_lat = bounds

    def merc(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(max(min(lat, 85), -85)) / 2))

    lon_span = max(max_lon - min_lon, 0.01)
    y_span = max(merc(max_lat) - merc(min_lat), 0.0002)
    zoom_x = math.log2(width * 360 / (512 * lon_span))
    zoom_y = math.log2(height * 2 * math.pi / (512 * y_span))
    centre_lat = math.degrees(2 * math.atan(math.exp((merc(max_lat) + merc(min_lat)) / 2)) - math.pi / 2)
    return {"lon": (min_lon + max_lon) / 2, "lat": centre_lat}, round(min(zoom_x, zoom_y) - 0.15, 2)


def table_bounds(table: pd.DataFrame) -> tuple[float, float, float, float]:
    return (table["min_lon"].min(), table["min_lat"].min(), table["max_lon"].max(), table["max_lat"].max())


def subset_geojson(geojson: dict, codes) -> dict:
    wanted = set(codes)
    return {
        "type": "FeatureCollection",
        "features": [f for f in geojson["features"] if f["properties"]["code"] in wanted],
    }


def hover_text(table: pd.DataFrame) -> list[str]:
    """Each area's tooltip. Read column by column (``itertuples`` built a tuple class per call and read
    pandas' Arrow-backed strings one by one: a quarter of a cold map's build)."""
    col = {c: table[c].tolist() for c in ("area_name", "teams", "status")}
    num = {
        c: table[c].to_numpy(dtype=float).tolist()
        for c in ("need_per_year", "capacity_per_year", "reach", "reach_low", "reach_high", "unmet_need_per_year")
    }
    lower = table["reach_lower_bound"].tolist() if "reach_lower_bound" in table.columns else [False] * len(table)
    rows = []
    for i, name in enumerate(col["area_name"]):
        rows.append(
            f"<b>{esc(name)}</b><br>"
            f"Listed teams serving it: {col['teams'][i]}<br>"
            f"Need: {format_value(num['need_per_year'][i], 'int')} families a year<br>"
            f"Listed teams can see: {format_value(num['capacity_per_year'][i], 'int')} a year<br>"
            f"Reach of listed teams: {format_value(num['reach'][i], 'pct')} "
            f"({format_value(num['reach_low'][i], 'pct')} to {format_value(num['reach_high'][i], 'pct')})"
            f"{' (a lower bound: more teams reported)' if lower[i] else ''}<br>"
            f"Unmet need: {format_value(num['unmet_need_per_year'][i], 'int')} a year<br>"
            f"Status: {esc(col['status'][i])}"
        )
    return rows


def _class_scale(colours: list[str]) -> list:
    """A stepped colour scale: class ``i`` of ``n`` fills its own band of 0-1 with its colour."""
    n = len(colours)
    scale = []
    for i, colour in enumerate(colours):
        scale += [[i / n, colour], [(i + 1) / n, colour]]
    return scale


def _areas_trace(geo, table: pd.DataFrame, metric: Metric, idx: pd.Series, colours: list[str]) -> dict:
    """The areas, filled by class, each with its hover text and its code (for clicks)."""
    value_text = [format_value(v, metric.fmt) for v in table[metric.column].astype(float)]
    return {
        "type": "choroplethmap",
        "geojson": geo,
        "featureidkey": "properties.code",
        "locations": table["area_code"],
        "z": idx,
        "zmin": -0.5,
        "zmax": len(colours) - 0.5,
        "colorscale": _class_scale(colours),
        "showscale": False,
        "marker": {"line": {"width": 0.5, "color": "#4D4D4D"}, "opacity": 0.9},
        "customdata": table[["area_code"]].to_numpy(),
        "text": [t + f"<br>{esc(metric.label)}: {v}" for t, v in zip(hover_text(table), value_text)],
        "hoverinfo": "text",
        "name": esc(metric.label),
        "showlegend": False,
    }


def _legend_entries(idx: pd.Series, labels, colours, *, legend: bool, present_only: bool) -> list[dict]:
    """One empty marker trace per class: plotly's legend for a choropleth, each with its count of areas."""
    counts = idx.value_counts()
    return [
        {
            "type": "scattermap",
            "lat": [None],
            "lon": [None],
            "mode": "markers",
            "name": f"{label} ({int(counts.get(i, 0))})",
            "marker": {"size": 14, "color": colour},
            "hoverinfo": "skip",
            "showlegend": legend,
        }
        for i, (label, colour) in enumerate(zip(labels, colours))
        # an exported image's legend lists only the classes it shows
        if not (present_only and not counts.get(i, 0))
    ]


def _highlight_trace(geo, highlight: str) -> dict:
    """A thick black outline round the chosen area, drawn over the fill."""
    return {
        "type": "choroplethmap",
        "geojson": geo if isinstance(geo, str) else subset_geojson(geo, [highlight]),
        "featureidkey": "properties.code",
        "locations": [highlight],
        "z": [0],
        "colorscale": [[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
        "showscale": False,
        "marker": {"line": {"width": 3, "color": "#000000"}},
        "hoverinfo": "skip",
        "showlegend": False,
    }


def _legend_place(legend_below: int, height: int) -> dict:
    """Where the legend sits: from the top of a band under the map, else in the map's top-left corner."""
    if legend_below:
        return {
            "orientation": "h",
            "x": 0,
            "y": (legend_below - LEGEND_GAP) / height,
            "yref": "container",
            "yanchor": "top",
            "bgcolor": "#FFFFFF",
        }
    return {"x": 0.01, "y": 0.99, "bgcolor": "rgba(255,255,255,0.85)"}


def choropleth(
    geojson: dict | str,
    table: pd.DataFrame,
    metric_key: str,
    *,
    highlight: str = "",
    tiles: bool = False,
    height: int = 620,
    title: str = "",
    subtitle: str = "",
    legend: bool = True,
    legend_below: int = 0,
    present_only: bool = False,
) -> go.Figure:
    """A classed choropleth of one metric, with a legend of plain-language classes.

    Small locator maps pass ``legend=False``: on them the legend would cover the place shown.
    Pages pass ``legend_below`` (pixels): the legend then sits in a band of that height under the
    map, never over it (on a phone, a legend in the corner covered north-west Scotland), from the
    band's top, so a short legend leaves the gap under itself rather than between it and the map;
    the map keeps ``height`` minus the band whatever the metric (``legend_band`` sizes a band
    that holds the longest legend), and its zoom is fitted to that.
    ``geojson`` is the boundaries themselves (exports: the file must hold its geometry) or the
    URL of a static boundary file (pages: the browser fetches and caches it once, so each run
    sends only codes and values; plotly draws just the features listed in ``locations``).
    """
    metric: Metric = METRICS[metric_key]
    table = table.reset_index(drop=True)
    idx, labels, colours = classify(metric, table)
    geo = geojson if isinstance(geojson, str) else subset_geojson(geojson, table["area_code"])
    # Traces and layout as plain dicts, validated once by the figure's constructor: adding traces one by
    # one and then update_layout went through plotly's update machinery (half of a cold map's build).
    traces = [_areas_trace(geo, table, metric, idx, colours)]
    traces += _legend_entries(idx, labels, colours, legend=legend, present_only=present_only)
    if highlight and highlight in set(table["area_code"]):
        traces.append(_highlight_trace(geo, highlight))
    centre, zoom = fit_zoom(table_bounds(table), height=height - legend_below)
    layout = {
        "map": {"style": TILE_STYLE if tiles else OFFLINE_STYLE, "center": centre, "zoom": zoom},
        "height": height,
        "margin": {"l": 0, "r": 0, "t": 60 if title else 0, "b": legend_below},
        "legend": {
            "title": {"text": esc(metric.label)},
            **_legend_place(legend_below, height),
            "bordercolor": "#999",
            "borderwidth": 1,
            "font": {"size": 13},
        },
        "font": {"family": FONT},
        "paper_bgcolor": "#FFFFFF",
        "clickmode": "event+select",
        "title": {"text": f"{esc(title)}<br><sup>{esc(subtitle)}</sup>" if title else ""},
        "dragmode": False,
    }
    return go.Figure(data=traces, layout=layout)
