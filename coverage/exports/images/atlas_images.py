"""The atlas's maps and charts as PNG or SVG with their provenance: what the download buttons call.

Each function builds the page's own figure (``coverage.present.figures``), names it
(``titles``), decorates it with its provenance (``decoration``) and renders it in the warm
browser (``renderer``), so an exported image shows exactly what the page shows, and says so.
"""

from __future__ import annotations

import plotly.graph_objects as go

from coverage.exports.images.decoration import SIZES, ImageSize, decorate
from coverage.exports.images.renderer import Renderer, shared_renderer
from coverage.exports.images.titles import chart_title, map_title, place
from coverage.exports.provenance import CORE_TOPICS, provenance
from coverage.model.gaps import area_table, summary
from coverage.model.ranking import references
from coverage.present.area_bars import bar_chart
from coverage.present.figures import choropleth
from coverage.present.metrics import METRICS, format_value

DEPRIVATION_TOPIC = ("deprivation indices (MHCLG, WG, SG, NISRA)",)


def _check(metric_key: str, size: str) -> None:
    """Refuse an unknown metric or size before any work, naming the choices."""
    if metric_key not in METRICS:
        raise ValueError(f"unknown metric {metric_key!r}; choose one of {', '.join(METRICS)}")
    if size not in SIZES:
        raise ValueError(f"unknown size {size!r}; choose one of {', '.join(SIZES)}")


def _topics(metric_key: str) -> tuple[str, ...]:
    """The sources an image of the metric rests on (the deprivation map adds the four indices)."""
    return CORE_TOPICS + (DEPRIVATION_TOPIC if metric_key == "deprivation" else ())


def figure_image(
    fig: go.Figure,
    *,
    fmt: str = "png",
    size: ImageSize | str = "social",
    title: str = "",
    subtitle: str = "",
    footer: str = "",
    renderer: Renderer | None = None,
) -> bytes:
    """Any atlas figure as PNG or SVG bytes, decorated when given a title."""
    size = SIZES[size] if isinstance(size, str) else size
    if title:
        fig = decorate(fig, title=title, subtitle=subtitle, footer=footer, size=size)
    return (renderer or shared_renderer()).render(fig, fmt=fmt, width=size.width, height=size.height, scale=size.scale)


def export_image(
    fig: go.Figure, prov, *, fmt: str = "png", size: ImageSize | str = "social", renderer: Renderer | None = None
) -> bytes:
    """A figure with its provenance baked in: title, assumptions as subtitle, source/licence/date footer."""
    return figure_image(
        fig, fmt=fmt, size=size, title=prov.title, subtitle=prov.subtitle, footer=prov.footer, renderer=renderer
    )


def titled_export(
    fig: go.Figure,
    title: str,
    atlas,
    assumptions,
    *,
    fmt: str = "png",
    size: str = "social",
    today=None,
    renderer: Renderer | None = None,
) -> bytes:
    """Any chart a page draws (Compare's side by side, the profile's comparison) as an image with its
    provenance: the title given, the assumptions, and the sources' footer, as the map's download has."""
    if size not in SIZES:
        raise ValueError(f"unknown size {size!r}; choose one of {', '.join(SIZES)}")
    fig = go.Figure(fig).update_layout(title=None)  # the export's own title replaces the page's
    prov = provenance(title, assumptions, atlas.manifest, today=today)
    return export_image(fig, prov, fmt=fmt, size=size, renderer=renderer)


def map_export(
    atlas,
    level: str,
    metric_key: str,
    assumptions,
    *,
    fmt: str = "png",
    size: str = "social",
    highlight: str = "",
    table=None,
    today=None,
    renderer: Renderer | None = None,
    where: str = "",
) -> bytes:
    """The classed map of a metric at a level, as PNG or SVG bytes with its provenance.

    The title names the nation when the table holds one (the Wales map says "Wales"), or ``where``.
    """
    _check(metric_key, size)
    table = area_table(atlas, level, assumptions) if table is None else table
    topics = _topics(metric_key)
    title = map_title(metric_key, level, where or place(table, level))
    prov = provenance(title, assumptions, atlas.manifest, today=today, topics=topics)
    fig = choropleth(atlas.boundaries(level), table, metric_key, highlight=highlight, present_only=True)
    return export_image(fig, prov, fmt=fmt, size=size, renderer=renderer)


def chart_export(
    atlas,
    level: str,
    metric_key: str,
    assumptions,
    *,
    fmt: str = "png",
    size: str = "social",
    top: int = 15,
    highlight: str = "",
    table=None,
    today=None,
    renderer: Renderer | None = None,
    where: str = "",
) -> bytes:
    """Bars of a metric for the ``top`` areas with the highest values, as PNG or SVG bytes with provenance.

    The title names the nation (or ``where``) and says so when every area has the same value.
    """
    _check(metric_key, size)
    if not 1 <= top <= 60:
        raise ValueError("top must be from 1 to 60 areas (more would not be readable)")
    metric = METRICS[metric_key]
    table = area_table(atlas, level, assumptions) if table is None else table
    known = table.dropna(subset=[metric.column])
    chosen = known.sort_values([metric.column, "area_name"], ascending=[False, True]).head(top)
    topics = _topics(metric_key)
    values = known[metric.column].astype(float)
    same = format_value(values.iloc[0], metric.fmt) if len(values) > 1 and values.nunique() == 1 else ""
    title = chart_title(metric.label, level, len(chosen), len(known), where or place(table, level), same)
    prov = provenance(title, assumptions, atlas.manifest, today=today, topics=topics)
    nations = sorted(chosen["nation"].unique()) if chosen["nation"].nunique() == 1 else []
    refs = references(summary(atlas, assumptions), metric.column, nations) if metric.is_rate else []
    fig = bar_chart(chosen, metric_key, highlight=highlight, references=refs)
    return export_image(fig, prov, fmt=fmt, size=size, renderer=renderer)
