"""The directory health page's filter and window as URL parameters, so a regional lead can share their list.

``hnation`` (a nation's name or UK), ``hregion`` (an English region's code), ``hhealth`` (an ICB's or
health board's code) and ``window`` (years of evidence that count as recent). The page's own keys,
apart from the sidebar's ``nation``, so opening /health never changes the map's view. Every value
from the URL is checked; a bad one falls back to its default and says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from coverage.model.health import WINDOW_RANGE, WINDOW_YEARS
from coverage.model.levels import NATIONS
from coverage.present.query import shown

UK = "UK"
NATION_CHOICES = (UK, *NATIONS.values())
KEYS = {"nation": "hnation", "region": "hregion", "health": "hhealth", "window": "window"}


@dataclass(frozen=True)
class HealthFilter:
    nation: str = UK
    region: str = ""
    health: str = ""
    window: int = WINDOW_YEARS


def _first(params: dict, key: str) -> str:
    value = params.get(key, "")
    if isinstance(value, (list, tuple)):
        value = value[0] if value else ""
    return str(value)[:200]


def parse(params: dict, regions: set[str], health: set[str]) -> tuple[HealthFilter, list[str]]:
    """A filter from URL parameters (unknown codes and years dropped, each with a message)."""
    messages = []
    nation = _first(params, KEYS["nation"]) or UK
    if nation not in NATION_CHOICES:
        messages.append(f"'{KEYS['nation']}={shown(nation)}' is not a nation, so the whole UK is shown.")
        nation = UK
    found = {}
    for name, allowed in (("region", regions), ("health", health)):
        code = _first(params, KEYS[name])
        if code and code not in allowed:
            messages.append(f"'{KEYS[name]}={shown(code)}' is not a known {name} code, so it is not applied.")
            code = ""
        found[name] = code
    raw = _first(params, KEYS["window"])
    window = WINDOW_YEARS
    low, high = WINDOW_RANGE
    if raw:
        if raw.isascii() and raw.isdigit() and low <= int(raw) <= high:
            window = int(raw)
        else:
            messages.append(
                f"'window={shown(raw)}' must be a whole number of years from {low} to {high}, "
                f"so {WINDOW_YEARS} is used."
            )
    return HealthFilter(nation, found["region"], found["health"], window), messages


def encode(f: HealthFilter) -> dict[str, str]:
    """Only what differs from the default, so a plain /health link stays plain."""
    out = {}
    if f.nation != UK:
        out[KEYS["nation"]] = f.nation
    if f.region:
        out[KEYS["region"]] = f.region
    if f.health:
        out[KEYS["health"]] = f.health
    if f.window != WINDOW_YEARS:
        out[KEYS["window"]] = str(f.window)
    return out
