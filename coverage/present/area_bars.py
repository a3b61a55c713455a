"""Horizontal bars comparing areas on one metric (Compare, the profile, chart exports).

Each bar carries its figure as a label past the bar's end, the metric's low-high band where it
has one, and dashed or dotted reference lines (UK, nation) with their own labels.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from coverage.present.chart_style import FONT, wrap_name
from coverage.present.metrics import METRICS, NO_TEAM_COLOUR, Metric, format_value
from coverage.present.text import markup as esc  # plotly hover labels render a subset of HTML

BANDS = {"reach": ("reach_low", "reach_high"), "need": ("need_low", "need_high")}
REFERENCE_COLOURS = ("#000000", "#666666", "#999999", "#444444", "#777777")
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


def _rows_in_order(table: pd.DataFrame, metric: Metric, order: str, labels: list[str] | None) -> pd.DataFrame:
    """The rows with a figure, bottom bar first (plotly draws the first category at the bottom).

    Labels are attached before rows without a figure are dropped, so they stay with their rows.
    """
    t = table.copy()
    t["_label"] = labels if labels is not None and len(labels) == len(table) else table["area_name"].to_numpy()
    t = t.dropna(subset=[metric.column, "_label"])
    if order == "high_first":
        return t.sort_values([metric.column, "area_name"], ascending=[True, False])
    if order == "low_first":
        return t.sort_values([metric.column, "area_name"], ascending=[False, False])
    return t.iloc[::-1]


def _band(t: pd.DataFrame, metric: Metric, value: pd.Series, text: list[str]) -> tuple[dict | None, pd.Series, list]:
    """The low-high band as error bars, where each figure's label starts, and the hover text.

    Without a band the label starts at the bar's end. With one, a label at the bar's end sat
    under the band's line and could not be read (#12): it goes after the band instead, so bar,
    band and figure never overlap.
    """
    band = BANDS.get(metric.key)
    if not (band and set(band) <= set(t.columns)):
        return None, value, text
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
    label_at = pd.concat([value, hi], axis=1).max(axis=1, skipna=True)
    customdata = [
        f"{v} (band {format_value(a, metric.fmt)} to {format_value(b, metric.fmt)})"
        if pd.notna(a) and pd.notna(b)
        else v
        for v, a, b in zip(text, lo, hi)
    ]
    return error_x, label_at, customdata


def _add_references(fig: go.Figure, references, metric: Metric) -> None:
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
    t = _rows_in_order(table, metric, order, labels)
    colours = [
        "#000000" if c == highlight else (NO_TEAM_COLOUR if teams == 0 and metric.no_team_class else "#3182BD")
        for c, teams in zip(t["area_code"], t["teams"])
    ]
    value = t[metric.column].astype(float)
    text = [format_value(v, metric.fmt) for v in value]
    error_x, label_at, customdata = _band(t, metric, value, text)
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
                hovertemplate="%{y}: %{customdata}<extra></extra>",
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
    _add_references(fig, references, metric)
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
