"""The geography levels the atlas reports on, and how each nests.

Every level is built from the same set of *atoms* (a district, or the part of a district in
one ICB where the district is split), so totals agree at every level by construction.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Level:
    key: str
    label: str
    plural: str
    description: str


LEVELS: dict[str, Level] = {
    "utla": Level(
        "utla",
        "Council (upper tier)",
        "councils",
        "Counties and unitary authorities (England), unitary authorities (Wales), "
        "council areas (Scotland) and districts (Northern Ireland)",
    ),
    "lad": Level("lad", "District", "districts", "Local authority districts, all four nations"),
    "health": Level(
        "health",
        "Health area",
        "health areas",
        "Integrated care boards (England), health boards (Wales and Scotland) and "
        "health and social care trusts (Northern Ireland)",
    ),
    "region": Level(
        "region",
        "Region",
        "regions",
        "England's nine regions, with Wales, Scotland and Northern Ireland each as one",
    ),
    "nation": Level("nation", "Nation", "nations", "England, Wales, Scotland, Northern Ireland"),
}

LEVEL_KEYS: tuple[str, ...] = tuple(LEVELS)

NATIONS: dict[str, str] = {
    "E92000001": "England",
    "W92000004": "Wales",
    "S92000003": "Scotland",
    "N92000002": "Northern Ireland",
}
NATION_CODES: dict[str, str] = {name: code for code, name in NATIONS.items()}

# Column in the atoms table that gives each atom's area code at a level.
ATOM_COLUMN: dict[str, str] = {
    "utla": "utla_code",
    "lad": "lad_code",
    "health": "health_code",
    "region": "region_code",
    "nation": "nation_code",
}
