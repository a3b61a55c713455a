"""The briefing's sections, each laid out as reportlab flowables: page one, then the appendix.

Page one is what a board paper needs (the area, what closing the gap would take, key figures
beside a locator map, and how the area compares); the appendix holds the detail behind it (the
teams serving the area, the method and assumptions, the sources). One function a section, so the
document (``document.py``) reads as the briefing's table of contents. The images arrive as PNG
bytes, already rendered, so nothing here waits on the browser.
"""

from __future__ import annotations

import io
from urllib.parse import urlparse

import pandas as pd
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Image, Paragraph, Spacer, Table, TableStyle

from coverage.exports.briefing.figures import CHART_H, target_note
from coverage.exports.briefing.typeset import Styles, band, escape, house_table, text
from coverage.exports.briefing.wording import key_figures, lead_sentence, team_cells
from coverage.exports.provenance import PRODUCT, Provenance, attribution, date_text, sources
from coverage.model import costs
from coverage.model.assumptions import COST_PER_TEAM_YEAR, Assumptions
from coverage.model.directory import URL
from coverage.model.evidence_age import WINDOW_WORDS, window_start
from coverage.model.levels import LEVELS
from coverage.present.metrics import format_value

# --- page one ----------------------------------------------------------------------------------------------------


def title_block(row: pd.Series, level: str, code: str, prov: Provenance, st: Styles) -> list:
    """The kicker, the area's name, where it is, and the lead sentence."""
    return [
        Paragraph(f"{PRODUCT.upper()} &#183; AREA BRIEFING &#183; {date_text(prov.date).upper()}", st["kicker"]),
        Paragraph(text(str(row["area_name"])), st["h1"]),
        Paragraph(f"{text(LEVELS[level].label)} &#183; {text(row['nation'])} &#183; {text(code)}", st["kicker"]),
        Paragraph(lead_sentence(row), st["lead"]),
        Spacer(1, 3 * mm),
    ]


def cost_line(cost: costs.CostToClose, one_page: bool, st: Styles) -> list:
    """What closing the gap would take: teams and their yearly cost, and where what it rests on is told."""
    where_sources = "sources in the full briefing" if one_page else "sources under Method"
    return [Paragraph(f"<b>What it would take:</b> {escape(costs.short(cost))} ({where_sources}).", st["body"])]


def key_figures_block(
    row: pd.Series,
    level: str,
    a: Assumptions,
    cost: costs.CostToClose,
    map_png: bytes,
    content_w: float,
    st: Styles,
) -> list:
    """The key figures with their bands, beside the locator map and its caption."""
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
    figures_table = house_table(fig_rows, [left_w * 0.47, left_w * 0.2, left_w * 0.33], st)
    map_w = content_w - left_w - 4 * mm
    png_w, png_h = ImageReader(io.BytesIO(map_png)).getSize()
    map_img = Image(io.BytesIO(map_png), width=map_w, height=map_w * png_h / png_w)
    caption = Paragraph(
        f"Reach in {text(str(row['area_name']))} (outlined in black) and the {text(LEVELS[level].plural)} around it.",
        st["small"],
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
    return [Paragraph("Key figures", st["h2"]), layout]


def comparison_block(comp: pd.DataFrame, chart_png: bytes, target: float, content_w: float, st: Styles) -> list:
    """The comparison's heading, chart and the note on the target line (kept together on page one)."""
    chart_h = content_w * CHART_H(len(comp)) / 1000
    return [
        Paragraph("How it compares", st["h2"]),
        Image(io.BytesIO(chart_png), width=content_w, height=chart_h),
        Paragraph(target_note(comp, target), st["small"]),
    ]


def comparison_table(comp: pd.DataFrame, content_w: float, st: Styles) -> Table:
    """The chart's figures as a table: need, teams, reach and its band for each comparator."""
    rows = [[Paragraph(h, st["cellb"]) for h in ("Compared with", "Need a year", "Teams", "Reach", "Reach band")]]
    for r in comp.itertuples():
        scope = "This area" if r.scope == "This area" else r.scope
        rows.append(
            [
                Paragraph(f"{text(scope)}: {text(r.area_name)}", st["cell"]),
                Paragraph(format_value(r.need_per_year, "int"), st["cell"]),
                Paragraph(f"{int(r.teams)}", st["cell"]),
                Paragraph(format_value(r.reach, "pct"), st["cell"]),
                Paragraph(band(r.reach_low, r.reach_high, "pct"), st["cell"]),
            ]
        )
    return house_table(rows, [content_w * w for w in (0.40, 0.15, 0.1, 0.12, 0.23)], st)


# --- appendix ----------------------------------------------------------------------------------------------------


def _source_link(url: str) -> str:
    """A team's source as a link showing its site's name, or nothing when it is not a web address."""
    if not URL.match(url):
        return ""
    return f'<link href="{escape(url)}" color="#08519C">{text(urlparse(url).netloc.removeprefix("www."))}</link>'


def teams_block(teams: pd.DataFrame, prov: Provenance, content_w: float, st: Styles) -> list:
    """The appendix's opening: each team serving the area, what it is, its evidence, and whether it counts."""
    story = [
        Paragraph("APPENDIX &#183; THE DETAIL BEHIND PAGE ONE", st["kicker"]),
        Paragraph("Teams serving the area", st["h2"]),
    ]
    if teams.empty:
        story.append(Paragraph("No team listed: the directory has none serving any part of this area.", st["body"]))
        return story
    recent_from = window_start(prov.date)
    heads = ("Team", "Run by", "What it is", "Evidence", "Counted", "Families a year here", "Source")
    rows = [[Paragraph(h, st["cellb"]) for h in heads]]
    for t, words in zip(teams.itertuples(), team_cells(teams, recent_from)):
        source = _source_link((t.source_url or t.website or "").strip())
        cells = [f"<b>{text(words[0])}</b>", *(text(w) for w in words[1:])]
        rows.append([Paragraph(c, st["cell"]) for c in cells] + [Paragraph(source, st["cell"])])
    story.append(house_table(rows, [content_w * w for w in (0.24, 0.13, 0.14, 0.11, 0.12, 0.11, 0.15)], st))
    story.append(
        Paragraph(
            "A team's own families-a-year figure is used where published; otherwise the assumed "
            "figure per team. A team serving several areas is shared between them by births. Evidence is "
            f"the latest year a dated source shows the team working; older than {recent_from} is older "
            f"than {WINDOW_WORDS}, so its listing needs confirming.",
            st["small"],
        )
    )
    return story


def method_block(a: Assumptions, cost: costs.CostToClose, st: Styles) -> list:
    """How need, capacity, reach and their bands are made, the assumptions, and what the cost rests on."""
    return [
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
    ]


def sources_block(manifest: dict, prov: Provenance, content_w: float, st: Styles) -> list:
    """Every source the figures rest on (title, publisher, vintage, licence), then the attribution lines."""
    story = [Paragraph("Sources", st["h2"])]
    src_rows = [[Paragraph(h, st["tinyb"]) for h in ("Source", "Publisher", "Vintage", "Licence")]]
    for s in sources(manifest):
        src_rows.append(
            [
                Paragraph(text(s["title"]), st["tiny"]),
                Paragraph(text(s["publisher"]), st["tiny"]),
                Paragraph(text(s["vintage"]), st["tiny"]),
                Paragraph(text(s["licence"]), st["tiny"]),
            ]
        )
    if len(src_rows) > 1:
        story.append(house_table(src_rows, [content_w * w for w in (0.44, 0.24, 0.18, 0.14)], st))
    story.append(Spacer(1, 2 * mm))
    for line in attribution(manifest) or [prov.source]:
        story.append(Paragraph(text(line), st["tiny"]))
    return story
