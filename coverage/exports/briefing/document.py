"""A one-click PDF briefing on one area, for a commissioner to attach to a paper: the document as a whole.

Laid out with reportlab's platypus (flowing paragraphs and tables on A4), because a briefing
must paginate, wrap long team names and embed images reliably, which hand-placed text would
not. This module assembles the sections (``sections``) around the two images (``figures``),
puts the source line and assumptions in every page's footer, and runs batches: the images of
the next area render in the browser while this area's PDF is laid out.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer

from coverage.exports import images
from coverage.exports.briefing import sections
from coverage.exports.briefing.figures import CHART_H, LOCATOR_W, comparison_chart, locator_map
from coverage.exports.briefing.typeset import FOOTER_H, MARGIN, PAGE_W, Styles, escape, fonts
from coverage.exports.provenance import PRODUCT, Provenance, date_text, provenance
from coverage.model import costs, gaps
from coverage.model.assumptions import Assumptions
from coverage.model.atlas import Atlas
from coverage.model.levels import LEVELS
from coverage.model.profile import comparison, teams_serving

logger = logging.getLogger(__name__)


@dataclass
class BriefingContext:
    """What a batch of briefings shares: the atlas, assumptions, tables per level, one warm renderer."""

    atlas: Atlas
    assumptions: Assumptions
    today: dt.date | None = None
    renderer: images.Renderer | None = None
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    one_page: bool = False  # page one alone (what a board paper wants); the teams, method and sources left out

    def table(self, level: str) -> pd.DataFrame:
        """The area table at a level, computed once per batch."""
        if level not in self.tables:
            self.tables[level] = gaps.area_table(self.atlas, level, self.assumptions)
        return self.tables[level]


def _footer(prov: Provenance, styles: Styles):
    """The page callback that draws the source line, the assumptions and the page number on every page."""

    def draw(canvas, doc):
        canvas.saveState()
        width = PAGE_W - 2 * MARGIN
        canvas.setStrokeColor(colors.HexColor("#BBBBBB"))
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, FOOTER_H + 2 * mm, PAGE_W - MARGIN, FOOTER_H + 2 * mm)
        body = (
            f"{escape(prov.source)} {escape(prov.os_line)}<br/>"
            f"Assumptions: {escape(prov.assumptions)}<br/>"
            f"{escape(prov.title)}. Made {date_text(prov.date)} with the {PRODUCT}. Page {doc.page}."
        )
        p = Paragraph(body, styles["footer"])
        _, h = p.wrap(width, FOOTER_H)
        p.drawOn(canvas, MARGIN, FOOTER_H - h + 0.5 * mm)
        canvas.restoreState()

    return draw


@dataclass
class Prepared:
    """One briefing's data, with its two images already rendering (so a batch can overlap them)."""

    level: str
    code: str
    row: pd.Series
    comp: pd.DataFrame
    figures: dict  # name -> (figure, width, height)
    futures: dict  # name -> Future of PNG bytes


IMAGE_SCALE = 2


def prepare(ctx: BriefingContext, level: str, code: str) -> Prepared:
    """Look the area up and start rendering its map and chart."""
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; choose one of {', '.join(LEVELS)}")
    table = ctx.table(level)
    match = table[table["area_code"] == code]
    if match.empty:
        raise ValueError(f"no area {code!r} at level {level} ({LEVELS[level].label.lower()})")
    comp = comparison(ctx.atlas, level, code, ctx.assumptions)
    locator = locator_map(ctx.atlas, level, code, table)
    figures = {
        "map": (locator, LOCATOR_W, int(locator.layout.height)),
        "chart": (comparison_chart(comp, ctx.assumptions.target_reach), 1000, CHART_H(len(comp))),
    }
    renderer = ctx.renderer or images.shared_renderer()
    futures = {}
    for name, (fig, w, h) in figures.items():
        try:
            futures[name] = renderer.submit(fig, width=w, height=h, scale=IMAGE_SCALE)
        except images.RendererError:
            raise
        except RuntimeError:  # the browser's loop already stopped: rendered again, with a restart, for the PDF
            logger.info("could not queue the %s image for %s; it will be rendered when the PDF is built", name, code)
            futures[name] = None
    return Prepared(level, code, match.iloc[0], comp, figures, futures)


def _png(ctx: BriefingContext, prepared: Prepared, name: str) -> bytes:
    """A prepared image's PNG: the queued render's result, or a fresh render if the queued one failed."""
    fig, w, h = prepared.figures[name]
    future = prepared.futures.get(name)
    if future is not None:
        try:
            return future.result(timeout=120)
        except images.render_failures():  # fall back to a synchronous render, which restarts a dead browser
            logger.info("queued %s image failed; rendering it again", name, exc_info=True)
    return (ctx.renderer or images.shared_renderer()).render(fig, width=w, height=h, scale=IMAGE_SCALE)


def briefing_pdf(ctx: BriefingContext, level: str, code: str, prepared: Prepared | None = None) -> bytes:
    """The PDF briefing for one area (``level`` + ``code``): page one, then (unless one page) the appendix."""
    p = prepared or prepare(ctx, level, code)
    row, comp = p.row, p.comp
    a = ctx.assumptions
    st = Styles(*fonts())
    name = str(row["area_name"])
    prov = provenance(
        f"Area briefing: {name}",
        a,
        ctx.atlas.manifest,
        today=ctx.today,
        what=f"Parent-infant relationship team coverage in {name}",
    )
    content_w = PAGE_W - 2 * MARGIN
    cost = costs.cost_to_close(row.to_frame().T, a)
    story = sections.title_block(row, level, code, prov, st) + sections.cost_line(cost, ctx.one_page, st)
    story += sections.key_figures_block(row, level, a, cost, _png(ctx, p, "map"), content_w, st)
    compares = sections.comparison_block(comp, _png(ctx, p, "chart"), a.target_reach, content_w, st)
    if ctx.one_page:
        # The chart carries the comparison; the footer carries sources and assumptions; the rest is the appendix
        # of the full briefing, so page one stands alone.
        compares.append(Paragraph(ONE_PAGE_NOTE, st["small"]))
        return _build(story + [KeepTogether(compares)], prov, st, a, code, level)
    # The chart stays on page one with its heading and note; its table of figures may start the next page.
    story += [KeepTogether(compares), Spacer(1, 2 * mm), sections.comparison_table(comp, content_w, st)]
    story += sections.teams_block(teams_serving(ctx.atlas, level, code, a), prov, content_w, st)
    story += sections.method_block(a, cost, st)
    story += sections.sources_block(ctx.atlas.manifest, prov, content_w, st)
    return _build(story, prov, st, a, code, level)


ONE_PAGE_NOTE = (
    "One-page briefing. The full briefing adds the teams serving the area, the method, what the cost rests on "
    "and every source: choose it on the area's profile, or leave out --one-page on the command line."
)


def _build(story: list, prov: Provenance, st: Styles, a: Assumptions, code: str, level: str) -> bytes:
    """The PDF from its story, with the footer (sources, assumptions, page) on every page."""
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=FOOTER_H + 5 * mm,
        title=prov.title,
        author=PRODUCT,
        subject=f"Assumptions: {a.describe()}",
        creator=PRODUCT,
        keywords=["parent-infant", "coverage", code, level],
    )
    footer = _footer(prov, st)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buf.getvalue()


def briefing_export(
    atlas: Atlas,
    level: str,
    code: str,
    assumptions: Assumptions,
    *,
    today=None,
    renderer: images.Renderer | None = None,
    one_page: bool = False,
) -> bytes:
    """One area's PDF briefing as bytes (what a page's download button needs); ``one_page`` keeps page one only."""
    ctx = BriefingContext(atlas, assumptions, today=today, renderer=renderer, one_page=one_page)
    return briefing_pdf(ctx, level, code)


def briefing_filename(row_name: str, code: str) -> str:
    """The PDF's file name: the area code (unique) and a slug of its name (readable in a folder)."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", row_name).strip("-").lower() or "area"
    return f"{code}-{slug}.pdf"


def briefings(
    ctx: BriefingContext, level: str, out_dir: Path, codes: list[str] | None = None, progress=None
) -> list[Path]:
    """One PDF per area at the level into ``out_dir`` (all areas, or ``codes``); ``progress(1)`` after each.

    The next area's images render while this area's PDF is laid out.
    """
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; choose one of {', '.join(LEVELS)}")
    table = ctx.table(level)
    if codes is not None:
        unknown = sorted(set(codes) - set(table["area_code"]))
        if unknown:
            raise ValueError(f"not {LEVELS[level].label.lower()} codes: {', '.join(unknown)}")
        table = table[table["area_code"].isin(codes)]
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rows = list(table.sort_values("area_code").itertuples())
    written = []
    pending = prepare(ctx, level, rows[0].area_code) if rows else None
    for i, r in enumerate(rows):
        current = pending
        pending = prepare(ctx, level, rows[i + 1].area_code) if i + 1 < len(rows) else None
        path = out_dir / briefing_filename(r.area_name, r.area_code)
        path.write_bytes(briefing_pdf(ctx, level, r.area_code, current))
        written.append(path)
        if progress:
            progress(1)
    return written
