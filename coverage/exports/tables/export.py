"""One call per download button: a table (areas or teams) in the format asked for, with its provenance.

Both tables go through ``export_table``, so a format added or changed is added or changed for both;
what differs between them (title, 'what it is' line, columns, sheet name, and how the rows are made)
is data, set in ``area_table_export`` and ``team_table_export``.

The formats: "csv" is the analyst's file (full precision, keys as headers, provenance lines on top
unless ``preamble=False``); "readable_csv" and its "readme" sidecar are what the pages offer; "xlsx"
is the workbook with its README sheet.
"""

from __future__ import annotations

import pandas as pd

from coverage.exports.provenance import Provenance, provenance
from coverage.exports.tables.columns import AREA_COLUMNS, TEAM_COLUMNS, Column
from coverage.exports.tables.csv_file import csv_readme, to_csv, to_readable_csv
from coverage.exports.tables.excel_file import to_xlsx
from coverage.exports.tables.frames import area_frame, area_provenance_what, team_frame
from coverage.model.assumptions import Assumptions
from coverage.model.atlas import Atlas
from coverage.model.levels import LEVELS

TABLE_FORMATS = ("csv", "readable_csv", "readme", "xlsx")


def export_table(
    frame: pd.DataFrame,
    prov: Provenance,
    fmt: str,
    *,
    columns: tuple[Column, ...],
    sheet: str,
    manifest: dict,
    assumptions: Assumptions,
    preamble: bool = True,
) -> bytes:
    """Any exported table as bytes in one of ``TABLE_FORMATS`` (the one path every table takes)."""
    if fmt == "csv":
        return to_csv(frame, prov, preamble=preamble)
    if fmt == "readable_csv":
        return to_readable_csv(frame, columns)
    if fmt == "readme":
        return csv_readme(frame, columns, prov, manifest)
    if fmt == "xlsx":
        return to_xlsx(frame, prov, manifest, assumptions=assumptions, columns=columns, sheet=sheet)
    raise ValueError(f"unknown table format {fmt!r}; choose {', '.join(TABLE_FORMATS)}")


def area_table_export(
    atlas: Atlas,
    level: str,
    assumptions: Assumptions,
    fmt: str,
    *,
    today=None,
    table: pd.DataFrame | None = None,
    preamble: bool = True,
) -> bytes:
    """The area table at a level as bytes in one of ``TABLE_FORMATS``, with its provenance."""
    frame = area_frame(atlas, level, assumptions, table)
    prov = provenance(
        f"Parent-infant team coverage by {LEVELS[level].label.lower()}",
        assumptions,
        atlas.manifest,
        today=today,
        what=area_provenance_what(level),
    )
    return export_table(
        frame,
        prov,
        fmt,
        columns=AREA_COLUMNS,
        sheet="Areas",
        manifest=atlas.manifest,
        assumptions=assumptions,
        preamble=preamble,
    )


def team_table_export(atlas: Atlas, assumptions: Assumptions, fmt: str, *, today=None, preamble: bool = True) -> bytes:
    """The team directory as bytes in one of ``TABLE_FORMATS``, with which teams count under the assumptions."""
    prov = provenance(
        "Parent-infant relationship teams: directory",
        assumptions,
        atlas.manifest,
        today=today,
        what="One row per listed team, with the areas it serves, its public source, whether it "
        "counts under the assumptions and how old its evidence is.",
    )
    frame = team_frame(atlas, assumptions, prov.date)  # evidence age as of the export's own date
    return export_table(
        frame,
        prov,
        fmt,
        columns=TEAM_COLUMNS,
        sheet="Teams",
        manifest=atlas.manifest,
        assumptions=assumptions,
        preamble=preamble,
    )
