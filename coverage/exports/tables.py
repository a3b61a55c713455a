"""Tables as CSV and Excel, safe to open in a spreadsheet and saying what they are.

Numbers stay numbers (full precision; Excel shows them rounded through number formats) so an
analyst's sums agree with the atlas. Text that a spreadsheet would run as a formula is
neutralised, per OWASP's CSV-injection guidance: in CSV by ``coverage.exports.safety``; in
XLSX by the same quote prefix *and* by writing the cell as a string, never a formula.
The XLSX file carries a README sheet with the definitions, assumptions, sources and
attribution, because a spreadsheet is often forwarded without the page it came from.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from coverage.exports.provenance import PRODUCT, Provenance, attribution, date_text, sources
from coverage.exports.safety import neutralise, safe_frame
from coverage.model.assumptions import FAMILIES_PER_TEAM, PREVALENCE, Assumptions
from coverage.model.atlas import Atlas
from coverage.model.capacity import counted
from coverage.model.evidence_age import EVIDENCE_WINDOW_YEARS, WINDOW_WORDS, evidence_age
from coverage.model.gaps import area_table
from coverage.model.levels import LEVELS
from coverage.model.services import evidence_year, evidence_year_text
from coverage.model.values import missing
from coverage.present import formats


@dataclass(frozen=True)
class Column:
    key: str
    meaning: str
    fmt: str = "text"  # text, int, dec, pct, bool


AREA_COLUMNS: tuple[Column, ...] = (
    Column("area_code", "Area code (ONS GSS code; health areas use the ICB, health board or trust code)"),
    Column("area_name", "Area name"),
    Column("nation", "Nation the area is in"),
    Column(
        "population_1001",
        "Babies in the 1001 days: aged 0 + aged 1 + 270/365 x births a year (pregnancies in progress)",
        "int",
    ),
    Column("annual_births", "Births a year on the births basis in the assumptions", "int"),
    Column(
        "need_per_year",
        "Need: families a year estimated to need a specialised parent-infant relationship team "
        "(births a year x prevalence), central estimate",
        "int",
    ),
    Column("need_low", "Need at the low prevalence of the band", "int"),
    Column("need_high", "Need at the high prevalence of the band", "int"),
    Column("teams", "Teams counted as serving the area under the assumptions", "int"),
    Column(
        "capacity_per_year",
        "Capacity: families a year the teams serving the area can see (a team's own figure, "
        "else the assumed families per team; a team serving several areas is split by births)",
        "int",
    ),
    Column("capacity_low", "Capacity at the low families-per-team figure", "int"),
    Column("capacity_high", "Capacity at the high families-per-team figure", "int"),
    Column(
        "reach",
        "Reach of listed teams: capacity / need, central estimate (a lower bound where reach_lower_bound)",
        "pct",
    ),
    Column("reach_lower_bound", "A source reports more teams here than the directory lists", "bool"),
    Column("reach_low", "Reach, low end of the band (low capacity / high need)", "pct"),
    Column("reach_high", "Reach, high end of the band (high capacity / low need)", "pct"),
    Column(
        "unmet_need_per_year",
        "Unmet need: families a year estimated to need help that teams cannot see (need - capacity, at least 0)",
        "int",
    ),
    Column("teams_needed", "Extra teams of the assumed size needed to bring reach up to the target", "int"),
    Column("teams_per_10k_births", "Team-equivalents serving the area per 10,000 births a year", "dec"),
    Column(
        "status",
        "no team listed / team reported, not listed (a source reports one) / service listed, not counted "
        "(the directory lists a service here that does not count as a team) / some provision / meets target "
        "(the last two: a team is listed)",
    ),
    Column("evidence", "team listed / team reported, not listed / service listed, not counted / no team listed"),
    Column("team_names", "Names of the teams counted as serving the area, separated by semicolons"),
    Column(
        "team_evidence_years",
        "Latest year dated evidence shows each counted team working, in the order of team_names "
        "('no dated evidence' where none)",
    ),
    Column(
        "listed_not_counted",
        "Where the directory lists services here that do not count as teams: how many, and why, in words",
    ),
    Column("uncounted_names", "Names of the services listed here that do not count, separated by semicolons"),
    Column(
        "family_hubs",
        "Whether the area is (or contains) one of the 75 Family Hubs and Start for Life authorities",
        "bool",
    ),
    Column("dep_share", "Share of small areas in the nation's most deprived 10% (compare only within a nation)", "pct"),
    Column("dep_index", "Deprivation index the share comes from"),
    Column("births_fallback", "True where registered births were unavailable and babies aged 0 stand in", "bool"),
    Column(
        "area_share_estimate",
        "True where figures rest on a Northern Ireland district split along a trust boundary by land area (an estimate)",
        "bool",
    ),
)

TEAM_COLUMNS: tuple[Column, ...] = (
    Column("team_id", "Identifier of the team in the directory"),
    Column("name", "Team name"),
    Column("host_organisation", "Organisation that runs the team"),
    Column("nation", "Nation(s) the team works in"),
    Column("area_level", "Level of the areas the team serves (utla, lad, health, region, nation)"),
    Column("area_codes", "Codes of the areas served, separated by semicolons"),
    Column("area_names", "Names of the areas served"),
    Column("status", "active / closed / unknown"),
    Column("confidence", "verified / reported / unconfirmed"),
    Column("kind", "specialised / borderline / other"),
    Column("families_per_year", "Families a year the team reports seeing (blank if unknown)", "int"),
    Column(
        "counted",
        "Whether the service counts under the assumptions; each service once (a row describing another row's "
        "service is never counted), so the rows marked True are the services counted on every page",
        "bool",
    ),
    Column("same_service_as", "The row this row's service is counted under (blank: counted on its own)"),
    Column("evidence_year", "Latest year dated evidence shows the service (last verified or started); blank if none"),
    Column(
        "evidence_in_window",
        f"Whether that year is within the evidence window ({EVIDENCE_WINDOW_YEARS} years back from the export's date)",
        "bool",
    ),
    Column("website", "Team website"),
    Column("source_url", "Public source for the listing"),
    Column("last_verified", "Date the listing was last checked"),
)

NUMBER_FORMATS = {"int": "#,##0", "dec": "#,##0.00", "pct": "0.0%"}
HEADER_FILL = PatternFill("solid", fgColor="DEEBF7")


# --- frames ---------------------------------------------------------------------------------------------------


def team_names(atlas: Atlas, team_ids: pd.Series) -> pd.Series:
    """';'-joined team ids -> '; '-joined team names (what a reader recognises)."""
    names = dict(zip(atlas.teams["team_id"], atlas.teams["name"]))
    return team_ids.fillna("").map(lambda ids: "; ".join(names.get(t, t) for t in ids.split(";") if t))


def area_frame(atlas: Atlas, level: str, assumptions: Assumptions, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The area table at a level with the export's columns, in order, and the teams named."""
    table = area_table(atlas, level, assumptions) if table is None else table
    out = table.copy()
    out["team_names"] = team_names(atlas, out["team_ids"])
    out["team_evidence_years"] = team_evidence_years(atlas, out["team_ids"])
    out["uncounted_names"] = team_names(atlas, out["uncounted_team_ids"]) if "uncounted_team_ids" in out else ""
    return out[[c.key for c in AREA_COLUMNS if c.key in out.columns]].reset_index(drop=True)


def team_evidence_years(atlas: Atlas, team_ids: pd.Series) -> pd.Series:
    """';'-joined team ids -> '; '-joined evidence years, in the same order as ``team_names``."""
    years = dict(zip(atlas.teams["team_id"], evidence_year(atlas.teams))) if len(atlas.teams) else {}
    return team_ids.fillna("").map(
        lambda ids: "; ".join(evidence_year_text(years.get(t, float("nan"))) for t in ids.split(";") if t)
    )


def team_frame(atlas: Atlas, assumptions: Assumptions, reference: dt.date | None = None) -> pd.DataFrame:
    """The team directory with whether each team counts under the assumptions, and its evidence age
    against the window as of ``reference`` (the export's date; today if not given)."""
    teams = atlas.teams.copy()
    teams["counted"] = counted(teams, assumptions) if len(teams) else pd.Series(dtype=bool)
    age = evidence_age(teams, reference or dt.date.today())
    teams["evidence_year"] = age["evidence_year"].astype("Int64") if len(teams) else pd.Series(dtype="Int64")
    teams["evidence_in_window"] = age["evidence_in_window"].astype(bool)
    teams["area_codes"] = teams["area_codes"].map(lambda codes: ";".join(codes))
    return teams[[c.key for c in TEAM_COLUMNS]].reset_index(drop=True)


def area_provenance_what(level: str) -> str:
    lvl = LEVELS[level]
    return f"One row per area: {lvl.plural} ({lvl.description}), with need, capacity, reach and their bands."


# --- CSV ------------------------------------------------------------------------------------------------------

PREAMBLE_MARK = "#"


def to_csv(frame: pd.DataFrame, prov: Provenance, *, preamble: bool = True) -> bytes:
    """UTF-8 CSV (with a byte-order mark so Excel reads accents), formula-like text neutralised.

    With ``preamble`` the provenance comes first, one line per item, each a single quoted
    field starting with '#'; ``read_csv_export`` (or ``pandas.read_csv(skiprows=n)``) skips them.
    """
    buf = io.StringIO()
    if preamble:
        writer = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_ALL)
        for label, text in prov.lines():
            writer.writerow([f"{PREAMBLE_MARK} {label}: {text}"])
    buf.write(safe_frame(frame).to_csv(index=False, lineterminator="\n"))
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def preamble_rows(data: bytes | str) -> int:
    """How many provenance lines open a CSV made by ``to_csv``."""
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data.lstrip("\ufeff")
    n = 0
    for line in text.splitlines():
        if line.startswith(PREAMBLE_MARK) or line.startswith('"' + PREAMBLE_MARK):
            n += 1
        else:
            break
    return n


def read_csv_export(data: bytes, **kwargs) -> pd.DataFrame:
    """Read a CSV made by ``to_csv`` back into a frame (for analysts and tests)."""
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", skiprows=preamble_rows(data), **kwargs)


# --- the readable CSV and its README sidecar ------------------------------------------------------------------
# What a download button gives: one header row in words, figures rounded as the pages show them
# (percentages as percent, 4.0 not 0.0399...), and everything else about the table (what it is,
# the assumptions, sources, licence, date, each column's meaning) in a README text file beside it.

READABLE_HEADERS = {
    "area_code": "Area code",
    "area_name": "Area",
    "nation": "Nation",
    "population_1001": "Babies in the 1001 days",
    "annual_births": "Births a year",
    "need_per_year": "Need a year (families)",
    "need_low": "Need a year, low",
    "need_high": "Need a year, high",
    "teams": "Listed teams counted",
    "capacity_per_year": "Families listed teams can see a year",
    "capacity_low": "Families listed teams can see a year, low",
    "capacity_high": "Families listed teams can see a year, high",
    "reach": "Reach of listed teams (%)",
    "reach_lower_bound": "Reach is a lower bound (a source reports more teams)",
    "reach_low": "Reach of listed teams, low (%)",
    "reach_high": "Reach of listed teams, high (%)",
    "unmet_need_per_year": "Unmet need a year (families)",
    "teams_needed": "Teams needed for target",
    "teams_per_10k_births": "Teams per 10,000 births",
    "status": "Status",
    "evidence": "What the directory shows",
    "team_evidence_years": "Latest evidence of each team (year)",
    "listed_not_counted": "Services listed here, not counted",
    "uncounted_names": "Services listed, not counted",
    "evidence_year": "Latest evidence (year)",
    "evidence_in_window": f"Evidence in {WINDOW_WORDS}",
    "area_share_estimate": "Includes an area-share estimate (NI trust split)",
    "team_names": "Teams serving the area",
    "family_hubs": "Family Hubs authority",
    "dep_share": "Small areas in nation's most deprived 10% (%)",
    "dep_index": "Deprivation index",
    "births_fallback": "Babies aged 0 used for births",
    "team_id": "Team id",
    "name": "Team",
    "host_organisation": "Host organisation",
    "area_level": "Areas served are",
    "area_codes": "Area codes served",
    "area_names": "Areas served",
    "confidence": "Confidence",
    "kind": "Kind of service",
    "families_per_year": "Families a year (published)",
    "counted": "Counted",
    "website": "Website",
    "source_url": "Source",
    "last_verified": "Last checked",
}


def readable_frame(frame: pd.DataFrame, columns: tuple[Column, ...]) -> pd.DataFrame:
    """The frame as a reader's table: whole numbers, percent to one decimal, yes/no, headers in words."""
    fmts = {c.key: c.fmt for c in columns}
    out = pd.DataFrame(index=frame.index)
    for key in frame.columns:
        values, fmt = frame[key], fmts.get(key, "text")
        if fmt == "int":
            values = values.astype(float).round(0).astype("Int64")
        elif fmt == "pct":
            values = (values.astype(float) * 100).round(1)
        elif fmt == "dec":
            values = values.astype(float).round(2)
        elif fmt == "bool":
            values = values.map({True: "yes", False: "no"}).fillna("")
        out[READABLE_HEADERS.get(key, key)] = values
    return out.reset_index(drop=True)


def to_readable_csv(frame: pd.DataFrame, columns: tuple[Column, ...]) -> bytes:
    """One header row, then the rows: nothing to skip, safe to open in a spreadsheet."""
    text = safe_frame(readable_frame(frame, columns)).to_csv(index=False, lineterminator="\n")
    return ("\ufeff" + text).encode("utf-8")


def csv_readme(frame: pd.DataFrame, columns: tuple[Column, ...], prov: Provenance, manifest: dict) -> bytes:
    """The CSV's sidecar: what the table is, its assumptions and sources, and what each column means."""
    by_key = {c.key: c for c in columns}
    lines = [prov.title, "=" * len(prov.title), ""]
    lines += [f"{label}: {text}" for label, text in prov.lines()[1:]]
    lines += ["", f"Rows: {len(frame)}", "", "Columns", "-------"]
    for key in frame.columns:
        col = by_key.get(key)
        unit = {"pct": " Percent, one decimal place.", "int": " Whole number.", "dec": " Two decimal places."}.get(
            col.fmt if col else "text", ""
        )
        lines.append(f"{READABLE_HEADERS.get(key, key)}: {col.meaning if col else ''}.{unit}".replace("..", "."))
    lines += ["", "Sources", "-------"]
    lines += [f"{s['publisher']}: {s['title']} ({s['vintage']}; {s['licence']})" for s in sources(manifest)]
    lines += ["", "Attribution", "-----------"] + (attribution(manifest) or [prov.source])
    return ("\n".join(lines) + "\n").encode("utf-8")


# --- XLSX -----------------------------------------------------------------------------------------------------


def safe_text(value) -> str:
    """Text a spreadsheet shows as text: control characters dropped, formula-like text quoted."""
    return neutralise(ILLEGAL_CHARACTERS_RE.sub("", str(value)))


def _put(ws, row: int, col: int, value, fmt: str = "text"):
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
    bold = Font(bold=True)
    for j, key in enumerate(frame.columns, start=1):
        c = _put(ws, 1, j, key)
        c.font, c.fill = bold, HEADER_FILL
    fmts = [columns[k].fmt if k in columns else "text" for k in frame.columns]
    for i, row in enumerate(frame.itertuples(index=False), start=2):
        for j, (value, fmt) in enumerate(zip(row, fmts), start=1):
            _put(ws, i, j, value, fmt)
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


def _readme_sheet(
    ws,
    frame: pd.DataFrame,
    columns: dict[str, Column],
    prov: Provenance,
    manifest: dict,
    assumptions: Assumptions | None,
) -> None:
    bold, head = Font(bold=True), Font(bold=True, size=13)
    wrap = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 100
    for col in "CDE":
        ws.column_dimensions[col].width = 30
    r = 1
    _put(ws, r, 1, prov.title).font = Font(bold=True, size=15)
    r += 2

    def section(title: str) -> None:
        nonlocal r
        r += 1
        _put(ws, r, 1, title).font = head
        r += 1

    def pair(label: str, text, *more) -> None:
        nonlocal r
        _put(ws, r, 1, label).font = bold
        _put(ws, r, 2, text).alignment = wrap
        for k, extra in enumerate(more, start=3):
            _put(ws, r, k, extra).alignment = wrap
        r += 1

    for label, text in prov.lines()[1:]:
        pair(label, text)
    pair("Rows", f"{len(frame)} rows on the data sheet")

    section("Columns")
    for key in frame.columns:
        col = columns.get(key)
        pair(
            key,
            col.meaning if col else "",
            {"int": "number", "dec": "number", "pct": "percentage", "bool": "TRUE/FALSE"}.get(
                col.fmt if col else "text", "text"
            ),
        )

    if assumptions is not None:
        section("Assumptions in detail")
        pair(
            "Prevalence",
            f"{formats.percent(assumptions.prevalence, trim=True)} (band "
            f"{formats.percent(assumptions.prevalence_low, trim=True)} to "
            f"{formats.percent(assumptions.prevalence_high, trim=True)}) of births a year",
        )
        for band in ("low", "central", "high"):
            s = PREVALENCE[band]
            pair(f"  default {band}", s.label, s.source)
        pair(
            "Families per team",
            f"{formats.whole(assumptions.families_per_team)} a year where a team's own figure is unknown "
            f"(band {formats.whole(assumptions.families_per_team_low)} to "
            f"{formats.whole(assumptions.families_per_team_high)})",
        )
        for band in ("low", "central", "high"):
            s = FAMILIES_PER_TEAM[band]
            pair(f"  default {band}", s.label, s.source)
        pair("Target reach", f"{formats.percent(assumptions.target_reach, trim=True)} of need")

    section("Sources")
    _put(ws, r, 1, "Publisher").font = bold
    for k, label in enumerate(("Title", "Vintage", "Licence"), start=2):
        _put(ws, r, k, label).font = bold
    r += 1
    for s in sources(manifest):
        pair(s["publisher"], s["title"], s["vintage"], s["licence"])

    section("Attribution")
    for line in attribution(manifest) or [prov.source]:
        pair("", line)
    r += 1
    pair(
        "Note",
        f"Text that a spreadsheet could run as a formula (starting with = + - @, tab or carriage return) "
        f"has a ' added in front so it shows as text. Made with the {PRODUCT}.",
    )


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


# --- one call per download button -----------------------------------------------------------------------------
# "csv" is the analyst's file (full precision, keys as headers, provenance lines on top unless
# ``preamble=False``); "readable_csv" and its "readme" sidecar are what the pages offer.
TABLE_FORMATS = ("csv", "readable_csv", "readme", "xlsx")


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
    """The area table at a level as 'csv' or 'xlsx' bytes, with its provenance."""
    from coverage.exports.provenance import provenance

    frame = area_frame(atlas, level, assumptions, table)
    prov = provenance(
        f"Parent-infant team coverage by {LEVELS[level].label.lower()}",
        assumptions,
        atlas.manifest,
        today=today,
        what=area_provenance_what(level),
    )
    if fmt == "csv":
        return to_csv(frame, prov, preamble=preamble)
    if fmt == "readable_csv":
        return to_readable_csv(frame, AREA_COLUMNS)
    if fmt == "readme":
        return csv_readme(frame, AREA_COLUMNS, prov, atlas.manifest)
    if fmt == "xlsx":
        return to_xlsx(frame, prov, atlas.manifest, assumptions=assumptions)
    raise ValueError(f"unknown table format {fmt!r}; choose {', '.join(TABLE_FORMATS)}")


def team_table_export(atlas: Atlas, assumptions: Assumptions, fmt: str, *, today=None, preamble: bool = True) -> bytes:
    """The team directory as 'csv' or 'xlsx' bytes, with which teams count under the assumptions."""
    from coverage.exports.provenance import provenance

    prov = provenance(
        "Parent-infant relationship teams: directory",
        assumptions,
        atlas.manifest,
        today=today,
        what="One row per listed team, with the areas it serves, its public source, whether it "
        "counts under the assumptions and how old its evidence is.",
    )
    frame = team_frame(atlas, assumptions, prov.date)
    if fmt == "csv":
        return to_csv(frame, prov, preamble=preamble)
    if fmt == "readable_csv":
        return to_readable_csv(frame, TEAM_COLUMNS)
    if fmt == "readme":
        return csv_readme(frame, TEAM_COLUMNS, prov, atlas.manifest)
    if fmt == "xlsx":
        return to_xlsx(frame, prov, atlas.manifest, assumptions=assumptions, columns=TEAM_COLUMNS, sheet="Teams")
    raise ValueError(f"unknown table format {fmt!r}; choose {', '.join(TABLE_FORMATS)}")
