"""The caption every export carries: title, assumptions, source and licence, date.

One definition, so a chart, a spreadsheet, a GIS layer and a PDF made under the same
assumptions say the same thing about themselves. The date is passed in (``today``) so tests
are deterministic; it defaults to the real date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from coverage.model.assumptions import Assumptions
from coverage.model.licence import OGL

PRODUCT = "Parent-Infant Coverage Atlas"

# Short names for the manifest's sources, grouped so a footer stays one line long.
# Order is the order they are named in; ids absent from the manifest are left out.
SHORT_SOURCES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ONS mid-2022 population estimates", ("mye2022",)),
    ("ONS 2023 births", ("births2023",)),
    ("deprivation indices (MHCLG, WG, SG, NISRA)", ("imd2025", "devolved_deprivation")),
    ("boundaries ONS/SG/DoH NI", ("boundaries_lad", "boundaries_icb", "lookups", "health_names")),
    ("team directory from public sources", ("teams_seed",)),
)
# The sources that back the figures in every export; deprivation and births only where used.
CORE_TOPICS = ("ONS mid-2022 population estimates", "boundaries ONS/SG/DoH NI", "team directory from public sources")


def date_text(day: dt.date) -> str:
    """'5 March 2026': unambiguous in the UK and the US alike."""
    return f"{day.day} {day:%B %Y}"


# Sources a refresh can replace with a newer vintage: id prefix -> (listed id, the year in its short name).
REFRESHABLE = {"mye": ("mye2022", "ONS mid-2022 population estimates"), "births": ("births2023", "ONS 2023 births")}


def _refreshed_vintages(ids: set) -> tuple[set, dict[str, str]]:
    """Map a refreshed vintage's id (``mye2023``) onto the listed one, renaming its short name to its year."""
    renames = {}
    for prefix, (listed, name) in REFRESHABLE.items():
        for source_id in [i for i in ids if isinstance(i, str) and i.startswith(prefix) and i != listed]:
            year = source_id[len(prefix) :]
            if year.isdigit():
                ids = (ids - {source_id}) | {listed}
                renames[name] = name.replace(listed[len(prefix) :], year)
    return ids, renames


def source_line(manifest: dict, topics: tuple[str, ...] = CORE_TOPICS) -> str:
    """Short 'Source: ...; ... Licence.' line from the manifest's sources.

    Falls back to naming the atlas's data when the manifest lists no sources (a test atlas).
    """
    ids, renames = _refreshed_vintages({s.get("id") for s in manifest.get("sources", [])})
    names = [renames.get(name, name) for name, source_ids in SHORT_SOURCES if name in topics and ids & set(source_ids)]
    licences = {s.get("licence", "") for s in manifest.get("sources", [])}
    licence = OGL if any(OGL.lower() in lic.lower() for lic in licences) else ""
    if not names:
        return f"Source: {PRODUCT} data (see its manifest)."
    return f"Source: {'; '.join(names)}." + (f" {licence}." if licence else "")


def attribution(manifest: dict) -> list[str]:
    """The full attribution statements the licences ask for, as the manifest gives them."""
    return list(manifest.get("attribution", []))


def sources(manifest: dict) -> list[dict]:
    """Each source with title, publisher, vintage and licence, for README sheets and briefings."""
    return [
        {k: s.get(k, "") for k in ("id", "title", "publisher", "vintage", "licence")}
        for s in manifest.get("sources", [])
    ]


@dataclass(frozen=True)
class Provenance:
    """What an export is, the assumptions, where its data came from, and when it was made."""

    title: str
    assumptions: str
    source: str
    date: dt.date
    what: str = ""  # one sentence on what the export holds
    os_line: str = ""  # Ordnance Survey's attribution, required wherever boundaries appear

    @property
    def made(self) -> str:
        return f"Made {date_text(self.date)} with the {PRODUCT}."

    @property
    def footer(self) -> str:
        """Source, licence and date on one line (images and page footers)."""
        parts = [self.source, self.os_line if self.os_line else "", self.made]
        return " ".join(p for p in parts if p)

    @property
    def subtitle(self) -> str:
        return "Assumptions: " + self.assumptions

    def lines(self) -> list[tuple[str, str]]:
        """(label, text) pairs, for a README sheet, a GIS 'about' layer or CSV header rows."""
        out = [("Title", self.title)]
        if self.what:
            out.append(("What this is", self.what))
        out += [("Assumptions", self.assumptions), ("Source", self.source.removeprefix("Source: "))]
        if self.os_line:
            out.append(("Attribution", self.os_line))
        out.append(("Date", self.date.isoformat()))
        out.append(("Made with", PRODUCT))
        return out


def provenance(
    title: str,
    assumptions: Assumptions,
    manifest: dict,
    *,
    today: dt.date | None = None,
    what: str = "",
    topics: tuple[str, ...] = CORE_TOPICS,
) -> Provenance:
    """The provenance of an export made now (or on ``today``) under ``assumptions``."""
    if assumptions.births_basis == "registered" and "ONS 2023 births" not in topics:
        topics = (*topics[:1], "ONS 2023 births", *topics[1:])
    os_line = next((line for line in manifest.get("attribution", []) if "OS data" in line), "")
    return Provenance(
        title=title,
        assumptions=assumptions.describe(),
        source=source_line(manifest, topics),
        date=today or dt.date.today(),
        what=what,
        os_line=os_line,
    )
