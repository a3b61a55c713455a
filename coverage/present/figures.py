"""Plotly figures, built here so the pages, the exports and the tests share one definition.

Maps use ``go.Choroplethmap`` on a blank ``white-bg`` style: nothing is fetched from a tile
server or CDN, so maps draw on closed NHS networks and offline. Tiles are an opt-in.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from coverage.present.metrics import METRICS, NO_TEAM_COLOUR, Metric, classify, format_value
from coverage.present.text import markup as esc  # plotly hover labels render a subset of HTML

OFFLINE_STYLE = "white-bg"
TILE_STYLE = "carto-positron"  # only when the user opts in to basemap tiles
UK_BOUNDS = (-8.7, 49.8, 1.8, 60.9)
FONT = "Source Sans Pro, Arial, sans-serif"


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
    n = len(labels)
    scale = []
    for i, colour in enumerate(colours):
        scale += [[i / n, colour], [(i + 1) / n, colour]]
    geo = geojson if isinstance(geojson, str) else subset_geojson(geojson, table["area_code"])
    value_text = [format_value(v, metric.fmt) for v in table[metric.column].astype(float)]
    # Traces and layout as plain dicts, validated once by the figure's constructor: adding traces one by
    # one and then update_layout went through plotly's update machinery (half of a cold map's build).
    traces = [
        {
            "type": "choroplethmap",
            "geojson": geo,
            "featureidkey": "properties.code",
            "locations": table["area_code"],
            "z": idx,
            "zmin": -0.5,
            "zmax": n - 0.5,
            "colorscale": scale,
            "showscale": False,
            "marker": {"line": {"width": 0.5, "color": "#4D4D4D"}, "opacity": 0.9},
            "customdata": table[["area_code"]].to_numpy(),
            "text": [t + f"<br>{esc(metric.label)}: {v}" for t, v in zip(hover_text(table), value_text)],
            "hoverinfo": "text",
            "name": esc(metric.label),
            "showlegend": False,
        }
    ]
    counts = idx.value_counts()
    for i, (label, colour) in enumerate(zip(labels, colours)):
        if present_only and not counts.get(i, 0):
            continue  # an exported image's legend lists only the classes it shows
        traces.append(
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
        )
    if highlight and highlight in set(table["area_code"]):
        traces.append(
            {
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
        )
    centre, zoom = fit_zoom(table_bounds(table), height=height - legend_below)
    placed = (
        {
            "orientation": "h",
            "x": 0,
            "y": (legend_below - LEGEND_GAP) / height,
            "yref": "container",
            "yanchor": "top",
            "bgcolor": "#FFFFFF",
        }
        if legend_below
        else {"x": 0.01, "y": 0.99, "bgcolor": "rgba(255,255,255,0.85)"}
    )
    layout = {
        "map": {"style": TILE_STYLE if tiles else OFFLINE_STYLE, "center": centre, "zoom": zoom},
        "height": height,
        "margin": {"l": 0, "r": 0, "t": 60 if title else 0, "b": legend_below},
        "legend": {
            "title": {"text": esc(metric.label)},
            **placed,
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


BANDS = {"reach": ("reach_low", "reach_high"), "need": ("need_low", "need_high")}
REFERENCE_COLOURS = ("#000000", "#666666", "#999999", "#444444", "#777777")
NAME_WRAP = 28


def wrap_name(name: str, width: int = NAME_WRAP) -> str:
    """A long area name over two or more lines (``<br>``) so bar labels are never clipped."""
    words, lines, line = str(name).split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "<br>".join(esc(x) for x in lines)


PCT_STEPS = (0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1.0)
COUNT_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10_000)
MAX_TICKS = 8


def value_axis(top: float, fmt: str) -> dict:
    """Tick spacing for a value axis that reaches ``top``, so whole-number labels never repeat.

    Left to itself plotly spaced a 0-3% axis every half point and rounded each label to a whole
    percent: 0%, 1%, 1%, 2%, 2%, 3%. Shares step by whole points (or more), small counts by whole
    numbers; an axis whose values are all zero still shows a short, honest scale from 0.
    """
    if fmt == "pct":
        steps, floor = PCT_STEPS, 0.05
    elif fmt == "int":
        steps, floor = COUNT_STEPS, 5
    else:
        return {}
    top = max(float(top) if pd.notna(top) else 0.0, floor)
    step = next((s for s in steps if top / s <= MAX_TICKS), steps[-1])
    if top / step > MAX_TICKS:  # beyond the table: let plotly choose, with whole-number labels
        return {}
    return {"tick0": 0, "dtick": step, "range": [0, top * 1.04]}


def bar_chart(
    table: pd.DataFrame,
    metric_key: str,
    *,
    title: str = "",
    highlight: str = "",
    order: str = "high_first",
    references: list[tuple[str, float]] | tuple = (),
    labels: list[str] | None = None,
) -> go.Figure:
    """Horizontal bars of one metric, with its low-high band and reference lines (UK, nation).

    ``order``: "high_first" puts the largest at the top, "low_first" the smallest, "as_given"
    keeps the table's order from the top down. ``labels`` replaces the area names (e.g. with
    the level added) in the table's order. Long names wrap instead of being cut off.
    """
    metric = METRICS[metric_key]
    # Labels are attached before rows without a figure are dropped, so they stay with their rows.
    t = table.copy()
    t["_label"] = labels if labels is not None and len(labels) == len(table) else table["area_name"].to_numpy()
    t = t.dropna(subset=[metric.column, "_label"])
    if order == "high_first":
        t = t.sort_values([metric.column, "area_name"], ascending=[True, False])
    elif order == "low_first":
        t = t.sort_values([metric.column, "area_name"], ascending=[False, False])
    else:
        t = t.iloc[::-1]  # plotly draws the first category at the bottom
    colours = [
        "#000000" if c == highlight else (NO_TEAM_COLOUR if teams == 0 and metric.no_team_class else "#3182BD")
        for c, teams in zip(t["area_code"], t["teams"])
    ]
    band = BANDS.get(metric_key)
    value = t[metric.column].astype(float)
    text = [format_value(v, metric.fmt) for v in value]
    error_x = None
    label_at = value  # where each figure's label starts: past the bar, and past its band when drawn
    hover = "%{y}: %{customdata}<extra></extra>"
    customdata = text
    if band and set(band) <= set(t.columns):
        lo, hi = t[band[0]].astype(float), t[band[1]].astype(float)
        error_x = {
            "type": "data",
            "symmetric": False,
            "array": (hi - value).clip(lower=0).fillna(0).tolist(),
            "arrayminus": (value - lo).clip(lower=0).fillna(0).tolist(),
            "color": "#444444",
            "thickness": 1.2,
            "width": 3,
        }
        # A label at the bar's end sat under the band's line and could not be read (#12): it
        # goes after the band instead, so bar, band and figure never overlap.
        label_at = pd.concat([value, hi], axis=1).max(axis=1, skipna=True)
        customdata = [
            f"{v} (band {format_value(a, metric.fmt)} to {format_value(b, metric.fmt)})"
            if pd.notna(a) and pd.notna(b)
            else v
            for v, a, b in zip(text, lo, hi)
        ]
    wrapped = [wrap_name(n) for n in t["_label"]]
    lines = max((w.count("<br>") + 1 for w in wrapped), default=1)
    fig = go.Figure(
        [
            go.Bar(
                x=value,
                y=wrapped,
                orientation="h",
                marker_color=colours,
                error_x=error_x,
                customdata=customdata,
                hovertemplate=hover,
            ),
            go.Scatter(
                x=label_at,
                y=wrapped,
                mode="text",
                text=["\u2002" + v for v in text],  # an en space clears the band's end cap
                textposition="middle right",
                textfont={"size": 11, "color": "#333333"},
                cliponaxis=False,
                hoverinfo="skip",
            ),
        ]
    )
    for i, (name, value) in enumerate(references):
        fig.add_vline(
            x=value,
            line={
                "color": REFERENCE_COLOURS[i % len(REFERENCE_COLOURS)],
                "dash": "dash" if i == 0 else "dot",
                "width": 1.5,
            },
            annotation={
                "text": esc(f"{name} {format_value(value, metric.fmt)}"),
                "font": {"size": 11, "color": "#333333"},
                "yanchor": "bottom",
            },
            # Alternate sides so two close lines (UK 0.40, England 0.35) keep their labels apart.
            annotation_position="top right" if i % 2 == 0 else "top left",
        )
    top = max([*label_at.dropna().tolist(), *(v for _, v in references)], default=0.0)
    fig.update_layout(
        height=max(240, (18 + 12 * lines) * len(t) + 116),
        margin={"l": 10, "r": 56, "t": (40 + 20 * wrap_name(title, 44).count("<br>")) + 30 if title else 36, "b": 56},
        title={"text": wrap_name(title, 44)},
        font={"family": FONT},
        showlegend=False,
        xaxis={
            "tickformat": ".0%" if metric.fmt == "pct" else ",",
            # Two short lines: one long line was cut off on a phone.
            "title": esc(metric.label) + ("<br>lines: low to high band" if error_x else ""),
            "rangemode": "nonnegative",
            **value_axis(top, metric.fmt),
        },
        yaxis={"automargin": True},
    )
    return fig


def timeline_chart(listed: pd.DataFrame, published: list, title: str = "") -> go.Figure:
    """Listed teams by year (start known, with the unknown-start band stacked above it, hatched) and the
    published counts as labelled points, so the gap between the two is visible, not smoothed."""
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=listed["year"],
            y=listed["running_start_known"],
            name="Listed, running (start year known)",
            marker_color="#3182BD",
            hovertemplate="%{x}: %{y} listed teams running<extra></extra>",
        )
    )
    fig.add_trace(
        go.Bar(
            x=listed["year"],
            y=listed["start_unknown"],
            name="Listed, start year unknown",
            marker={"color": "#DEEBF7", "line": {"color": "#3182BD", "width": 1}, "pattern": {"shape": "/"}},
            hovertemplate="%{x}: %{y} more listed, start year unknown<extra></extra>",
        )
    )
    if published:
        fig.add_trace(
            go.Scatter(
                x=[p.year for p in published],
                y=[p.teams for p in published],
                mode="markers+text+lines",
                name="Published count (Parent-Infant Foundation)",
                marker={"color": "#D55E00", "size": 11, "symbol": "diamond"},
                line={"color": "#D55E00", "dash": "dot"},
                text=[str(p.teams) for p in published],
                textposition="top center",
                hovertext=[f"{esc(p.when)}: {p.teams} teams (published)" for p in published],
                hoverinfo="text",
                cliponaxis=False,
            )
        )
    fig.update_layout(
        barmode="stack",
        height=440,
        margin={"l": 10, "r": 10, "t": 70 if title else 20, "b": 10},
        title={"text": wrap_name(title, 40)},
        font={"family": FONT},
        legend={"orientation": "h", "y": -0.18, "x": 0, "font": {"size": 12}},
        xaxis={"dtick": 1, "tickangle": -45},
        yaxis={"title": "Teams", "rangemode": "nonnegative"},
        plot_bgcolor="#FFFFFF",
    )
    fig.update_yaxes(gridcolor="#DDDDDD")
    return fig
