"""A one-click PDF briefing on one area, for a commissioner to attach to a paper.

Laid out with reportlab's platypus (flowing paragraphs and tables on A4), because a briefing
must paginate, wrap long team names and embed images reliably, which hand-placed text would
not. It holds: the area's key figures with their low-central-high bands, a locator map and a
comparison chart (PNG from ``images``), the teams serving it, a method note, the sources and
attribution; every page's footer carries the source line and the assumptions.

Everything from the data (area and team names, URLs) is escaped before it reaches
reportlab's Paragraph markup, which parses XML-like tags, and formula-like text is
neutralised, so a team named ``=HYPERLINK(...)`` prints as inert text.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd
import plotly.graph_objects as go
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Image, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from coverage.exports import images
from coverage.exports.provenance import PRODUCT, Provenance, attribution, date_text, provenance, sources
from coverage.exports.safety import neutralise
from coverage.model import costs, gaps
from coverage.model.assumptions import COST_PER_TEAM_YEAR, Assumptions
from coverage.model.atlas import Atlas
from coverage.model.directory import KIND_LABELS, STATUS_WORDS, URL
from coverage.model.evidence_age import WINDOW_WORDS, age_words, window_start
from coverage.model.levels import ATOM_COLUMN, LEVELS
from coverage.model.profile import comparison, teams_serving
from coverage.model.values import missing
from coverage.present import formats
from coverage.present.chart_style import FONT
from coverage.present.figures import choropleth
from coverage.present.metrics import format_value
from coverage.present.text import markup as escape  # the app-wide rule, for reportlab paragraphs

logger = logging.getLogger(__name__)

PAGE_W, PAGE_H = A4
MARGIN = 16 * mm
FOOTER_H = 24 * mm

# Okabe-Ito blue for the area, sky blue for what it is compared with: safe for colour-blind readers.
AREA_COLOUR = "#0072B2"
COMPARATOR_COLOUR = "#56B4E9"

# Liberation Sans (metric twin of Arial, Debian fonts-liberation) or DejaVu Sans carry Welsh
# and Irish accents that reportlab's built-in Helvetica lacks; Helvetica is the last resort.
FONT_FILES = (
    (
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    ),
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
)
_fonts: tuple[str, str] | None = None


def fonts() -> tuple[str, str]:
    """(regular, bold) font names registered with reportlab, once per process."""
    global _fonts
    if _fonts is None:
        _fonts = ("Helvetica", "Helvetica-Bold")
        for regular, bold in FONT_FILES:
            if Path(regular).is_file() and Path(bold).is_file():
                pdfmetrics.registerFont(TTFont("AtlasSans", regular))
                pdfmetrics.registerFont(TTFont("AtlasSans-Bold", bold))
                pdfmetrics.registerFontFamily(
                    "AtlasSans",
                    normal="AtlasSans",
                    bold="AtlasSans-Bold",
                    italic="AtlasSans",
                    boldItalic="AtlasSans-Bold",
                )
                _fonts = ("AtlasSans", "AtlasSans-Bold")
                break
    return _fonts


def text(value) -> str:
    """Data text made safe for Paragraph markup and for pasting into a spreadsheet."""
    return escape(str(neutralise("" if missing(value) else str(value))))


def band(low, high, fmt: str) -> str:
    return f"{format_value(low, fmt)} to {format_value(high, fmt)}"


@dataclass
class Styles:
    regular: str
    bold: str
    s: dict = field(default_factory=dict)

    def __post_init__(self):
        base = dict(
            fontName=self.regular, fontSize=9.5, leading=12.5, textColor=colors.HexColor("#1A1A1A"), alignment=TA_LEFT
        )
        self.s = {
            "body": ParagraphStyle("body", **base),
            "small": ParagraphStyle("small", **{**base, "fontSize": 8, "leading": 10}),
            "cell": ParagraphStyle("cell", **{**base, "fontSize": 8.5, "leading": 10.5}),
            "tiny": ParagraphStyle("tiny", **{**base, "fontSize": 7.3, "leading": 8.8}),
            "tinyb": ParagraphStyle("tinyb", **{**base, "fontName": self.bold, "fontSize": 7.3, "leading": 8.8}),
            "cellb": ParagraphStyle("cellb", **{**base, "fontName": self.bold, "fontSize": 8.5, "leading": 10.5}),
            "kicker": ParagraphStyle("kicker", **{**base, "fontSize": 9, "textColor": colors.HexColor("#404040")}),
            "h1": ParagraphStyle(
                "h1", **{**base, "fontName": self.bold, "fontSize": 21, "leading": 25, "spaceAfter": 2}
            ),
            "h2": ParagraphStyle(
                "h2",
                **{
                    **base,
                    "fontName": self.bold,
                    "fontSize": 12.5,
                    "leading": 16,
                    "spaceBefore": 9,
                    "spaceAfter": 4,
                    "textColor": colors.HexColor("#08306B"),
                    "keepWithNext": 1,
                },
            ),
            "lead": ParagraphStyle("lead", **{**base, "fontSize": 11, "leading": 14.5, "spaceBefore": 4}),
            "footer": ParagraphStyle(
                "footer", **{**base, "fontSize": 6.8, "leading": 8.3, "textColor": colors.HexColor("#404040")}
            ),
        }

    def __getitem__(self, key: str) -> ParagraphStyle:
        return self.s[key]


def _table(rows, widths, styles: Styles, header: bool = True, zebra: bool = True) -> Table:
    t = Table(rows, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, -1), (-1, -1), 0.5, colors.HexColor("#BBBBBB")),
    ]
    if header:
        style += [
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DEEBF7")),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.HexColor("#6BAED6")),
        ]
    if zebra:
        for i in range(1 if header else 0, len(rows)):
            if i % 2 == 0:
                style.append(("BACKGROUND", (0, i), (-1, i), colors.HexColor("#F5F8FC")))
    t.setStyle(TableStyle(style))
    return t


# --- figures -----------------------------------------------------------------------------------------------------


def key_figures(
    row: pd.Series, assumptions: Assumptions, cost: costs.CostToClose | None = None
) -> list[tuple[str, str, str]]:
    """(figure, central, band) rows, formatted as the dashboard formats them."""
    target = formats.percent(assumptions.target_reach, trim=True)
    rows = [
        ("Babies in the 1001 days", format_value(row["population_1001"], "int"), ""),
        ("Births a year", format_value(row["annual_births"], "int"), ""),
        (
            "Need (families a year)",
            format_value(row["need_per_year"], "int"),
            band(row["need_low"], row["need_high"], "int"),
        ),
        ("Listed teams serving the area", f"{int(row['teams'])}", ""),
        (
            "Capacity (families a year)",
            format_value(row["capacity_per_year"], "int"),
            band(row["capacity_low"], row["capacity_high"], "int"),
        ),
        (
            "Reach of listed teams (capacity / need)",
            format_value(row["reach"], "pct"),
            band(row["reach_low"], row["reach_high"], "pct")
            + ("; a lower bound: more teams reported" if row.get("reach_lower_bound", False) else ""),
        ),
        ("Unmet need (families a year)", format_value(row["unmet_need_per_year"], "int"), ""),
        (
            f"Extra teams to reach {target} of need",
            f"{int(row['teams_needed'])}",
            "" if cost is None else f"{cost.teams_low:,} to {cost.teams_high:,}",
        ),
        ("Teams per 10,000 births", format_value(row["teams_per_10k_births"], "dec"), ""),
        ("What the directory shows", str(row.get("evidence", "")), ""),
        ("Status", str(row["status"]), status_note(row)),
    ]
    if "dep_share" in row and pd.notna(row.get("dep_share")):
        label = f"Deprivation ({row.get('dep_index') or 'index'})"
        rows.append((label, format_value(row["dep_share"], "pct"), "in the nation's most deprived 10%"))
    return rows


def status_note(row: pd.Series) -> str:
    """Beside the status: why the services listed here do not count (the lead sentence says it in full)."""
    reasons = row.get("uncounted_reasons", "")
    return f"listed, not counted: {reasons}" if reasons and int(row["teams"]) == 0 else ""


def what_it_is(team) -> str:
    """A listed team's kind and whether it runs, in words (the briefing's readers do not know the codes)."""
    kind = KIND_LABELS.get(team.kind, team.kind)
    return f"{kind}; {STATUS_WORDS.get(team.status, team.status)}"


def team_cells(teams: pd.DataFrame, recent_from: int) -> list[tuple[str, ...]]:
    """The briefing's team table in words, one tuple per team (the source link is added as a link):
    name, run by, what it is, evidence, counted, families a year here."""
    out = []
    for t in teams.itertuples():
        share = f" ({format_value(t.share_in_area, 'pct')} of the team)" if t.share_in_area < 0.999 else ""
        out.append(
            (
                t.name,
                t.host_organisation,
                what_it_is(t),
                age_words(t.evidence_year, recent_from),
                "yes" if t.counted else f"no: {t.why_not_counted}",
                format_value(t.families_in_area, "int") + share,
            )
        )
    return out


def lead_sentence(row: pd.Series) -> str:
    name = text(row["area_name"])
    need_band = band(row["need_low"], row["need_high"], "int")
    need = f"<b>{format_value(row['need_per_year'], 'int')}</b> families a year (band {need_band})"
    if int(row["teams"]) == 0:
        reported = (
            " A source reports a team here that the directory does not list (<b>team reported, not listed</b>)."
            if row.get("team_reported", False)
            else " The directory is partial, so a team may exist that it does not list."
        )
        listed = row.get("listed_not_counted", "")
        state = (
            f"<b>No counted team</b>: {text(listed)} (see the teams below)."
            if listed
            else "<b>No team listed</b>: the directory counts none as serving the area."
        )
        return f"An estimated {need} in {name} need a specialised parent-infant relationship team. {state}{reported}"
    teams = f"{int(row['teams'])} listed team{'s' if int(row['teams']) != 1 else ''}"
    return (
        f"An estimated {need} in {name} need a specialised parent-infant relationship team. "
        f"The {teams} serving it can see about <b>{format_value(row['capacity_per_year'], 'int')}</b> a year: "
        f"a reach of <b>{format_value(row['reach'], 'pct')}</b> ({band(row['reach_low'], row['reach_high'], 'pct')})."
    )


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
    shown = formats.percent(target, trim=True)
    if target_drawn(comp, target):
        return f"The dashed orange line marks the target reach ({shown} of need)."
    return f"The target reach ({shown} of need) is far beyond these figures, so it is not drawn."


def comparison_chart(comp: pd.DataFrame, target: float) -> go.Figure:
    """Reach of the area beside its region, nation and the UK, with each band as an error bar."""
    c = comp.iloc[::-1].reset_index(drop=True)  # the area at the top
    labels = [f"{s}: {n}" if s != "UK" else "United Kingdom" for s, n in zip(c["scope"], c["area_name"])]
    lines = [images.wrap(label, CHART_FONT_PX, CHART_LABEL_MAX_PX, CHART_LABEL_EM) for label in labels]
    labels = ["<br>".join(escape(line) for line in label_lines) for label_lines in lines]
    widest = max(len(line) for label_lines in lines for line in label_lines)
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


# --- document ----------------------------------------------------------------------------------------------------


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
        if level not in self.tables:
            self.tables[level] = gaps.area_table(self.atlas, level, self.assumptions)
        return self.tables[level]


def _footer(prov: Provenance, styles: Styles):
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
    fig, w, h = prepared.figures[name]
    future = prepared.futures.get(name)
    if future is not None:
        try:
            return future.result(timeout=120)
        except images.render_failures():  # fall back to a synchronous render, which restarts a dead browser
            logger.info("queued %s image failed; rendering it again", name, exc_info=True)
    return (ctx.renderer or images.shared_renderer()).render(fig, width=w, height=h, scale=IMAGE_SCALE)


def briefing_pdf(ctx: BriefingContext, level: str, code: str, prepared: Prepared | None = None) -> bytes:
    """The PDF briefing for one area (``level`` + ``code``)."""
    p = prepared or prepare(ctx, level, code)
    row, comp = p.row, p.comp
    a = ctx.assumptions
    regular, bold = fonts()
    st = Styles(regular, bold)
    name = str(row["area_name"])
    prov = provenance(
        f"Area briefing: {name}",
        a,
        ctx.atlas.manifest,
        today=ctx.today,
        what=f"Parent-infant relationship team coverage in {name}",
    )
    content_w = PAGE_W - 2 * MARGIN

    story = [
        Paragraph(f"{PRODUCT.upper()} &#183; AREA BRIEFING &#183; {date_text(prov.date).upper()}", st["kicker"]),
        Paragraph(text(name), st["h1"]),
        Paragraph(f"{text(LEVELS[level].label)} &#183; {text(row['nation'])} &#183; {text(code)}", st["kicker"]),
        Paragraph(lead_sentence(row), st["lead"]),
        Spacer(1, 3 * mm),
    ]

    # What closing the gap would take: teams and their yearly cost, with what the cost rests on.
    cost = costs.cost_to_close(row.to_frame().T, a)
    where_sources = "sources in the full briefing" if ctx.one_page else "sources under Method"
    story += [
        Paragraph(f"<b>What it would take:</b> {escape(costs.short(cost))} ({where_sources}).", st["body"]),
    ]

    # Key figures beside the locator map.
    fig_rows = [[Paragraph(h, st["cellb"]) for h in ("Figure", "Central", "Band (low to high)")]]
    for label, central, rng in key_figures(row, a, cost):
        fig_rows.append(
            [
                Paragraph(text(label), st["cell"]),
                Paragraph(f"<b>{text(central)}</b>", st["cell"]),
                Paragraph(text(rng), st["cell"]),
            ]
        )
    left_w = content_w * 0.56
    figures_table = _table(fig_rows, [left_w * 0.47, left_w * 0.2, left_w * 0.33], st)
    map_w = content_w - left_w - 4 * mm
    map_png = _png(ctx, p, "map")
    png_w, png_h = ImageReader(io.BytesIO(map_png)).getSize()
    map_img = Image(io.BytesIO(map_png), width=map_w, height=map_w * png_h / png_w)
    caption = Paragraph(
        f"Reach in {text(name)} (outlined in black) and the {text(LEVELS[level].plural)} around it.", st["small"]
    )
    layout = Table([[figures_table, [map_img, caption]]], colWidths=[left_w + 4 * mm, map_w], hAlign="LEFT")
    layout.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    story += [Paragraph("Key figures", st["h2"]), layout]

    # Comparison.
    chart_png = _png(ctx, p, "chart")
    chart_h = content_w * CHART_H(len(comp)) / 1000
    comp_rows = [[Paragraph(h, st["cellb"]) for h in ("Compared with", "Need a year", "Teams", "Reach", "Reach band")]]
    for r in comp.itertuples():
        scope = "This area" if r.scope == "This area" else r.scope
        comp_rows.append(
            [
                Paragraph(f"{text(scope)}: {text(r.area_name)}", st["cell"]),
                Paragraph(format_value(r.need_per_year, "int"), st["cell"]),
                Paragraph(f"{int(r.teams)}", st["cell"]),
                Paragraph(format_value(r.reach, "pct"), st["cell"]),
                Paragraph(band(r.reach_low, r.reach_high, "pct"), st["cell"]),
            ]
        )
    compares = [
        Paragraph("How it compares", st["h2"]),
        Image(io.BytesIO(chart_png), width=content_w, height=chart_h),
        Paragraph(target_note(comp, a.target_reach), st["small"]),
    ]
    if ctx.one_page:
        # The chart carries the comparison; the footer carries sources and assumptions; the rest is the appendix
        # of the full briefing, so page one stands alone.
        compares.append(Paragraph(ONE_PAGE_NOTE, st["small"]))
        return _build(story + [KeepTogether(compares)], prov, st, a, code, level)
    # The chart stays on page one with its heading and note; its table of figures may start the next page.
    story += [
        KeepTogether(compares),
        Spacer(1, 2 * mm),
        _table(comp_rows, [content_w * w for w in (0.40, 0.15, 0.1, 0.12, 0.23)], st),
    ]

    # Teams.
    teams = teams_serving(ctx.atlas, level, code, a)
    story.append(Paragraph("APPENDIX &#183; THE DETAIL BEHIND PAGE ONE", st["kicker"]))
    story.append(Paragraph("Teams serving the area", st["h2"]))
    if teams.empty:
        story.append(Paragraph("No team listed: the directory has none serving any part of this area.", st["body"]))
    else:
        recent_from = window_start(prov.date)
        heads = ("Team", "Run by", "What it is", "Evidence", "Counted", "Families a year here", "Source")
        rows = [[Paragraph(h, st["cellb"]) for h in heads]]
        for t, words in zip(teams.itertuples(), team_cells(teams, recent_from)):
            url = (t.source_url or t.website or "").strip()
            source = (
                f'<link href="{escape(url)}" color="#08519C">{text(urlparse(url).netloc.removeprefix("www."))}</link>'
                if URL.match(url)
                else ""
            )
            cells = [f"<b>{text(words[0])}</b>", *(text(w) for w in words[1:])]
            rows.append([Paragraph(c, st["cell"]) for c in cells] + [Paragraph(source, st["cell"])])
        story.append(_table(rows, [content_w * w for w in (0.24, 0.13, 0.14, 0.11, 0.12, 0.11, 0.15)], st))
        story.append(
            Paragraph(
                "A team's own families-a-year figure is used where published; otherwise the assumed "
                "figure per team. A team serving several areas is shared between them by births. Evidence is "
                f"the latest year a dated source shows the team working; older than {recent_from} is older "
                f"than {WINDOW_WORDS}, so its listing needs confirming.",
                st["small"],
            )
        )

    # Method, assumptions, sources.
    story += [
        Paragraph("Method", st["h2"]),
        Paragraph(
            "<b>Need</b> is births a year times the share of babies estimated to need a specialised "
            "parent-infant relationship team (prevalence). <b>Capacity</b> is the families a year the teams "
            "serving the area can see. <b>Reach</b> is capacity divided by need; <b>unmet need</b> is need "
            "less capacity. Each figure has a <b>band</b>: need from the low and high prevalence, capacity from "
            "the low and high families-per-team figure, reach from the low capacity over the high need and "
            "the reverse. The team directory is partial and built from public sources, so a missing team "
            "means none is listed, not that none exists.",
            st["body"],
        ),
        Spacer(1, 2 * mm),
        Paragraph(f"<b>Assumptions:</b> {escape(a.describe())}", st["body"]),
        Paragraph(escape(costs.rests_on(cost)), st["small"]),
        Paragraph(
            "<b>Sources of the cost per team:</b> "
            + "; ".join(f"{k}, {escape(v.source)}" for k, v in COST_PER_TEAM_YEAR.items())
            + ".",
            st["small"],
        ),
        Paragraph("Sources", st["h2"]),
    ]
    src_rows = [[Paragraph(h, st["tinyb"]) for h in ("Source", "Publisher", "Vintage", "Licence")]]
    for s in sources(ctx.atlas.manifest):
        src_rows.append(
            [
                Paragraph(text(s["title"]), st["tiny"]),
                Paragraph(text(s["publisher"]), st["tiny"]),
                Paragraph(text(s["vintage"]), st["tiny"]),
                Paragraph(text(s["licence"]), st["tiny"]),
            ]
        )
    if len(src_rows) > 1:
        story.append(_table(src_rows, [content_w * w for w in (0.44, 0.24, 0.18, 0.14)], st))
    story.append(Spacer(1, 2 * mm))
    for line in attribution(ctx.atlas.manifest) or [prov.source]:
        story.append(Paragraph(text(line), st["tiny"]))

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
