"""Charts and maps as PNG and SVG, rendered on the server by kaleido driving Chromium.

Why this shape:

- **One warm browser.** Starting Chromium costs seconds; rendering a chart in a warm one
  costs a fraction of that. ``Renderer`` keeps one headless Chromium (a ``kaleido.Kaleido``)
  open on a private event-loop thread and is safe to call from many threads at once (each
  Streamlit session runs in its own), unlike kaleido's global sync server, which shares one
  result queue between callers. ``shared_renderer()`` hands out one per process, started on
  first use and stopped at exit; a crashed browser is restarted once, transparently.
- **Offline.** Kaleido is pointed at Debian's Chromium (``/usr/bin/chromium``, or
  ``BROWSER_PATH``), uses the plotly.js that ships with plotly.py, and MathJax is switched
  off (its default is a CDN). Maps use ``coverage.present.figures``' blank ``white-bg`` MapLibre
  style, which needs no tiles, glyphs or sprites, so they render with no network at all.
- **Self-describing images.** ``decorate`` bakes the title, the assumptions (subtitle), and
  the source, licence and date (footer) into the figure's margins, so an image posted on
  its own still says what it rests on. Sizes are fixed for where images go: ``social``
  (1080 x 1080), ``wide`` (1200 x 675, link previews and slides) and ``print`` (2480 x 1754
  pixels, A4 landscape at about 210 dpi), with type sized to read at 1080 px wide.
- Colours are the metrics' ColorBrewer ramps with the Okabe-Ito vermillion, safe for common
  colour-vision deficiencies (see ``coverage.present.metrics``).
"""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import copy
import functools
import logging
import math
import os
import shutil
import textwrap
import threading
from dataclasses import dataclass
from pathlib import Path

import plotly.graph_objects as go

from coverage.present.chart_style import FONT
from coverage.present.figures import choropleth, esc, fit_zoom
from coverage.present.metrics import METRICS, format_value

logger = logging.getLogger(__name__)

DEFAULT_BROWSERS = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FORMATS = ("png", "svg")


@dataclass(frozen=True)
class ImageSize:
    key: str
    width: int  # layout pixels
    height: int
    scale: float  # output pixels = layout pixels x scale
    label: str

    @property
    def pixels(self) -> tuple[int, int]:
        return round(self.width * self.scale), round(self.height * self.scale)


SIZES: dict[str, ImageSize] = {
    "social": ImageSize("social", 1080, 1080, 1, "Square, for social media (1080 x 1080)"),
    "wide": ImageSize("wide", 1200, 675, 1, "Wide, for link previews and slides (1200 x 675)"),
    "print": ImageSize("print", 1240, 877, 2, "Print, A4 landscape (2480 x 1754)"),
}


class RendererError(RuntimeError):
    """The browser could not be found, started, or could not render."""


@functools.cache
def render_failures() -> tuple[type[BaseException], ...]:
    """What a crashed, hung or missing browser raises through kaleido and choreographer.

    Their own errors derive from RuntimeError (browser closed or failed, JavaScript errors), OSError
    (closed channels), TimeoutError and ValueError/TypeError (malformed protocol replies), plus two
    that derive from Exception directly. Never BaseException: Ctrl-C and SystemExit must propagate.
    """
    failures: list[type[BaseException]] = [
        RuntimeError,
        OSError,
        TimeoutError,
        ValueError,
        TypeError,
        concurrent.futures.CancelledError,
    ]
    try:
        from choreographer.protocol import DevtoolsProtocolError
        from kaleido._kaleido_tab._errors import KaleidoError  # not exported by kaleido itself
    except ImportError:  # another kaleido version: its errors are RuntimeErrors there
        logger.debug("kaleido's error classes not found; relying on the built-in ones")
    else:
        failures += [DevtoolsProtocolError, KaleidoError]
    return tuple(failures)


def browser_path() -> str | None:
    """The Chromium to drive: ``BROWSER_PATH`` if set, else Debian's, else one on PATH."""
    env = os.environ.get("BROWSER_PATH")
    if env:
        return env if Path(env).is_file() else None
    for candidate in DEFAULT_BROWSERS:
        found = candidate if Path(candidate).is_file() else shutil.which(candidate)
        if found:
            return found
    return None


class Renderer:
    """One headless Chromium kept open for many renders; thread-safe; ``with`` closes it."""

    def __init__(self, path: str | None = None, *, timeout: float = 90, tabs: int = 1):
        self.path = path
        self.timeout = timeout
        self.tabs = tabs  # renders at once; a batch uses 2 so Python and Chromium overlap
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._kaleido = None
        self._lock = threading.RLock()  # guards start/stop, not renders
        self.renders = 0
        self.restarts = 0

    @property
    def running(self) -> bool:
        return self._kaleido is not None

    @property
    def browser_pid(self) -> int | None:
        """Process id of the running Chromium (for monitoring; None when stopped)."""
        proc = getattr(self._kaleido, "subprocess", None)
        return proc.pid if proc is not None else None

    def start(self) -> Renderer:
        self._current()
        return self

    def _current(self):
        """(kaleido, loop) of the running browser, starting one if there is none."""
        with self._lock:
            if self._kaleido is not None:
                return self._kaleido, self._loop
            path = self.path or browser_path()
            if not path:
                raise RendererError("no Chromium found: install Debian's chromium or set BROWSER_PATH")
            loop = asyncio.new_event_loop()
            thread = threading.Thread(target=loop.run_forever, name="atlas-renderer", daemon=True)
            thread.start()
            self._loop, self._thread = loop, thread
            started = False
            try:
                self._kaleido = self._call(loop, self._open(path), self.timeout)
                started = True
            except render_failures() as exc:
                logger.warning("could not start Chromium at %s", path, exc_info=True)
                raise RendererError(f"could not start Chromium at {path}: {exc}") from exc
            finally:
                if not started:  # failed, or Ctrl-C while starting: stop the loop; Ctrl-C still propagates
                    self._shutdown_loop()
            self.path = path
            return self._kaleido, self._loop

    async def _open(self, path: str):
        import kaleido

        k = kaleido.Kaleido(n=self.tabs, timeout=self.timeout, path=path, mathjax=False)
        await k.open()
        return k

    @staticmethod
    def _call(loop, coro, timeout: float):
        future = asyncio.run_coroutine_threadsafe(coro, loop)
        try:
            return future.result(timeout)
        except TimeoutError:
            future.cancel()
            raise

    def stop(self, only=None) -> None:
        """Close the browser (with ``only``: only if that is still the running one)."""
        with self._lock:
            if only is not None and only is not self._kaleido:
                return
            if self._kaleido is not None:
                try:
                    self._call(self._loop, self._kaleido.close(), 30)
                except render_failures():  # a dead browser cannot be closed; carry on
                    logger.debug("closing Chromium failed (already dead?)", exc_info=True)
                self._kaleido = None
            self._shutdown_loop()

    @staticmethod
    async def _cancel_pending() -> None:
        """Cancel what the browser library left running (its watchdog), so the loop closes quietly."""
        tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def _shutdown_loop(self) -> None:
        if self._loop is not None:
            if self._loop.is_running():
                try:
                    self._call(self._loop, self._cancel_pending(), 10)
                except render_failures():  # closing anyway
                    logger.debug("cancelling the renderer's pending tasks failed", exc_info=True)
            self._loop.call_soon_threadsafe(self._loop.stop)
            if self._thread is not None:
                self._thread.join(10)
            if not self._loop.is_running():
                self._loop.close()
        self._loop = self._thread = None

    def __enter__(self) -> Renderer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @staticmethod
    def _spec(fig, fmt: str, width: int, height: int, scale: float) -> tuple[dict, dict]:
        if fmt not in FORMATS:
            raise ValueError(f"unknown image format {fmt!r}; choose {' or '.join(FORMATS)}")
        spec = fig.to_dict() if hasattr(fig, "to_dict") else fig
        return spec, {"format": fmt, "width": width, "height": height, "scale": scale}

    def submit(
        self, fig: go.Figure | dict, *, fmt: str = "png", width: int = 1080, height: int = 1080, scale: float = 1
    ) -> concurrent.futures.Future:
        """Start a render and return at once; ``.result()`` gives the bytes (no restart on failure)."""
        spec, opts = self._spec(fig, fmt, width, height, scale)
        k, loop = self._current()
        return asyncio.run_coroutine_threadsafe(k.calc_fig(spec, opts=opts), loop)

    def render(
        self, fig: go.Figure | dict, *, fmt: str = "png", width: int = 1080, height: int = 1080, scale: float = 1
    ) -> bytes:
        """The figure as image bytes; starts the browser if needed, restarts it once if a render fails."""
        spec, opts = self._spec(fig, fmt, width, height, scale)
        for attempt in (1, 2):
            k, loop = self._current()
            try:
                data = self._call(loop, k.calc_fig(spec, opts=opts), self.timeout + 10)
            except render_failures() as exc:  # a crashed or hung browser: restart it once
                logger.warning("render failed (attempt %d of 2); restarting Chromium", attempt, exc_info=True)
                self.stop(only=k)
                if attempt == 2:
                    raise RendererError(f"rendering failed: {exc}") from exc
                self.restarts += 1
                continue
            self.renders += 1
            return data
        raise AssertionError("unreachable")


_shared: Renderer | None = None
_shared_lock = threading.Lock()


def shared_renderer() -> Renderer:
    """The process's one warm renderer (started on first render, stopped at exit)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Renderer()
            atexit.register(shutdown)
        return _shared


def shutdown() -> None:
    """Stop the shared renderer's browser (safe to call twice)."""
    global _shared
    with _shared_lock:
        if _shared is not None:
            _shared.stop()
            _shared = None


# --- decoration ------------------------------------------------------------------------------------------------

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
    labels = []
    for trace in fig.data:
        if trace.type == "bar" and getattr(trace, "orientation", None) == "h" and trace.y is not None:
            labels += [str(v) for v in trace.y]
    return labels


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
    text_w = size.width - 2 * PAD
    title_lines = wrap(title, TITLE_PX, text_w, BOLD_EM)
    sub_lines = wrap(subtitle, SUBTITLE_PX, text_w) if subtitle else []
    foot_lines = wrap(footer, FOOTER_PX, text_w) if footer else []
    title_h = len(title_lines) * TITLE_PX * 1.25
    sub_h = len(sub_lines) * SUBTITLE_PX * 1.4
    top = math.ceil(PAD * 0.75 + title_h + (8 + sub_h if sub_lines else 0) + 18)
    is_map = any(t.type in ("choroplethmap", "scattermap") for t in out.data)
    # Room between the plot area and the footer: tick labels, then the axis title, a line more for each
    # line of it (its second line, "lines: low to high band", once printed over the source line).
    axis_title = "" if is_map else str(out.layout.xaxis.title.text or "")
    below = 16 if is_map else AXIS_SPACE + 12 + math.ceil(axis_title.count("<br>") * BODY_PX * 1.35)
    if not is_map and out.layout.legend.orientation == "h":
        below += 2 * BODY_PX  # a legend laid out under the axis (the timeline's) keeps clear of the source line
    bottom = math.ceil(below + len(foot_lines) * FOOTER_PX * 1.45 + PAD * 0.6) if foot_lines else below + PAD // 2

    labels = _category_labels(out)
    left = PAD if is_map else PAD + (int(max(map(len, labels)) * BODY_PX * 0.55) + 12 if labels else 50)
    right = PAD if is_map else PAD + 40
    plot_w, plot_h = size.width - left - right, size.height - top - bottom

    def at_px(y_from_top: float) -> float:  # paper y of a point y px below the image's top
        return 1 + (top - y_from_top) / plot_h

    x0 = -(left - PAD) / plot_w
    notes = [
        dict(
            text="<b>" + "<br>".join(esc(line) for line in title_lines) + "</b>",
            x=x0,
            y=at_px(PAD * 0.75),
            font={"size": TITLE_PX, "color": "#1A1A1A"},
        )
    ]
    if sub_lines:
        notes.append(
            dict(
                text="<br>".join(esc(line) for line in sub_lines),
                x=x0,
                y=at_px(PAD * 0.75 + title_h + 8),
                font={"size": SUBTITLE_PX, "color": "#404040"},
            )
        )
    if foot_lines:
        notes.append(
            dict(
                text="<br>".join(esc(line) for line in foot_lines),
                x=x0,
                y=-below / plot_h,
                font={"size": FOOTER_PX, "color": "#404040"},
            )
        )
    annotations = [
        dict(n, xref="paper", yref="paper", xanchor="left", yanchor="top", align="left", showarrow=False) for n in notes
    ]
    out.update_layout(
        width=size.width,
        height=size.height,
        autosize=False,
        margin={"l": left, "r": right, "t": top, "b": bottom, "autoexpand": False},
        title={"text": ""},
        font={"family": FONT, "size": BODY_PX, "color": "#1A1A1A"},
        paper_bgcolor="#FFFFFF",
        annotations=list(out.layout.annotations or []) + annotations,
    )
    if is_map:
        bounds = _geo_bounds(out)
        if bounds:
            centre, zoom = fit_zoom(bounds, width=plot_w, height=plot_h)
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
    from coverage.exports.provenance import provenance

    if size not in SIZES:
        raise ValueError(f"unknown size {size!r}; choose one of {', '.join(SIZES)}")
    fig = go.Figure(fig).update_layout(title=None)  # the export's own title replaces the page's
    prov = provenance(title, assumptions, atlas.manifest, today=today)
    return export_image(fig, prov, fmt=fmt, size=size, renderer=renderer)


MAP_TITLES = {
    "reach": "Reach of parent-infant relationship teams",
    "unmet": "Unmet need for parent-infant relationship teams",
    "need": "Need for parent-infant relationship teams",
    "teams_per_10k": "Parent-infant relationship teams per 10,000 births",
    "deprivation": "Deprivation: share of small areas in the nation's most deprived 10%",
}


def map_title(metric_key: str, level: str, where: str = "") -> str:
    from coverage.model.levels import LEVELS

    what = MAP_TITLES.get(metric_key, METRICS[metric_key].label)
    return f"{what}, by {LEVELS[level].label.lower()}" + (f", {where}" if where else "")


def place(table, level: str) -> str:
    """Where a table's areas are, for a title: "Wales" when they are all in one nation, else ""."""
    nations = table["nation"].dropna().unique() if "nation" in table else []
    return str(nations[0]) if len(nations) == 1 and level != "nation" else ""


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
    from coverage.exports.provenance import CORE_TOPICS, provenance
    from coverage.model.gaps import area_table

    if metric_key not in METRICS:
        raise ValueError(f"unknown metric {metric_key!r}; choose one of {', '.join(METRICS)}")
    if size not in SIZES:
        raise ValueError(f"unknown size {size!r}; choose one of {', '.join(SIZES)}")
    table = area_table(atlas, level, assumptions) if table is None else table
    topics = CORE_TOPICS + (("deprivation indices (MHCLG, WG, SG, NISRA)",) if metric_key == "deprivation" else ())
    title = map_title(metric_key, level, where or place(table, level))
    prov = provenance(title, assumptions, atlas.manifest, today=today, topics=topics)
    fig = choropleth(atlas.boundaries(level), table, metric_key, highlight=highlight, present_only=True)
    return export_image(fig, prov, fmt=fmt, size=size, renderer=renderer)


def chart_title(label: str, level: str, shown: int, known: int, where: str = "", same: str = "") -> str:
    """What the chart shows, and only that: "Reach in all 12 regions shown, highest first", "Reach: the 15
    councils in Wales with the highest, of 22", or, when every area has the same value (``same``), "Reach is
    0% in all 22 councils in Wales" (a ranking of equal values is not a ranking)."""
    from coverage.model.levels import LEVELS

    plural = LEVELS[level].plural
    at = f" in {where}" if where else ""
    if same:
        return f"{label} is {same} in all {known} {plural}{at}" + (f" ({shown} shown)" if shown < known else "")
    if shown >= known:
        return f"{label} in all {shown} {plural}{at} shown, highest first"
    return f"{label}: the {shown} {plural}{at} with the highest, of {known}"


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
    from coverage.exports.provenance import CORE_TOPICS, provenance
    from coverage.model.gaps import area_table, summary
    from coverage.model.ranking import references
    from coverage.present.area_bars import bar_chart

    if metric_key not in METRICS:
        raise ValueError(f"unknown metric {metric_key!r}; choose one of {', '.join(METRICS)}")
    if size not in SIZES:
        raise ValueError(f"unknown size {size!r}; choose one of {', '.join(SIZES)}")
    if not 1 <= top <= 60:
        raise ValueError("top must be from 1 to 60 areas (more would not be readable)")
    metric = METRICS[metric_key]
    table = area_table(atlas, level, assumptions) if table is None else table
    known = table.dropna(subset=[metric.column])
    chosen = known.sort_values([metric.column, "area_name"], ascending=[False, True]).head(top)
    topics = CORE_TOPICS + (("deprivation indices (MHCLG, WG, SG, NISRA)",) if metric_key == "deprivation" else ())
    values = known[metric.column].astype(float)
    same = format_value(values.iloc[0], metric.fmt) if len(values) > 1 and values.nunique() == 1 else ""
    title = chart_title(metric.label, level, len(chosen), len(known), where or place(table, level), same)
    prov = provenance(title, assumptions, atlas.manifest, today=today, topics=topics)
    nations = sorted(chosen["nation"].unique()) if chosen["nation"].nunique() == 1 else []
    refs = references(summary(atlas, assumptions), metric.column, nations) if metric.is_rate else []
    fig = bar_chart(chosen, metric_key, highlight=highlight, references=refs)
    return export_image(fig, prov, fmt=fmt, size=size, renderer=renderer)
