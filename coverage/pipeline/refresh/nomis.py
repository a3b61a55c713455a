"""Nomis CSV API: one query, paged by ``RECORD_COUNT``, checked for Nomis's silent truncation.

Nomis answers an over-large query with HTTP 200 and a cut-short body (25,000 cells for a
guest), so a complete answer is proven, never assumed:
- the header must be exactly the ``select`` list asked for (a changed column is a changed product);
- ``RECORD_COUNT`` (the size of the whole query) must be the same on every row, and
  ``RECORD_OFFSET`` must count up from the page's offset without gaps;
- further pages are asked for with ``recordoffset`` until ``RECORD_COUNT`` rows are in hand;
- a page of exactly 25,000 rows that claims to be everything is refused, since a truncated
  answer looks the same.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field

from coverage.pipeline.refresh.errors import RefreshError, Unconfirmed
from coverage.pipeline.refresh.http import Client, Fetched

GUEST_CELL_LIMIT = 25_000
MAX_PAGES = 40


@dataclass
class NomisTable:
    rows: list[dict[str, str]]
    pages: list[Fetched] = field(default_factory=list)

    @property
    def url(self) -> str:
        return self.pages[0].url if self.pages else ""


def _parse_page(fetched: Fetched, header: list[str]) -> list[dict[str, str]]:
    text = fetched.text("utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        got = next(reader)
    except StopIteration:
        raise RefreshError(fetched.source, fetched.url, "empty answer: no header row") from None
    except csv.Error as exc:
        raise RefreshError(fetched.source, fetched.url, f"not CSV ({exc})") from None
    if got != header:
        raise RefreshError(
            fetched.source, fetched.url, f"header changed: expected {','.join(header)}; got {','.join(got)[:400]}"
        )
    rows = []
    try:
        for line_no, values in enumerate(reader, start=2):
            if not values:
                continue
            if len(values) != len(header):
                raise RefreshError(
                    fetched.source,
                    fetched.url,
                    f"line {line_no} has {len(values)} fields, the header {len(header)} (body cut short?)",
                )
            rows.append(dict(zip(header, values)))
    except csv.Error as exc:
        raise RefreshError(fetched.source, fetched.url, f"malformed CSV ({exc})") from None
    return rows


def _int(fetched: Fetched, value: str, what: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise RefreshError(fetched.source, fetched.url, f"{what} is '{value[:40]}', not a whole number") from None


def fetch_csv(client: Client, source: str, dataset: str, params: dict[str, str], header: list[str]) -> NomisTable:
    """Every row of one Nomis query, however many pages it takes, proven complete."""
    url = f"{client.settings.nomis_url}/dataset/{dataset}.data.csv"
    base = dict(params, select=",".join(header))
    if client.settings.nomis_uid:
        base["uid"] = client.settings.nomis_uid
    table = NomisTable(rows=[])
    total: int | None = None
    while total is None or len(table.rows) < total:
        if len(table.pages) >= MAX_PAGES:
            raise RefreshError(source, table.url, f"more than {MAX_PAGES} pages: the query is far larger than expected")
        page_params = dict(base, recordoffset=str(len(table.rows))) if table.rows else base
        fetched = client.get(source, url, page_params)
        table.pages.append(fetched)
        rows = _parse_page(fetched, header)
        if not rows:
            if total is None:
                raise RefreshError(source, fetched.url, "the query returned no rows")
            raise RefreshError(
                source, fetched.url, f"page at offset {len(table.rows)} is empty although RECORD_COUNT is {total}"
            )
        counts = {row["RECORD_COUNT"] for row in rows}
        if len(counts) != 1:
            raise RefreshError(source, fetched.url, "RECORD_COUNT differs between rows of one page")
        page_total = _int(fetched, counts.pop(), "RECORD_COUNT")
        if total is not None and page_total != total:
            raise RefreshError(source, fetched.url, f"RECORD_COUNT changed from {total} to {page_total} between pages")
        total = page_total
        start = len(table.rows)
        if start and rows[0]["RECORD_OFFSET"] == "0":
            raise Unconfirmed(source, fetched.url, "nomis-recordoffset-param", "the next page started again at row 0")
        for i, row in enumerate(rows):
            if _int(fetched, row["RECORD_OFFSET"], "RECORD_OFFSET") != start + i:
                raise RefreshError(
                    source, fetched.url, f"RECORD_OFFSET jumps to {row['RECORD_OFFSET']} at row {start + i}"
                )
        table.rows.extend(rows)
        if len(table.rows) > total:
            raise RefreshError(source, fetched.url, f"{len(table.rows)} rows although RECORD_COUNT is {total}")
        if len(table.pages) == 1 and len(rows) == total == GUEST_CELL_LIMIT:
            raise RefreshError(
                source,
                fetched.url,
                f"exactly {GUEST_CELL_LIMIT:,} rows, Nomis's guest cap: a truncated answer cannot be told from a "
                "complete one; narrow the query or set NOMIS_UID",
            )
    return table


@dataclass(frozen=True)
class DatasetInfo:
    id: str
    title: str
    last_updated: str
    url: str


def dataset_info(client: Client, source: str, dataset: str) -> DatasetInfo:
    """Title and ``LastUpdated`` date of a dataset, from ``{id}.def.sdmx.json``.

    The shape (``structure.keyfamilies.keyfamily[0]`` with ``name.value`` and a ``LastUpdated``
    annotation) is taken from clients and the catalogue listing, not seen for one dataset's
    definition: anything else is an unconfirmed point, named as such.
    """
    params = {"uid": client.settings.nomis_uid} if client.settings.nomis_uid else None
    fetched = client.get(source, f"{client.settings.nomis_url}/dataset/{dataset}.def.sdmx.json", params)
    try:
        family = json.loads(fetched.text())["structure"]["keyfamilies"]["keyfamily"][0]
        title = family["name"]["value"]
        notes = family.get("annotations", {}).get("annotation", [])
        updated = [a.get("annotationtext") for a in notes if a.get("annotationtitle") == "LastUpdated"]
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):
        raise Unconfirmed(
            source,
            fetched.url,
            "nomis-dataset-definition",
            "the definition is not shaped structure.keyfamilies.keyfamily[0].name.value",
        ) from None
    if family.get("id") not in (None, dataset):
        raise RefreshError(source, fetched.url, f"definition is for {family.get('id')}, not {dataset}")
    if not updated or not isinstance(updated[0], str):
        raise Unconfirmed(source, fetched.url, "nomis-last-updated", "the definition carries no LastUpdated annotation")
    return DatasetInfo(dataset, str(title), updated[0], fetched.url)


def retrieved(info: DatasetInfo, pages: list[Fetched], upstream_version: str) -> dict:
    """The manifest's record of where a Nomis source's figures came from: when, which URLs, their checksums."""
    return {
        "at": pages[0].retrieved_at,
        "urls": [info.url] + [p.url for p in pages],
        "sha256": [p.sha256 for p in pages],
        "upstream_version": upstream_version,
    }
