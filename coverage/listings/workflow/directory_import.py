"""Reading a whole directory from an upload (CSV or XLSX) safely, with a row-by-row report.

Uploads are untrusted: size, row and zip limits stop bombs before parsing; spreadsheet
formulas are refused rather than evaluated; and the same validation serves the upload page
and ``python -m coverage check-directory`` so the two always agree.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import zipfile

import pandas as pd

from coverage.model.directory import (
    COLUMNS,
    LINE,
    MAX_FILE_BYTES,
    MAX_ROWS,
    Problem,
    header_problem,
    parse_directory,
    read_rows,
    size_problem,
    to_frame,
    trimmed,
    validate_rows,
)

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = MAX_FILE_BYTES
# What openpyxl raises on a damaged or hostile workbook once the zip checks have passed: a broken
# container (BadZipFile, EOFError, OSError), missing parts (KeyError), malformed XML (SyntaxError is
# the base of both ElementTree's and lxml's parse errors), cell and style values it cannot read
# (ValueError, TypeError, IndexError), and its own InvalidFileException (imported with openpyxl).
WORKBOOK_FAILURES: tuple[type[Exception], ...] = (
    zipfile.BadZipFile,
    EOFError,
    OSError,
    KeyError,
    SyntaxError,
    ValueError,
    TypeError,
    IndexError,
)
MAX_XLSX_UNCOMPRESSED = 25_000_000
MAX_ZIP_RATIO = 200
MAX_ZIP_ENTRIES = 200
XLSX_MAGIC = b"PK\x03\x04"


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return value.date().isoformat() if isinstance(value, dt.datetime) else value.isoformat()
    return str(value)


def _zip_problems(data: bytes, file: str) -> list[Problem]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return [Problem(file, None, None, "is not a readable .xlsx file (the zip container is damaged)")]
    if len(infos) > MAX_ZIP_ENTRIES:
        return [Problem(file, None, None, f"holds {len(infos)} parts; a directory workbook has far fewer")]
    total = sum(i.file_size for i in infos)
    if total > MAX_XLSX_UNCOMPRESSED:
        return [
            Problem(
                file,
                None,
                None,
                f"expands to {total // 1_000_000} MB; the limit is "
                f"{MAX_XLSX_UNCOMPRESSED // 1_000_000} MB (possible zip bomb)",
            )
        ]
    for i in infos:
        if i.compress_size and i.file_size / i.compress_size > MAX_ZIP_RATIO and i.file_size > 1_000_000:
            return [
                Problem(
                    file,
                    None,
                    None,
                    f"part '{i.filename[:60]}' is compressed {i.file_size // i.compress_size}:1 (possible zip bomb)",
                )
            ]
    return []


def xlsx_rows(data: bytes, file: str) -> tuple[list[dict[str, str]], list[Problem]]:
    problems = _zip_problems(data, file)
    if problems:
        return [], problems
    import openpyxl  # imported here: only uploads need it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (*WORKBOOK_FAILURES, InvalidFileException) as exc:
        logger.info("upload %r is not a readable workbook", file[:80], exc_info=True)
        return [], [Problem(file, None, None, f"could not be opened as a workbook ({type(exc).__name__})")]
    try:
        return _sheet_rows(book, file)
    except WORKBOOK_FAILURES as exc:  # the sheet's XML is parsed lazily, row by row
        logger.info("upload %r: a sheet could not be read", file[:80], exc_info=True)
        return [], [
            Problem(file, None, None, f"could not be read as a workbook ({type(exc).__name__}: {str(exc)[:80]})")
        ]
    finally:
        book.close()


# XML parse errors (ElementTree's and lxml's both subclass SyntaxError), over-long numbers, bad references.


def _sheet_rows(book, file: str) -> tuple[list[dict[str, str]], list[Problem]]:
    sheet = book.worksheets[0]
    rows_iter = sheet.iter_rows()
    header_cells = next(rows_iter, None)
    if header_cells is None:
        return [], [Problem(file, None, None, "is empty")]
    header = [_cell_text(c.value).strip() for c in header_cells]
    problem = header_problem(header, file)
    if problem:
        return [], [problem]
    rows, problems = [], []
    for n, cells in enumerate(rows_iter, start=2):
        if n - 1 > MAX_ROWS:
            return [], [Problem(file, None, None, f"has more than {MAX_ROWS} rows")]
        values = {}
        for name, cell in zip(header, cells):
            if not name:
                continue
            if cell.data_type == "f" or (
                isinstance(cell.value, str) and cell.value.startswith("=") and cell.data_type != "s"
            ):
                problems.append(Problem(file, n, name, "is a formula; paste values only"))
            values[name] = _cell_text(cell.value)
        if not any(v.strip() for v in values.values()):
            continue  # trailing empty rows are common in spreadsheets
        rows.append({**trimmed({c: values.get(c, "") for c in COLUMNS}), LINE: n})
    return rows, problems


def check(name: str, data: bytes, known_codes: dict[str, set[str]]) -> tuple[pd.DataFrame, list[Problem]]:
    """Parse and validate an uploaded directory: valid rows, and every problem found."""
    too_big = size_problem(name, len(data), MAX_UPLOAD_BYTES)
    if too_big:
        return to_frame([]), [too_big]
    is_xlsx = data[:4] == XLSX_MAGIC  # by content, not by name: a CSV saved as .xlsx still reads
    if not is_xlsx:
        return parse_directory(data, known_codes, name)
    rows, problems = xlsx_rows(data, name)
    if not rows and problems:
        return to_frame([]), problems
    problems += validate_rows(rows, known_codes, name)
    bad = {p.line for p in problems}
    return to_frame([r for r in rows if r[LINE] not in bad]), problems


__all__ = ["check", "xlsx_rows", "read_rows", "MAX_UPLOAD_BYTES"]
