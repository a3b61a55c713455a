"""How an area is named when its level matters: "Kent (council)", "Kent (council), which includes Maidstone"."""

from __future__ import annotations

LEVEL_WORDS = {"utla": "council", "lad": "district", "health": "health area", "region": "region", "nation": "nation"}


def area_label(name: str, level: str) -> str:
    """ "Kent (council)", "Maidstone (district)": a name that says which level it is at."""
    return f"{name} ({LEVEL_WORDS.get(level, level)})"


def hit_label(hit) -> str:
    """A search result (``coverage.model.search.Hit``) in words, saying why a larger area is offered."""
    label = area_label(hit.area_name, hit.level)
    return f"{label}, which includes {hit.via}" if hit.via else label
