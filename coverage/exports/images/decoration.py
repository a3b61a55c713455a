"""Fitting a figure to an image: the fixed sizes, and the title, assumptions and source baked into its margins.

``decorate`` exists so that an image posted on its own still says what it rests on: the title at
the top, the assumptions under it (subtitle), and the source, licence and date (footer) at the
bottom. Sizes are fixed for where images go: ``social`` (1080 x 1080), ``wide`` (1200 x 675, link
previews and slides) and ``print`` (2480 x 1754 pixels, A4 landscape at about 210 dpi), with type
sized to read at 1080 px wide. ``fitted`` is the undecorated variant the briefings place on their
own pages. Maps use ``coverage.present.figures``' blank ``white-bg`` MapLibre style, which needs no
tiles, glyphs or sprites, so they render with no network at all; their zoom is refitted here to
the plot area the margins leave.
"""

from __future__ import annotations

import copy
import math
import textwrap
from dataclasses import dataclass

import plotly.graph_objects as go

from coverage.present.chart_style import FONT
from coverage.present.figures import esc, fit_zoom


@dataclass(frozen=True)
class ImageSize:
    """A named image size: layout pixels (what plotly lays out) and the scale to output pixels."""

    key: str
    width: int  # layout pixels
    height: int
    scale: float  # output pixels = layout pixels x scale
    label: str

    @property
    def pixels(self) -> tuple[int, int]:
        """The output image's width and height in pixels (what a user is told they will get)."""
        return round(self.width * self.scale), round(self.height * self.scale)


SIZES: dict[str, ImageSize] = {
    "social": ImageSize("social", 1080, 1080, 1, "Square, for social media (1080 x 1080)"),
    "wide": ImageSize("wide", 1200, 675, 1, "Wide, for link previews and slides (1200 x 675)"),
    "print": ImageSize("print", 1240, 877, 2, "Print, A4 landscape (2480 x 1754)"),
}

TITLE_PX = 32
SUBTITLE_PX = 17
FOOTER_PX = 15
BODY_PX = 17
PAD = 36
CHAR_EM = 0.5  # average width of a character of running text in Liberation Sans / Arial, in ems
BOLD_EM = 0.5
AXIS_SPACE = 64  # tick labels and axis title under a chart's plot area


def wrap(text: str, font_px: float, width_px: float, em: float = CHAR_EM) -> list[str]:
    """Lines that fit ``width_px`` (plotly does not wrap text itself)."""
    chars = max(20, int(width_px / (font_px * em)))
    return textwrap.wrap(text, chars, break_long_words=True) or [""]


def _points(coords, xs: list, ys: list) -> None:
    """Every (lon, lat) in a GeoJSON coordinates array, however deeply nested."""
    if coords and isinstance(coords[0], (int, float)):
        xs.append(coords[0])
        ys.append(coords[1])
    else:
        for c in coords:
            _points(c, xs, ys)


def _geo_bounds(fig: go.Figure) -> tuple[float, float, float, float] | None:
    """Lon/lat box of the areas the first map trace shows (to refit the zoom to the image)."""
    for trace in fig.data:
        if trace.type == "choroplethmap" and trace.geojson:
            wanted = set(trace.locations) if trace.locations is not None else None
            xs: list[float] = []
            ys: list[float] = []
            for f in trace.geojson["features"]:
                if wanted is None or f["properties"].get("code") in wanted:
                    _points(f["geometry"]["coordinates"], xs, ys)
            if xs:
                return min(xs), min(ys), max(xs), max(ys)
    return None


def _category_labels(fig: go.Figure) -> list[str]:
    """The labels of a horizontal bar chart's bars (their length sets the left margin)."""
    labels = []
    for trace in fig.data:
        if trace.type == "bar" and getattr(trace, "orientation", None) == "h" and trace.y is not None:
            labels += [str(v) for v in trace.y]
    return labels


@dataclass(frozen=True)
class _Frame:
    """Where a decorated image's text goes: its lines, the four margins, and the plot area they leave."""

    title_lines: list[str]
    sub_lines: list[str]
    foot_lines: list[str]
    title_h: float
    top: int
    below: int
    bottom: int
    left: int
    right: int
    plot_w: int
    plot_h: int


def _frame(fig: go.Figure, size: ImageSize, title: str, subtitle: str, footer: str, is_map: bool) -> _Frame:
    """The margins for the title block, the footer and (on a chart) the axis and bar labels.

    Set explicitly, not by plotly's automargin, so the text can be placed exactly.
    """
    text_w = size.width - 2 * PAD
    title_lines = wrap(title, TITLE_PX, text_w, BOLD_EM)
    sub_lines = wrap(subtitle, SUBTITLE_PX, text_w) if subtitle else []
    foot_lines = wrap(footer, FOOTER_PX, text_w) if footer else []
    title_h = len(title_lines) * TITLE_PX * 1.25
    sub_h = len(sub_lines) * SUBTITLE_PX * 1.4
    top = math.ceil(PAD * 0.75 + title_h + (8 + sub_h if sub_lines else 0) + 18)
    # Room between the plot area and the footer: tick labels, then the axis title, a line more for each
    # line of it (its second line, "lines: low to high band", once printed over the source line).
    axis_title = "" if is_map else str(fig.layout.xaxis.title.text or "")
    below = 16 if is_map else AXIS_SPACE + 12 + math.ceil(axis_title.count("<br>") * BODY_PX * 1.35)
    if not is_map and fig.layout.legend.orientation == "h":
        below += 2 * BODY_PX  # a legend laid out under the axis (the timeline's) keeps clear of the source line
    bottom = math.ceil(below + len(foot_lines) * FOOTER_PX * 1.45 + PAD * 0.6) if foot_lines else below + PAD // 2
    labels = _category_labels(fig)
    left = PAD if is_map else PAD + (int(max(map(len, labels)) * BODY_PX * 0.55) + 12 if labels else 50)
    right = PAD if is_map else PAD + 40
    plot_w, plot_h = size.width - left - right, size.height - top - bottom
    return _Frame(title_lines, sub_lines, foot_lines, title_h, top, below, bottom, left, right, plot_w, plot_h)


def _text_blocks(f: _Frame) -> list[dict]:
    """The title, subtitle and footer as paper-anchored annotations, flush with the image's left padding."""

    def at_px(y_from_top: float) -> float:  # paper y of a point y px below the image's top
        return 1 + (f.top - y_from_top) / f.plot_h

    x0 = -(f.left - PAD) / f.plot_w
    notes = [
        dict(
            text="<b>" + "<br>".join(esc(line) for line in f.title_lines) + "</b>",
            x=x0,
            y=at_px(PAD * 0.75),
            font={"size": TITLE_PX, "color": "#1A1A1A"},
        )
    ]
    if f.sub_lines:
        notes.append(
            dict(
                text="<br>".join(esc(line) for line in f.sub_lines),
                x=x0,
                y=at_px(PAD * 0.75 + f.title_h + 8),
                font={"size": SUBTITLE_PX, "color": "#404040"},
            )
        )
    if f.foot_lines:
        notes.append(
            dict(
                text="<br>".join(esc(line) for line in f.foot_lines),
                x=x0,
                y=-f.below / f.plot_h,
                font={"size": FOOTER_PX, "color": "#404040"},
            )
        )
    return [
        dict(n, xref="paper", yref="paper", xanchor="left", yanchor="top", align="left", showarrow=False) for n in notes
    ]


def decorate(
    fig: go.Figure, *, title: str, subtitle: str = "", footer: str = "", size: ImageSize | str = "social"
) -> go.Figure:
    """A copy of the figure with title, subtitle and footer in its margins, fitted to ``size``.

    Margins are set explicitly (not auto) so the text can be placed exactly: the title block at
    the top, the footer at the bottom, both flush with the image's left padding. A map's zoom is
    refitted to the plot area; horizontal bar labels get room on the left.
    """
    size = SIZES[size] if isinstance(size, str) else size
    out = go.Figure(copy.deepcopy(fig.to_dict()))
    is_map = any(t.type in ("choroplethmap", "scattermap") for t in out.data)
    f = _frame(out, size, title, subtitle, footer, is_map)
    out.update_layout(
        width=size.width,
        height=size.height,
        autosize=False,
        margin={"l": f.left, "r": f.right, "t": f.top, "b": f.bottom, "autoexpand": False},
        title={"text": ""},
        font={"family": FONT, "size": BODY_PX, "color": "#1A1A1A"},
        paper_bgcolor="#FFFFFF",
        annotations=list(out.layout.annotations or []) + _text_blocks(f),
    )
    if is_map:
        bounds = _geo_bounds(out)
        if bounds:
            centre, zoom = fit_zoom(bounds, width=f.plot_w, height=f.plot_h)
            out.update_layout(map={"center": centre, "zoom": zoom})
        out.update_layout(legend={"font": {"size": BODY_PX}, "title": {"font": {"size": BODY_PX + 1}}})
    else:
        grid = {"automargin": False, "gridcolor": "#DDDDDD", "linecolor": "#808080", "zerolinecolor": "#808080"}
        out.update_layout(plot_bgcolor="#FFFFFF", xaxis=grid, yaxis=grid)
    return out


def fitted(
    fig: go.Figure,
    width: int,
    height: int,
    *,
    legend_below: int = 0,
    legend_columns: int = 2,
    bounds: tuple[float, float, float, float] | None = None,
) -> go.Figure:
    """A copy with no title or margins, a map's zoom refitted to ``width`` x ``height`` (for briefings).

    ``legend_below`` reserves that many pixels under the plot for a horizontal legend, so the
    legend never covers the areas; ``legend_columns`` sets how many entries share a row (one, when the
    labels are too long for half the width). ``bounds`` (lon/lat box) overrides the box of all the areas.
    """
    out = go.Figure(copy.deepcopy(fig.to_dict()))
    out.update_layout(
        width=width,
        height=height,
        autosize=False,
        title={"text": ""},
        margin={"l": 0, "r": 0, "t": 0, "b": legend_below},
        paper_bgcolor="#FFFFFF",
    )
    if legend_below:
        out.update_layout(
            legend={
                "orientation": "h",
                "x": 0,
                "y": -0.01,
                "xanchor": "left",
                "yanchor": "top",
                "bgcolor": "rgba(255,255,255,0)",
                "borderwidth": 0,
                "entrywidth": 1 / legend_columns,
                "entrywidthmode": "fraction",
                "title": {"side": "top"},
            }
        )
    bounds = bounds or _geo_bounds(out)
    if bounds:
        centre, zoom = fit_zoom(bounds, width=width, height=height - legend_below)
        out.update_layout(map={"center": centre, "zoom": zoom})
    return out
