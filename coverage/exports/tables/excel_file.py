"""Tables as an Excel workbook: a typed data sheet and a README sheet saying what the table is.

Numbers stay numbers at full precision (Excel shows them rounded through number formats), so an
analyst's sums agree with the atlas. Text that a spreadsheet would run as a formula gets the same
quote prefix as in CSV *and* is written as a string cell, never a formula, per OWASP's
CSV-injection guidance. The README sheet carries the definitions, assumptions, sources and
attribution, because a spreadsheet is often forwarded without the page it came from.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from coverage.exports.provenance import PRODUCT, Provenance, attribution, date_text, sources
from coverage.exports.safety import neutralise
from coverage.exports.tables.columns import AREA_COLUMNS, Column
from coverage.model.assumptions import FAMILIES_PER_TEAM, PREVALENCE, Assumptions
from coverage.model.values import missing
from coverage.present import formats

NUMBER_FORMATS = {"int": "#,##0", "dec": "#,##0.00", "pct": "0.0%"}
HEADER_FILL = PatternFill("solid", fgColor="DEEBF7")
KIND_WORDS = {"int": "number", "dec": "number", "pct": "percentage", "bool": "TRUE/FALSE"}


def safe_text(value) -> str:
    """Text a spreadsheet shows as text: control characters dropped, formula-like text quoted."""
    return neutralise(ILLEGAL_CHARACTERS_RE.sub("", str(value)))


def put_cell(ws, row: int, col: int, value, fmt: str = "text"):
    """Write one typed cell; text is always a string cell (data_type 's'), never a formula."""
    cell = ws.cell(row=row, column=col)
    if missing(value):
        return cell
    if isinstance(value, (bool, np.bool_)):
        cell.value = bool(value)
    elif isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        cell.value = int(value)
        cell.number_format = NUMBER_FORMATS.get(fmt, "General")
    elif isinstance(value, (float, np.floating)):
        cell.value = float(value)
        cell.number_format = NUMBER_FORMATS.get(fmt, "General")
    else:
        cell.value = safe_text(value)
        cell.data_type = "s"
    return cell


def _data_sheet(ws, frame: pd.DataFrame, columns: dict[str, Column], prov: Provenance) -> None:
    """The table itself: bold keys on a shaded header row, typed cells, filters, frozen panes."""
    bold = Font(bold=True)
    for j, key in enumerate(frame.columns, start=1):
        c = put_cell(ws, 1, j, key)
        c.font, c.fill = bold, HEADER_FILL
    fmts = [columns[k].fmt if k in columns else "text" for k in frame.columns]
    for i, row in enumerate(frame.itertuples(index=False), start=2):
        for j, (value, fmt) in enumerate(zip(row, fmts), start=1):
            put_cell(ws, i, j, value, fmt)
    for j, key in enumerate(frame.columns, start=1):
        longest = max([len(str(key))] + [len(str(v)) for v in frame[key].head(200)]) if len(frame) else len(key)
        ws.column_dimensions[get_column_letter(j)].width = (
            min(max(10, longest + 2), 50) if fmts[j - 1] == "text" else 14
        )
    ws.freeze_panes = "C2" if frame.shape[1] > 2 else "A2"
    if len(frame.columns):
        ws.auto_filter.ref = f"A1:{get_column_letter(len(frame.columns))}{len(frame) + 1}"
    # Printed pages carry the title and the source; '&' is a code in Excel headers, so doubled.
    ws.oddHeader.center.text = prov.title.replace("&", "&&")
    ws.oddFooter.left.text = prov.source.replace("&", "&&")
    ws.oddFooter.right.text = f"{date_text(prov.date)}  &P/&N"


class _ReadmeWriter:
    """Writes the README sheet top to bottom: headings and label/text rows, keeping the row count."""

    def __init__(self, ws):
        self.ws = ws
        self.row = 1
        self.bold, self.head = Font(bold=True), Font(bold=True, size=13)
        self.wrap = Alignment(wrap_text=True, vertical="top")

    def put(self, col: int, value):
        """Write a cell on the current row (the row moves only with ``section``, ``pair`` or by hand)."""
        return put_cell(self.ws, self.row, col, value)

    def section(self, title: str) -> None:
        """A heading with a blank row above it, so the sheet reads in blocks."""
        self.row += 1
        self.put(1, title).font = self.head
        self.row += 1

    def pair(self, label: str, text, *more) -> None:
        """A bold label, its wrapped text, and any further columns (a source's vintage and licence)."""
        self.put(1, label).font = self.bold
        self.put(2, text).alignment = self.wrap
        for k, extra in enumerate(more, start=3):
            self.put(k, extra).alignment = self.wrap
        self.row += 1


def _assumptions_rows(w: _ReadmeWriter, assumptions: Assumptions) -> None:
    """The assumptions in force, each with the defaults' bands and their sources."""
    w.section("Assumptions in detail")
    w.pair(
        "Prevalence",
        f"{formats.percent(assumptions.prevalence, trim=True)} (band "
        f"{formats.percent(assumptions.prevalence_low, trim=True)} to "
        f"{formats.percent(assumptions.prevalence_high, trim=True)}) of births a year",
    )
    for band in ("low", "central", "high"):
        s = PREVALENCE[band]
        w.pair(f"  default {band}", s.label, s.source)
    w.pair(
        "Families per team",
        f"{formats.whole(assumptions.families_per_team)} a year where a team's own figure is unknown "
        f"(band {formats.whole(assumptions.families_per_team_low)} to "
        f"{formats.whole(assumptions.families_per_team_high)})",
    )
    for band in ("low", "central", "high"):
        s = FAMILIES_PER_TEAM[band]
        w.pair(f"  default {band}", s.label, s.source)
    w.pair("Target reach", f"{formats.percent(assumptions.target_reach, trim=True)} of need")


def _sources_rows(w: _ReadmeWriter, prov: Provenance, manifest: dict) -> None:
    """The sources table, the attribution lines, and the note on formula-like text."""
    w.section("Sources")
    w.put(1, "Publisher").font = w.bold
    for k, label in enumerate(("Title", "Vintage", "Licence"), start=2):
        w.put(k, label).font = w.bold
    w.row += 1
    for s in sources(manifest):
        w.pair(s["publisher"], s["title"], s["vintage"], s["licence"])
    w.section("Attribution")
    for line in attribution(manifest) or [prov.source]:
        w.pair("", line)
    w.row += 1
    w.pair(
        "Note",
        f"Text that a spreadsheet could run as a formula (starting with = + - @, tab or carriage return) "
        f"has a ' added in front so it shows as text. Made with the {PRODUCT}.",
    )


def _readme_sheet(
    ws,
    frame: pd.DataFrame,
    columns: dict[str, Column],
    prov: Provenance,
    manifest: dict,
    assumptions: Assumptions | None,
) -> None:
    """The README sheet: provenance, each column's meaning and kind, assumptions, sources."""
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 100
    for col in "CDE":
        ws.column_dimensions[col].width = 30
    w = _ReadmeWriter(ws)
    w.put(1, prov.title).font = Font(bold=True, size=15)
    w.row += 2
    for label, text in prov.lines()[1:]:
        w.pair(label, text)
    w.pair("Rows", f"{len(frame)} rows on the data sheet")
    w.section("Columns")
    for key in frame.columns:
        col = columns.get(key)
        w.pair(key, col.meaning if col else "", KIND_WORDS.get(col.fmt if col else "text", "text"))
    if assumptions is not None:
        _assumptions_rows(w, assumptions)
    _sources_rows(w, prov, manifest)


def to_xlsx(
    frame: pd.DataFrame,
    prov: Provenance,
    manifest: dict,
    *,
    assumptions: Assumptions | None = None,
    columns: tuple[Column, ...] = AREA_COLUMNS,
    sheet: str = "Areas",
) -> bytes:
    """An Excel workbook: the data sheet (typed, formatted) and a README sheet."""
    by_key = {c.key: c for c in columns}
    wb = Workbook()
    ws = wb.active
    ws.title = sheet[:31]
    _data_sheet(ws, frame, by_key, prov)
    _readme_sheet(wb.create_sheet("README"), frame, by_key, prov, manifest, assumptions)
    wb.properties.title = prov.title
    wb.properties.subject = prov.assumptions
    wb.properties.description = prov.source
    wb.properties.creator = PRODUCT
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
