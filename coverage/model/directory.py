"""The team directory: its schema, and validation that names the file, line and field.

The directory is a CSV that people edit by hand, so every rule here produces a message a
non-programmer can act on, and nothing raises a traceback at them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from coverage.model import ranges
from coverage.model.levels import LEVEL_KEYS, NATIONS

COLUMNS = [
    "team_id",
    "name",
    "host_organisation",
    "nation",
    "area_level",
    "area_codes",
    "area_names",
    "unresolved_areas",
    "status",
    "confidence",
    "kind",
    "service_type",
    "families_per_year",
    "families_note",
    "age_range",
    "interventions",
    "website",
    "source_url",
    "year_established",
    "last_verified",
    "overlaps_with",
    "notes",
]
REQUIRED = ["team_id", "name", "status", "confidence", "kind"]  # nation may be unknown (name-only listings)
STATUSES = ("active", "closed", "unknown")
CONFIDENCES = ("verified", "reported", "unconfirmed")
KINDS = ("specialised", "borderline", "other")
KIND_LABELS = {
    "specialised": "Specialised parent-infant relationship team",
    "borderline": "Borderline (new, combined or mild-to-moderate focus)",
    "other": "Other parent-infant provision",
}
MAX_FAMILIES_PER_YEAR = int(ranges.FAMILIES_PER_YEAR.high)
MAX_FIELD_CHARS = 4000
MAX_ROWS = 5000
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
URL = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
DIGITS = re.compile(r"[0-9]+")  # ASCII only: str.isdigit() also accepts "²" and full-width digits


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the directory, located precisely enough to fix."""

    file: str
    line: int | None  # line in the file (the header is line 1); None for the whole file
    field: str | None
    message: str
    team_id: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.team_id:
            where += f" (team_id {self.team_id})"
        if self.field:
            where += f", field '{self.field}'"
        return f"{where}: {self.message}"


LINE = "__line__"  # the physical line a row starts on (a quoted cell may span lines)


def _line(row: dict, i: int) -> int:
    return int(row.get(LINE, i + 2))


def _split(value: str) -> list[str]:
    return [p.strip() for p in value.split(";") if p.strip()]


def read_rows(data: bytes, file: str) -> tuple[list[dict[str, str]], list[Problem]]:
    """Decode and parse CSV bytes; a file-level problem stops here."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return [], [Problem(file, None, None, f"is not UTF-8 text (byte {exc.start}); save it as CSV UTF-8")]
    if not text.strip():
        return [], [Problem(file, None, None, "is empty")]
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = reader.fieldnames or []
        missing = [c for c in COLUMNS if c not in header]
        if missing:
            return [], [Problem(file, 1, None, f"missing column(s): {', '.join(missing)}")]
        dupes = sorted({c for c in header if header.count(c) > 1})
        if dupes:
            return [], [Problem(file, 1, None, f"duplicate column(s): {', '.join(dupes)}")]
        rows = []
        start = reader.line_num + 1
        for row in reader:
            if None in row:
                return [], [Problem(file, reader.line_num, None, "has more values than the header has columns")]
            rows.append({**{k: (v or "") for k, v in row.items()}, LINE: start})
            start = reader.line_num + 1
            if len(rows) > MAX_ROWS:
                return [], [Problem(file, None, None, f"has more than {MAX_ROWS} rows")]
    except csv.Error as exc:
        return [], [Problem(file, reader.line_num, None, f"is not valid CSV ({exc})")]
    return rows, []


def validate_rows(
    rows: list[dict[str, str]], known_codes: dict[str, set[str]], file: str = "teams.csv"
) -> list[Problem]:
    """Every rule a directory row must meet; ``known_codes`` maps level to its area codes."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    today = dt.date.today()
    for i, row in enumerate(rows):
        line = _line(row, i)
        tid = row.get("team_id", "").strip()

        def bad(field: str, message: str, line: int | None = line, tid: str = tid) -> None:
            problems.append(Problem(file, line, field, message, tid))

        for field in COLUMNS:
            value = row.get(field, "")
            if len(value) > MAX_FIELD_CHARS:
                bad(field, f"is {len(value)} characters; the limit is {MAX_FIELD_CHARS}")
            if CONTROL.search(value):
                bad(field, "contains control characters")
        for field in REQUIRED:
            if not row.get(field, "").strip():
                bad(field, "is required")
        if tid:
            if not SLUG.match(tid):
                bad("team_id", f"'{tid}' must be lowercase letters, digits and single hyphens")
            elif tid in seen:
                bad("team_id", f"'{tid}' is used already on line {seen[tid]}")
            else:
                seen[tid] = line
        for value in _split(row.get("nation", "")):
            if value not in NATIONS.values():
                bad("nation", f"'{value}' is not one of {', '.join(NATIONS.values())}")
        for field, allowed in (("status", STATUSES), ("confidence", CONFIDENCES), ("kind", KINDS)):
            value = row.get(field, "").strip()
            if value and value not in allowed:
                bad(field, f"'{value}' is not one of {', '.join(allowed)}")
        level = row.get("area_level", "").strip()
        codes = _split(row.get("area_codes", ""))
        if level and level not in LEVEL_KEYS:
            bad("area_level", f"'{level}' is not one of {', '.join(LEVEL_KEYS)}")
        elif codes and not level:
            bad("area_level", "is required when area_codes is given")
        elif level:
            unknown = [c for c in codes if c not in known_codes.get(level, set())]
            if unknown:
                bad("area_codes", f"{', '.join(unknown)} not a known {level} code")
            if len(set(codes)) != len(codes):
                bad("area_codes", "lists a code twice")
        if not codes and not row.get("unresolved_areas", "").strip():
            bad("area_codes", "is empty; give the areas served, or say why in unresolved_areas")
        fam = row.get("families_per_year", "").strip()
        if fam:
            if not DIGITS.fullmatch(fam) or not 1 <= int(fam) <= MAX_FAMILIES_PER_YEAR:
                bad(
                    "families_per_year",
                    f"'{fam}' must be a whole number from 1 to {MAX_FAMILIES_PER_YEAR}, or blank if unknown",
                )
        for field in ("website", "source_url"):
            value = row.get(field, "").strip()
            if value and not URL.match(value):
                bad(field, f"'{value[:80]}' is not an http(s) web address")
        year = row.get("year_established", "").strip()
        if year and not (DIGITS.fullmatch(year) and 1900 <= int(year) <= today.year):
            bad("year_established", f"'{year}' must be a year from 1900 to {today.year}, or blank")
        verified = row.get("last_verified", "").strip()
        if verified:
            try:
                when = dt.date.fromisoformat(verified)
            except ValueError:
                bad("last_verified", f"'{verified}' must be a date written YYYY-MM-DD, or blank")
            else:
                if when > today:
                    bad("last_verified", f"'{verified}' is in the future")
    for i, row in enumerate(rows):
        for other in _split(row.get("overlaps_with", "")):
            if other not in seen:
                problems.append(
                    Problem(
                        file,
                        _line(row, i),
                        "overlaps_with",
                        f"'{other}' is not a team_id in this file",
                        row.get("team_id", ""),
                    )
                )
    return problems


def to_frame(rows: list[dict[str, str]]) -> pd.DataFrame:
    """Rows as a typed frame: area codes as tuples, families per year as a float (NaN = unknown)."""
    frame = pd.DataFrame(rows, columns=COLUMNS).fillna("")
    frame["area_codes"] = frame["area_codes"].map(lambda v: tuple(_split(v)))
    frame["families_per_year"] = pd.to_numeric(frame["families_per_year"].replace("", None), errors="coerce").astype(
        float
    )
    return frame


def load_directory(path: Path, known_codes: dict[str, set[str]]) -> tuple[pd.DataFrame, list[Problem]]:
    """Read and validate a directory file; invalid rows are left out and reported, never hidden."""
    name = path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        return to_frame([]), [Problem(name, None, None, f"cannot be read ({exc.strerror})")]
    return parse_directory(data, known_codes, name)


def parse_directory(data: bytes, known_codes: dict[str, set[str]], file: str) -> tuple[pd.DataFrame, list[Problem]]:
    rows, problems = read_rows(data, file)
    if problems:
        return to_frame([]), problems
    problems = validate_rows(rows, known_codes, file)
    bad_lines = {p.line for p in problems}
    good = [r for i, r in enumerate(rows) if _line(r, i) not in bad_lines]
    return to_frame(good), problems


def write_directory(frame: pd.DataFrame, path) -> None:
    """Write in the column order people edit, codes joined with semicolons."""
    out = frame.copy()
    out["area_codes"] = out["area_codes"].map(lambda codes: ";".join(codes))
    out["families_per_year"] = out["families_per_year"].map(lambda v: "" if pd.isna(v) else str(int(v)))
    out[COLUMNS].to_csv(path, index=False, lineterminator="\n")
