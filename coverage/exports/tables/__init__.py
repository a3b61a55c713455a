"""The table export API: areas and teams as CSV and Excel, safe to open in a spreadsheet.

Callers import from here (``from coverage.exports.tables import area_table_export``); the modules
behind it are one idea each: ``columns`` (what each column is), ``frames`` (the rows),
``csv_file`` and ``excel_file`` (the writers) and ``export`` (the one path every table takes).
"""

from coverage.exports.tables.columns import AREA_COLUMNS, TEAM_COLUMNS, Column
from coverage.exports.tables.csv_file import csv_readme, preamble_rows, read_csv_export, to_csv, to_readable_csv
from coverage.exports.tables.excel_file import to_xlsx
from coverage.exports.tables.export import TABLE_FORMATS, area_table_export, export_table, team_table_export
from coverage.exports.tables.frames import area_frame, area_provenance_what, team_frame

__all__ = [
    "AREA_COLUMNS",
    "TABLE_FORMATS",
    "TEAM_COLUMNS",
    "Column",
    "area_frame",
    "area_provenance_what",
    "area_table_export",
    "csv_readme",
    "export_table",
    "preamble_rows",
    "read_csv_export",
    "team_frame",
    "team_table_export",
    "to_csv",
    "to_readable_csv",
    "to_xlsx",
]
