"""Finding an area by name at any level, and the bigger areas it sits in.

A commissioner types "Maidstone": it is a district, but Kent County Council commissions for
it, the Kent and Medway ICB holds its health budget, and it is in the South East. Each of
those is a result, said plainly ("Kent (council), which includes Maidstone"). Names match
exact first, then those starting with the text as a whole word, then those with a whole word
equal to it, then part-word matches (so "Kent" offers Kent, and Kent and Medway, before any
"Kentish" name), then any that merely contain it; never by fuzzy letter order (which offered
"Dumfries and Galloway" for "Medway").

Besides its official name, an area is found by the names people use (``coverage.model.aliases``):
its short name ("Gloucestershire ICB"), an abbreviation ("BNSSG", typed whole) or its Welsh name
("Caerdydd"). Text ending in "ICB", "health board" or "trust" looks among health areas only, for
what comes before it ("Cardiff health board").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from coverage.model.aliases import other_names
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
MATCH_ORDER = ("exact", "prefix", "word", "part_prefix", "part_word", "contains")
# Endings that say "a health area": the text before them is looked for among health areas only.
HEALTH_ENDINGS = (
    " integrated care board",
    " university health board",
    " health and social care trust",
    " health board",
    " icb",
    " lhb",
    " uhb",
    " hb",
    " trust",
    " board",
)
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
    if (n + " ").startswith(query + " "):
        return "prefix"
    if (" " + n + " ").find(" " + query + " ") >= 0:
        return "word"
    if n.startswith(query):
        return "part_prefix"
    if (" " + n).find(" " + query) >= 0:
        return "part_word"
    if query in n:
        return "contains"
    return None


def health_core(query: str) -> str | None:
    """The text before an ending such as "ICB" or "health board" ("gloucestershire icb" -> "gloucestershire")."""
    for ending in HEALTH_ENDINGS:
        if query.endswith(ending) and query[: -len(ending)].strip():
            return query[: -len(ending)].strip()
    return None


def _best_matches(areas: pd.DataFrame, query: str) -> pd.DataFrame:
    """Each matching area once, with its best match kind over all its names."""
    rank = {k: i for i, k in enumerate(MATCH_ORDER)}
    core = health_core(query)
    best: dict[tuple[str, str], int] = {}

    def offer(level: str, code: str, name: str, whole_only: bool) -> None:
        for text, health_only in ((query, False), (core, True)):
            if text is None or (health_only and level != "health"):
                continue
            kind = ("exact" if normalise(name) == text else None) if whole_only else _match(name, text)
            if kind is not None and rank[kind] < best.get((level, code), len(rank)):
                best[(level, code)] = rank[kind]

    for row in areas.itertuples():
        offer(row.level, row.area_code, row.area_name, False)
    for level, code, name, whole_only in other_names(areas):
        offer(level, code, name, whole_only)
    keys = pd.MultiIndex.from_frame(areas[["level", "area_code"]])
    kinds = [MATCH_ORDER[best[k]] if k in best else None for k in keys]
    return areas.assign(match_kind=kinds).dropna(subset=["match_kind"])


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
    found = _best_matches(areas, query)
    level_rank = {lvl: i for i, lvl in enumerate(("utla", "lad", "health", "region", "nation"))}
    found = found.assign(
        kind_rank=found["match_kind"].map(MATCH_ORDER.index), level_rank=found["level"].map(level_rank)
    ).sort_values(["kind_rank", "level_rank", "area_name"])
    names = {(r.level, r.area_code): r.area_name for r in areas.itertuples()}
    unambiguous = found.loc[found["match_kind"].isin(["exact", "prefix", "part_prefix"]), "area_name"].nunique() == 1
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
        if r.level in ("lad", "utla") and (
            r.match_kind == "exact" or (r.match_kind in ("prefix", "part_prefix") and unambiguous)
        ):
            for parent, code in containers(atlas, r.level, r.area_code):
                add(Hit(parent, code, names.get((parent, code), code), "contains", r.area_name))
        if len(hits) >= limit:
            break
    return hits[:limit]


def as_table(hits: list[Hit]) -> pd.DataFrame:
    return pd.DataFrame([h.__dict__ for h in hits], columns=["level", "area_code", "area_name", "match", "via"])
