"""Tables as CSV: the analyst's file, the readable file a page offers, and the readable file's README.

Two CSVs because two readers want different things. An analyst wants full precision and stable
keys as headers, with the provenance on top (lines starting with '#', which ``read_csv_export``
skips). Someone opening a download in a spreadsheet wants one header row in words and figures
rounded as the pages show them (percent as percent, 4.0 not 0.0399...), so everything else about
the table (what it is, assumptions, sources, licence, date, each column's meaning) goes in a
README text file beside it. Both are UTF-8 with a byte-order mark so Excel reads accents, and
formula-like text is neutralised (``coverage.exports.safety``).
"""

from __future__ import annotations

import csv
import io

import pandas as pd

from coverage.exports.provenance import Provenance, attribution, sources
from coverage.exports.safety import safe_frame
from coverage.exports.tables.columns import READABLE_HEADERS, Column

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
