"""The Change over time chart: listed teams by year beside the counts published for the same years."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from coverage.present.chart_style import FONT, wrap_name
from coverage.present.text import markup as esc  # plotly hover labels render a subset of HTML


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
