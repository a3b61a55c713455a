"""The team directory: its schema, and validation that names the file, line and field.

The directory is a CSV that people edit by hand, so every rule here produces a message a
non-programmer can act on, and nothing raises a traceback at them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import stat
from collections import Counter
from collections.abc import Callable
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
    "same_service_as",
    "notes",
]
# Columns added after directories were already in use: a file without them still loads (blank).
OPTIONAL_COLUMNS = ("same_service_as",)
REQUIRED = ["team_id", "name", "status", "confidence", "kind"]  # nation may be unknown (name-only listings)
TEAM_STATUSES = ("active", "closed", "unknown")  # is a team running (an area's status: gaps.AREA_STATUSES)
CONFIDENCES = ("verified", "reported", "unconfirmed")
KINDS = ("specialised", "borderline", "other")
KIND_LABELS = {
    "specialised": "Specialised parent-infant relationship team",
    "borderline": "Borderline (new, combined or mild-to-moderate focus)",
    "other": "Other parent-infant provision",
}
# Each code in a sentence a reader understands (profile team cards, Check a listing, briefings).
STATUS_WORDS = {"active": "running", "closed": "closed", "unknown": "not known whether it is still running"}
CONFIDENCE_WORDS = {  # how well the listing is sourced; see pipeline.seed_rules.CONFIDENCE_NOTE
    "verified": "confirmed with the team by a reviewer",
    "reported": "reported by a public source",
    "unconfirmed": "from a source that does not confirm it",
}
KIND_WORDS = {
    "specialised": "a specialised parent-infant relationship team",
    "borderline": "a borderline service (new, combined, or for milder difficulties)",
    "other": "another kind of parent-infant service",
}
MAX_FAMILIES_PER_YEAR = int(ranges.FAMILIES_PER_YEAR.high)
MAX_FIELD_CHARS = 4000
MAX_ROWS = 5000
MAX_COLUMNS = 200  # the directory has 22; a file with thousands is not one
MAX_FILE_BYTES = 2_000_000  # a directory file (upload, check-directory, --directory) is read only up to this
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# The one web-address rule for the data, suggestions' evidence and briefing links (fetching adds network rules).
URL = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# ASCII only (str.isdigit() also accepts "²" and full-width digits), and short: int() of a
# string over 4,300 digits raises, and no whole number here needs more than a few.
DIGITS = re.compile(r"[0-9]{1,12}")


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


def header_problem(header: list[str], file: str) -> Problem | None:
    """Missing, duplicate or far too many columns, found in one linear pass over the header."""
    if len(header) > MAX_COLUMNS:
        return Problem(
            file, 1, None, f"has {len(header)} columns; a directory has {len(COLUMNS)} (limit {MAX_COLUMNS})"
        )
    present = Counter(h for h in header if h)
    missing = [c for c in COLUMNS if c not in present and c not in OPTIONAL_COLUMNS]
    if missing:
        return Problem(file, 1, None, f"missing column(s): {', '.join(missing)}")
    dupes = sorted(c for c, n in present.items() if n > 1)
    if dupes:
        return Problem(file, 1, None, f"duplicate column(s): {', '.join(d[:40] for d in dupes[:10])}")
    return None


def trimmed(row: dict[str, str]) -> dict[str, str]:
    """A row's values without surrounding whitespace: validated and stored exactly alike."""
    return {k: v.strip() if isinstance(v, str) else v for k, v in row.items()}


def size_problem(file: str, size: int, limit: int = MAX_FILE_BYTES, *, at_least: bool = False) -> Problem | None:
    if size <= limit:
        return None
    return Problem(
        file, None, None, f"is {'over ' if at_least else ''}{size // 1000} KB; the limit is {limit // 1000} KB"
    )


def read_bounded(path: Path, file: str, limit: int = MAX_FILE_BYTES) -> tuple[bytes, list[Problem]]:
    """A file's bytes, refused by its size before reading, and never reading past ``limit`` + 1
    bytes (a device or pipe such as ``/dev/zero`` has no size to check, and no end)."""
    try:
        with path.open("rb") as handle:
            info = os.fstat(handle.fileno())
            too_big = size_problem(file, info.st_size, limit) if stat.S_ISREG(info.st_mode) else None
            if too_big:
                return b"", [too_big]
            data = handle.read(limit + 1)
    except OSError as exc:
        return b"", [Problem(file, None, None, f"cannot be read ({exc.strerror or type(exc).__name__})")]
    too_big = size_problem(file, len(data), limit, at_least=True)
    return (b"", [too_big]) if too_big else (data, [])


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
        problem = header_problem(reader.fieldnames or [], file)
        if problem:
            return [], [problem]
        rows = []
        start = reader.line_num + 1
        for row in reader:
            if None in row:
                return [], [Problem(file, reader.line_num, None, "has more values than the header has columns")]
            rows.append({**trimmed({k: (v or "") for k, v in row.items()}), LINE: start})
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
        for field, allowed in (("status", TEAM_STATUSES), ("confidence", CONFIDENCES), ("kind", KINDS)):
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
        _figure_problems(row, today, bad)
    problems += _same_service_problems(rows, file)
    problems += [
        Problem(
            file, _line(row, i), "overlaps_with", f"'{other}' is not a team_id in this file", row.get("team_id", "")
        )
        for i, row in enumerate(rows)
        for other in _split(row.get("overlaps_with", ""))
        if other not in seen
    ]
    return problems


def _figure_problems(row: dict[str, str], today: dt.date, bad: Callable[[str, str], None]) -> None:
    """Families a year, web addresses, the year established and the date last verified, each in range."""
    fam = row.get("families_per_year", "").strip()
    if fam and (not DIGITS.fullmatch(fam) or not 1 <= int(fam) <= MAX_FAMILIES_PER_YEAR):
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


def _same_service_problems(rows: list[dict[str, str]], file: str) -> list[Problem]:
    """``same_service_as`` names the one row that stands for the service, directly.

    One level deep by rule: the named row must exist, be another row, and not itself point
    elsewhere (so there are no chains and no cycles), and both must name areas at the same
    level so the service's areas can be joined.
    """
    by_id = {r.get("team_id", "").strip(): r for r in rows if r.get("team_id", "").strip()}
    problems = []
    for i, row in enumerate(rows):
        target = row.get("same_service_as", "").strip()
        if not target:
            continue
        tid = row.get("team_id", "").strip()

        def bad(message: str, row: dict = row, i: int = i, tid: str = tid) -> None:
            problems.append(Problem(file, _line(row, i), "same_service_as", message, tid))

        if target == tid:
            bad("names this row itself; leave it blank on the row that stands for the service")
        elif target not in by_id:
            bad(f"'{target}' is not a team_id in this file")
        elif by_id[target].get("same_service_as", "").strip():
            further = by_id[target]["same_service_as"].strip()
            bad(
                f"'{target}' itself points to '{further}'; name the row that stands for the service "
                f"directly (one level only, no chains or cycles)"
            )
        else:
            mine, theirs = row.get("area_level", "").strip(), by_id[target].get("area_level", "").strip()
            if mine and theirs and mine != theirs and row.get("area_codes", "").strip():
                bad(f"areas are at level '{mine}' but '{target}' uses '{theirs}'; one service needs one level")
    return problems


def to_frame(rows: list[dict[str, str]]) -> pd.DataFrame:
    """Rows as a typed frame: area codes as tuples, families per year as a float (NaN = unknown)."""
    frame = pd.DataFrame([{c: r.get(c, "") for c in COLUMNS} for r in rows], columns=COLUMNS).fillna("")
    frame["area_codes"] = frame["area_codes"].map(lambda v: tuple(_split(v)))
    frame["families_per_year"] = pd.to_numeric(frame["families_per_year"].replace("", None), errors="coerce").astype(
        float
    )
    return frame


def load_directory(path: Path, known_codes: dict[str, set[str]]) -> tuple[pd.DataFrame, list[Problem]]:
    """Read and validate a directory file; invalid rows are left out and reported, never hidden."""
    data, problems = read_bounded(path, path.name)
    if problems:
        return to_frame([]), problems
    return parse_directory(data, known_codes, path.name)


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
