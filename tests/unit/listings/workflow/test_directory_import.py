"""Bad directory files: each gets its exact, actionable message.

Every file case goes through the upload check (Review page) and ``check-directory`` and the
two must report the same problems; nothing raises a traceback."""

from __future__ import annotations

import csv
import io
import zipfile

import openpyxl
import pytest

from coverage.cli import main
from coverage.listings.workflow.directory_import import check
from coverage.model.directory import COLUMNS
from coverage.model.values import cell_text


def base_rows(atlas, n=3) -> list[dict]:
    rows = []
    for r in atlas.teams.head(n).to_dict("records"):
        r["area_codes"] = ";".join(r["area_codes"])
        r["families_per_year"] = cell_text(r["families_per_year"])
        rows.append({c: str(r[c]) for c in COLUMNS})
    return rows


def to_csv(rows, columns=COLUMNS) -> bytes:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


def to_xlsx(rows, columns=COLUMNS, formula_at=None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(columns)
    for r in rows:
        sheet.append([r.get(c, "") for c in columns])
    if formula_at:
        sheet[formula_at] = '=HYPERLINK("http://x","y")'
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def edit(field, value, row=0):
    def f(rows):
        rows[row][field] = value
        return to_csv(rows)

    return f


def zip_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"<" + b"a" * 60_000_000 + b">")
    return buf.getvalue()


def many_parts() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for i in range(300):
            z.writestr(f"p{i}.xml", "x")
    return buf.getvalue()


FILES = [
    # (id, file name, maker(rows) -> bytes, expected message)
    ("latin1", "t.csv", lambda r: "team_id,name\nx,Caf\xe9\n".encode("latin-1"), "is not UTF-8 text"),
    ("empty", "t.csv", lambda r: b"", "is empty"),
    ("blank", "t.csv", lambda r: b"   \n\n", "is empty"),
    (
        "missing-column",
        "t.csv",
        lambda r: to_csv(r, [c for c in COLUMNS if c != "status"]),
        "missing column(s): status",
    ),
    (
        "duplicate-column",
        "t.csv",
        lambda r: (",".join(COLUMNS + ["name"]) + "\n").encode(),
        "duplicate column(s): name",
    ),
    (
        "too-many-values",
        "t.csv",
        lambda r: to_csv(r) + b"a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s,t,u,v,w,x,y\n",
        "has more values than the header",
    ),
    (
        "duplicate-id",
        "t.csv",
        lambda r: (r.__setitem__(1, {**r[1], "team_id": r[0]["team_id"]}), to_csv(r))[1],
        "is used already on line 2",
    ),
    ("bad-status", "t.csv", edit("status", "activ"), "'activ' is not one of active, closed, unknown"),
    ("bad-confidence", "t.csv", edit("confidence", "sure"), "'sure' is not one of verified, reported, unconfirmed"),
    ("bad-kind", "t.csv", edit("kind", "team"), "'team' is not one of specialised, borderline, other"),
    ("unknown-code", "t.csv", edit("area_codes", "E99999999"), "E99999999 not a known utla code"),
    ("bad-level", "t.csv", edit("area_level", "ward"), "'ward' is not one of utla, lad, health, region, nation"),
    ("codes-no-level", "t.csv", edit("area_level", ""), "is required when area_codes is given"),
    ("repeated-code", "t.csv", edit("area_codes", "E10000025;E10000025"), "lists a code twice"),
    (
        "no-areas",
        "t.csv",
        lambda r: (r[0].update(area_codes="", area_level="", unresolved_areas=""), to_csv(r))[1],
        "is empty; give the areas served",
    ),
    ("families-text", "t.csv", edit("families_per_year", "abc"), "'abc' must be a whole number from 1 to 5000"),
    ("families-zero", "t.csv", edit("families_per_year", "0"), "'0' must be a whole number"),
    ("families-huge", "t.csv", edit("families_per_year", "99999"), "'99999' must be a whole number"),
    ("families-negative", "t.csv", edit("families_per_year", "-5"), "'-5' must be a whole number"),
    ("families-superscript", "t.csv", edit("families_per_year", "²"), "'²' must be a whole number"),
    ("families-decimal", "t.csv", edit("families_per_year", "12.5"), "'12.5' must be a whole number"),
    (
        "website-js",
        "t.csv",
        edit("website", "javascript:alert(1)"),
        "'javascript:alert(1)' is not an http(s) web address",
    ),
    ("source-data-url", "t.csv", edit("source_url", "data:text/html,<script>"), "is not an http(s) web address"),
    ("future-date", "t.csv", edit("last_verified", "2999-01-01"), "'2999-01-01' is in the future"),
    ("uk-date", "t.csv", edit("last_verified", "27/11/2025"), "must be a date written YYYY-MM-DD"),
    ("old-year", "t.csv", edit("year_established", "1850"), "'1850' must be a year from 1900"),
    ("bad-id", "t.csv", edit("team_id", "My Team!"), "must be lowercase letters, digits and single hyphens"),
    ("control-chars", "t.csv", edit("name", "Team\x07Bell"), "contains control characters"),
    ("too-long", "t.csv", edit("notes", "x" * 5000), "is 5000 characters; the limit is 4000"),
    ("no-name", "t.csv", edit("name", ""), "field 'name': is required"),
    (
        "bad-nation",
        "t.csv",
        edit("nation", "Atlantis"),
        "'Atlantis' is not one of England, Wales, Scotland, Northern Ireland",
    ),
    ("bad-overlap", "t.csv", edit("overlaps_with", "ghost-team"), "'ghost-team' is not a team_id in this file"),
    (
        "too-many-rows",
        "t.csv",
        lambda r: to_csv(
            [
                {
                    **{c: "" for c in COLUMNS},
                    "team_id": f"t-{i}",
                    "name": "T",
                    "status": "active",
                    "confidence": "reported",
                    "kind": "other",
                    "unresolved_areas": "none",
                }
                for i in range(5001)
            ]
        ),
        "has more than 5000 rows",
    ),
    ("too-big", "t.csv", lambda r: b"x" * 2_100_000, "the limit is 2000 KB"),
    ("xlsx-formula", "t.xlsx", lambda r: to_xlsx(r, formula_at="B2"), "field 'name': is a formula; paste values only"),
    ("xlsx-zip-bomb", "t.xlsx", lambda r: zip_bomb(), "possible zip bomb"),
    ("xlsx-not-zip", "t.xlsx", lambda r: b"PK\x03\x04 this is not really a zip", "the zip container is damaged"),
    ("xlsx-many-parts", "t.xlsx", lambda r: many_parts(), "holds 300 parts"),
    (
        "xlsx-missing-column",
        "t.xlsx",
        lambda r: to_xlsx(r, [c for c in COLUMNS if c != "kind"]),
        "missing column(s): kind",
    ),
    ("xlsx-bad-status", "t.xlsx", lambda r: (r[0].update(status="open"), to_xlsx(r))[1], "'open' is not one of active"),
    ("xlsx-csv-inside", "t.xlsx", lambda r: to_csv(r), None),  # a CSV named .xlsx: read as CSV, valid
]


@pytest.mark.parametrize("case_id,name,maker,expected", FILES, ids=[f[0] for f in FILES])
def test_bad_directory_file(atlas, tmp_path, capsys, case_id, name, maker, expected):
    data = maker(base_rows(atlas))
    frame, problems = check(name, data, atlas.known_codes())
    messages = [str(p) for p in problems]
    if expected is None:
        assert problems == [] and len(frame) == 3
    else:
        assert any(expected in m for m in messages), messages
        # The first row's problems name its line (2) and its field where a row is at fault.
        assert all(m.startswith(name) for m in messages)
    # The command line reports exactly the same.
    path = tmp_path / name
    path.write_bytes(data)
    code = main(["check-directory", str(path)])
    out = capsys.readouterr()
    assert code == (0 if expected is None else 1)
    assert [line for line in out.out.splitlines() if line and "valid team rows" not in line] == messages
    assert "Traceback" not in out.out + out.err


def test_a_valid_xlsx_round_trips(atlas):
    frame, problems = check("good.xlsx", to_xlsx(base_rows(atlas, 5)), atlas.known_codes())
    assert problems == [] and list(frame["team_id"]) == list(atlas.teams["team_id"].head(5))


def test_hostile_text_is_kept_as_text(atlas):
    rows = base_rows(atlas)
    rows[0]["name"] = '=HYPERLINK("http://x","y")'
    rows[1]["name"] = "<img src=x onerror=alert(1)>"
    frame, problems = check("t.csv", to_csv(rows), atlas.known_codes())
    assert problems == []
    assert list(frame["name"].head(2)) == ['=HYPERLINK("http://x","y")', "<img src=x onerror=alert(1)>"]


def test_the_unedited_rows_are_valid(atlas):
    """The control for every case above: without its one fault, the same rows pass, so each refusal is the fault's."""
    frame, problems = check("t.csv", to_csv(base_rows(atlas)), atlas.known_codes())
    assert problems == [] and len(frame) == 3


def test_case_ids_are_unique():
    ids = [case[0] for case in FILES]
    assert len(ids) == len(set(ids))
