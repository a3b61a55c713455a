"""Finding an area by name at any level, and the bigger areas it sits in.

A commissioner types "Maidstone": it is a district, but Kent County Council commissions for
it, the Kent and Medway ICB holds its health budget, and it is in the South East. Each of
those is a result, said plainly ("Kent (council), which includes Maidstone"). Names match
exact first, then those starting with the text, then those with a word starting with it,
then any that merely contain it; never by fuzzy letter order (which offered "Dumfries and
Galloway" for "Medway").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from coverage.model.atlas import Atlas
from coverage.model.levels import ATOM_COLUMN

MAX_QUERY_CHARS = 100
# Which larger areas are worth offering for a hit at each level, in the order shown.
CONTAINERS = {
    "lad": ("utla", "health", "region"),
    "utla": ("health", "region"),
    "health": ("region",),
    "region": ("nation",),
    "nation": (),
}
MATCH_ORDER = ("exact", "prefix", "word", "contains")
# Words that do not identify an area on their own ("NHS", "Council" ...) are ignored in matching
# against the start of a name, so "Kent" finds "NHS Kent and Medway Integrated Care Board" as a word match.


@dataclass(frozen=True)
class Hit:
    level: str
    area_code: str
    area_name: str
    match: str  # one of MATCH_ORDER, or "contains" for a larger area holding a hit
    via: str = ""  # the name of the hit this larger area contains, if it is one


def normalise(text: str) -> str:
    """Lower case, "&" as "and", punctuation as spaces, runs of spaces as one."""
    text = text[:MAX_QUERY_CHARS].lower().replace("&", " and ")
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def _match(name: str, query: str) -> str | None:
    n = normalise(name)
    if n == query:
        return "exact"
    if n.startswith(query):
        return "prefix"
    if (" " + n).find(" " + query) >= 0:
        return "word"
    if query in n:
        return "contains"
    return None


def containers(atlas: Atlas, level: str, code: str) -> list[tuple[str, str]]:
    """(level, code) of the larger areas that hold the area's babies, most babies first per level."""
    atoms = atlas.atoms
    inside = atoms[atoms[ATOM_COLUMN[level]] == code]
    out = []
    for parent in CONTAINERS[level]:
        by = inside.assign(_w=inside["age0"] * inside.get("share", 1.0)).groupby(ATOM_COLUMN[parent])["_w"].sum()
        for parent_code in by[by > 0].sort_values(ascending=False).index:
            if parent_code != code:
                out.append((parent, parent_code))
    return out


def find(atlas: Atlas, text: str, levels=None, limit: int = 12) -> list[Hit]:
    """Areas whose names match ``text``, best match first, each followed by the larger areas it sits in.

    ``levels`` restricts which levels are offered (both direct hits and containers). Ties within
    a match kind are by level (council, district, health area, region, nation) then name.
    """
    query = normalise(text)
    if not query:
        return []
    levels = tuple(levels) if levels else tuple(CONTAINERS)
    areas = atlas.areas
    kinds = areas["area_name"].map(lambda n: _match(n, query))
    found = areas.assign(match_kind=kinds).dropna(subset=["match_kind"])
    level_rank = {lvl: i for i, lvl in enumerate(("utla", "lad", "health", "region", "nation"))}
    found = found.assign(
        kind_rank=found["match_kind"].map(MATCH_ORDER.index), level_rank=found["level"].map(level_rank)
    ).sort_values(["kind_rank", "level_rank", "area_name"])
    names = {(r.level, r.area_code): r.area_name for r in areas.itertuples()}
    unambiguous = found.loc[found["match_kind"].isin(["exact", "prefix"]), "area_name"].nunique() == 1
    hits: list[Hit] = []
    seen: set[tuple[str, str]] = set()

    def add(hit: Hit) -> None:
        if (hit.level, hit.area_code) not in seen and hit.level in levels:
            seen.add((hit.level, hit.area_code))
            hits.append(hit)

    for r in found.itertuples():
        add(Hit(r.level, r.area_code, r.area_name, r.match_kind))
        # A district or council that matched exactly (or is the only one starting with the text)
        # brings the larger areas it sits in straight after it: that is what "Maidstone" is asked
        # for at council level. Broad text ("north") does not, or larger areas would crowd out names.
        if r.level in ("lad", "utla") and (r.match_kind == "exact" or (r.match_kind == "prefix" and unambiguous)):
            for parent, code in containers(atlas, r.level, r.area_code):
                add(Hit(parent, code, names.get((parent, code), code), "contains", r.area_name))
        if len(hits) >= limit:
            break
    return hits[:limit]


def as_table(hits: list[Hit]) -> pd.DataFrame:
    return pd.DataFrame([h.__dict__ for h in hits], columns=["level", "area_code", "area_name", "match", "via"])
