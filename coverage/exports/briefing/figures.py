"""The briefing's two pictures: a locator map of the area among its neighbours, and a comparison chart.

Built as plotly figures here (rendered to PNG by ``coverage.exports.images``) and sized for the
page, with margins set by hand rather than by plotly's automargin: automargin takes a second
layout pass, and images captured before it under load came out with labels cut off. The note
under the chart (``target_note``) lives here too, because whether it mentions the target line
depends on whether the chart draws it.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from coverage.exports import images
from coverage.exports.briefing.typeset import band
from coverage.model.atlas import Atlas
from coverage.model.levels import ATOM_COLUMN
from coverage.present import formats
from coverage.present.chart_style import FONT
from coverage.present.figures import choropleth
from coverage.present.metrics import format_value
from coverage.present.text import markup as escape

# Okabe-Ito blue for the area, sky blue for what it is compared with: safe for colour-blind readers.
AREA_COLOUR = "#0072B2"
COMPARATOR_COLOUR = "#56B4E9"


def locator_codes(atlas: Atlas, level: str, code: str) -> list[str]:
    """Areas drawn around the one briefed: those in its region (or nation), or all at high levels."""
    if level in ("region", "nation"):
        return list(atlas.level_areas(level).index)
    atoms = atlas.atoms
    inside = atoms[atoms[ATOM_COLUMN[level]] == code]
    if inside.empty:
        return [code]
    region = inside.groupby("region_code")["age0"].sum().idxmax()
    return sorted(set(atoms.loc[atoms["region_code"] == region, ATOM_COLUMN[level]]) | {code})


# The legend's class names ("team listed: 50% to under 100% (3)") are wider than half the map at a readable
# size, so they stand one to a row under the map (two to a row, they ran into each other and off the edge).
# The legend lists only the classes the map shows, so its band (a title and one row per class) and with it
# the image's height follow their number: a short legend leaves page one room for the comparison chart.
LOCATOR_W, LOCATOR_MAP_H = 560, 410
LOCATOR_FONT_PX, LOCATOR_ROW_EM = 20, 1.4


def locator_legend_px(classes: int) -> int:
    """The band under the locator map for a legend title and ``classes`` rows."""
    return math.ceil(LOCATOR_FONT_PX * LOCATOR_ROW_EM * (classes + 1))


CHART_FONT_PX = 18
CHART_LABEL_EM = 0.55  # a character of a bar label, in ems (Liberation Sans, with room to spare)
CHART_LABEL_MAX_PX = 330  # a longer bar label (an ICB's full name) wraps onto more lines
# Under the bars: the tick labels, then the axis title, with a few pixels to spare below its descenders
# (at 80 the "g" of "high" could touch the image's edge, where the font's metrics came out a pixel larger).
CHART_AXIS_PX = 88
AXIS_NOTE = "Reach: bar = central estimate, whiskers = low to high band"


def CHART_H(rows: int) -> int:  # noqa: N802 - reads as a size constant
    """The chart's height in layout pixels for ``rows`` bars: room for each bar and the axis under them."""
    return 98 + 50 * rows


def locator_bounds(sub: pd.DataFrame, code: str) -> tuple[float, float, float, float]:
    """A box around the area: its surroundings, but close enough that a small city stays visible."""
    region = (sub["min_lon"].min(), sub["min_lat"].min(), sub["max_lon"].max(), sub["max_lat"].max())
    r = sub[sub["area_code"] == code].iloc[0]
    cx, cy = (r["min_lon"] + r["max_lon"]) / 2, (r["min_lat"] + r["max_lat"]) / 2
    half_x = min(max((r["max_lon"] - r["min_lon"]) * 2, (region[2] - region[0]) * 0.2), (region[2] - region[0]) / 2)
    half_y = min(max((r["max_lat"] - r["min_lat"]) * 2, (region[3] - region[1]) * 0.2), (region[3] - region[1]) / 2)
    # keep the box inside the surroundings where it can be
    cx = min(max(cx, region[0] + half_x), region[2] - half_x)
    cy = min(max(cy, region[1] + half_y), region[3] - half_y)
    return cx - half_x, cy - half_y, cx + half_x, cy + half_y


def locator_map(atlas: Atlas, level: str, code: str, table: pd.DataFrame) -> go.Figure:
    """Reach across the areas around the one briefed, which is outlined; legend underneath."""
    codes = set(locator_codes(atlas, level, code))
    sub = table[table["area_code"].isin(codes)]
    fig = choropleth(atlas.boundaries(level), sub, "reach", highlight=code, present_only=True)
    size = LOCATOR_FONT_PX
    fig.update_layout(
        font={"size": size}, legend={"font": {"size": size}, "title": {"text": "Reach", "font": {"size": size}}}
    )
    band = locator_legend_px(
        sum(1 for t in fig.data if t.showlegend is not False and t.name and t.type == "scattermap")
    )
    return images.fitted(
        fig, LOCATOR_W, LOCATOR_MAP_H + band, legend_below=band, legend_columns=1, bounds=locator_bounds(sub, code)
    )


def chart_top(comp: pd.DataFrame) -> float:
    """The largest reach (or band end) the comparison chart must show."""
    return max(float(comp[["reach", "reach_high"]].max(axis=1).max()), 0.05)


def target_drawn(comp: pd.DataFrame, target: float) -> bool:
    """Whether the target line falls within the chart (the note under the chart says which)."""
    return target <= chart_top(comp) * 1.4


def target_note(comp: pd.DataFrame, target: float) -> str:
    """The note under the chart: it mentions the target line only when the chart draws it."""
    shown = formats.percent(target, trim=True)
    if target_drawn(comp, target):
        return f"The dashed orange line marks the target reach ({shown} of need)."
    return f"The target reach ({shown} of need) is far beyond these figures, so it is not drawn."


def _bars(c: pd.DataFrame, labels: list[str]) -> go.Figure:
    """Horizontal bars of reach, each band as an error bar, and the figures written beside them."""
    colours = [AREA_COLOUR if s == "This area" else COMPARATOR_COLOUR for s in c["scope"]]
    high = c[["reach", "reach_high"]].max(axis=1)
    fig = go.Figure(
        go.Bar(
            x=c["reach"],
            y=labels,
            orientation="h",
            marker_color=colours,
            error_x={
                "type": "data",
                "symmetric": False,
                "array": (c["reach_high"] - c["reach"]).clip(lower=0),
                "arrayminus": (c["reach"] - c["reach_low"]).clip(lower=0),
                "color": "#1A1A1A",
                "thickness": 2,
                "width": 8,
            },
        )
    )
    fig.add_trace(
        go.Scatter(
            x=high,
            y=labels,
            mode="text",
            textposition="middle right",
            cliponaxis=False,
            textfont={"size": 18},
            text=[
                f"  <b>{format_value(r, 'pct')}</b>  ({band(lo, hi, 'pct')})"
                for r, lo, hi in zip(c["reach"], c["reach_low"], c["reach_high"])
            ],
        )
    )
    return fig


def comparison_chart(comp: pd.DataFrame, target: float) -> go.Figure:
    """Reach of the area beside its region, nation and the UK, with each band as an error bar."""
    c = comp.iloc[::-1].reset_index(drop=True)  # the area at the top
    labels = [f"{s}: {n}" if s != "UK" else "United Kingdom" for s, n in zip(c["scope"], c["area_name"])]
    lines = [images.wrap(label, CHART_FONT_PX, CHART_LABEL_MAX_PX, CHART_LABEL_EM) for label in labels]
    labels = ["<br>".join(escape(line) for line in label_lines) for label_lines in lines]
    widest = max(len(line) for label_lines in lines for line in label_lines)
    fig = _bars(c, labels)
    top = chart_top(comp)
    if target_drawn(comp, target):
        fig.add_vline(x=target, line={"color": "#D55E00", "dash": "dash", "width": 2})
    fig.update_layout(
        font={"family": FONT, "size": CHART_FONT_PX, "color": "#1A1A1A"},
        showlegend=False,
        plot_bgcolor="#FFFFFF",
        paper_bgcolor="#FFFFFF",
        bargap=0.35,
        xaxis={
            "tickformat": ".0%",
            "range": [0, top * 1.6],
            "gridcolor": "#DDDDDD",
            "automargin": False,
        },
        yaxis={"automargin": False},
        # Margins set here, not pushed out by plotly: its automargin takes a second layout pass, and an image
        # captured before it (seen under load) had the tick labels below the bottom edge, cut off.
        margin={
            "l": int(widest * CHART_FONT_PX * CHART_LABEL_EM) + 16,
            "r": 10,
            "t": 10,
            "b": CHART_AXIS_PX,
            "autoexpand": False,
        },
    )
    # The axis's meaning as a note a fixed distance under the plot, not as plotly's axis title: the title
    # is placed from the measured tick labels, and one image drawn under load had it 31 px lower, cut off.
    fig.add_annotation(
        text=AXIS_NOTE,
        xref="paper",
        yref="paper",
        x=0.5,
        y=0,
        xanchor="center",
        yanchor="top",
        yshift=-(CHART_FONT_PX + 16),
        showarrow=False,
        font={"size": CHART_FONT_PX},
    )
    return fig
