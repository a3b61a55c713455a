"""What every source module gives back, and the district codes every source is checked against.

The expected codes come from the atlas's own district lookup (the one the build uses), so a
refreshed source that gains or loses a district is caught here, before the build would fail
on it or, worse, quietly drop it.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from coverage.pipeline.refresh.errors import RefreshError

DISTRICT_LOOKUP = "geography/lookups/lad24_master_lookup_uk.csv"
NATION_OF_PREFIX = {"E": "E92000001", "W": "W92000004", "S": "S92000003", "N": "N92000002"}
NATION_NAMES = {"E92000001": "England", "W92000004": "Wales", "S92000003": "Scotland", "N92000002": "Northern Ireland"}
DISTRICT_KIND = {
    "E06": "Unitary Authority",
    "W06": "Unitary Authority",
    "E07": "Non-metropolitan District",
    "E08": "Metropolitan District",
    "E09": "London Borough",
    "S12": "Council Area",
    "N09": "Local Government District",
}


@dataclass(frozen=True)
class Districts:
    """The atlas's districts: code to name and nation code."""

    names: dict[str, str]
    nation: dict[str, str]

    @classmethod
    def from_shared(cls, shared: Path) -> Districts:
        try:
            with (shared / DISTRICT_LOOKUP).open(encoding="utf-8", newline="") as fh:
                rows = list(csv.DictReader(fh))
            return cls({r["LAD24CD"]: r["LAD24NM"] for r in rows}, {r["LAD24CD"]: r["CTRY24CD"] for r in rows})
        except (OSError, KeyError) as exc:
            raise RefreshError("districts", "", f"cannot read the district lookup {DISTRICT_LOOKUP} ({exc})") from None

    def codes(self, nations: tuple[str, ...] | None = None) -> set[str]:
        return {c for c, n in self.nation.items() if nations is None or n in nations}


def compare_codes(source: str, url: str, got: set[str], expected: set[str], what: str = "district") -> None:
    """Fail naming the first missing and unexpected codes; a boundary change shows up here."""
    missing, extra = sorted(expected - got), sorted(got - expected)
    problems = []
    if missing:
        problems.append(f"{len(missing)} {what}(s) missing: {', '.join(missing[:10])}")
    if extra:
        problems.append(
            f"{len(extra)} {what}(s) not in the atlas's lookup (a boundary change?): {', '.join(extra[:10])}"
        )
    if problems:
        raise RefreshError(source, url, "; ".join(problems))


@dataclass
class SourceResult:
    """A fetched, validated source: files for the build, its manifest entry and facts for the report."""

    name: str
    replaces: str  # the id of the source it takes the place of in data/manifest.json
    files: dict[str, bytes]  # path inside the shared-data layout -> content
    entry: dict
    facts: dict = field(default_factory=dict)
