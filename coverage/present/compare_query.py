"""The Compare page's controls as URL parameters, so a comparison can be shared and reopened.

Kept apart from ``query`` (the sidebar's assumptions and the map's view): Compare has its own
controls, and its set of picked areas can span levels (``pick=utla:E10000016,lad:E07000110``).
Every value from the URL is checked; a bad one falls back to its default and says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from coverage.model.levels import LEVEL_KEYS
from coverage.present.metrics import METRICS
from coverage.present.query import NATION_CHOICES, shown

MAX_PICKS = 30
SHOW_RANGE = (5, 25)
DEFAULT_SHOW = 10


@dataclass(frozen=True)
class CompareState:
    level: str = "utla"
    metric: str = "reach"
    nation: str = "UK"
    region: str = "All"
    family_hubs_only: bool = False
    no_team_only: bool = False
    deciles: tuple[int, ...] = ()
    show: int = DEFAULT_SHOW
    picks: tuple[tuple[str, str], ...] = ()


DEFAULT = CompareState()


def _first(params: dict, key: str) -> str:
    value = params.get(key, "")
    if isinstance(value, list):
        value = value[0] if value else ""
    return str(value)[:2000]


def parse(
    params: dict, known_codes: dict[str, set[str]], regions: set[str] = frozenset()
) -> tuple[CompareState, list[str]]:
    """A CompareState from URL parameters, and a message for each value that was not usable."""
    messages: list[str] = []

    def choice(key: str, allowed, default):
        raw = _first(params, key)
        if not raw:
            return default
        if raw in allowed:
            return raw
        messages.append(f"'{key}={shown(raw)}' is not one of the choices, so '{default}' is used.")
        return default

    level = choice("level", LEVEL_KEYS, DEFAULT.level)
    metric = choice("metric", METRICS, DEFAULT.metric)
    nation = choice("nation", NATION_CHOICES, DEFAULT.nation)
    region = choice("region", regions, DEFAULT.region)
    deciles: list[int] = []
    raw = _first(params, "deciles")
    for part in filter(None, raw.split(",")):
        if part.isdigit() and 1 <= int(part) <= 10:
            deciles.append(int(part))
        else:
            messages.append(
                f"'deciles={shown(raw)}' must list whole numbers from 1 to 10; '{shown(part)}' is left out."
            )
    show = DEFAULT.show
    raw = _first(params, "show")
    if raw:
        if raw.isdigit() and SHOW_RANGE[0] <= int(raw) <= SHOW_RANGE[1]:
            show = int(raw)
        else:
            messages.append(f"'show={shown(raw)}' must be from {SHOW_RANGE[0]} to {SHOW_RANGE[1]}, so {show} is used.")
    picks: list[tuple[str, str]] = []
    raw = _first(params, "pick")
    for part in filter(None, raw.split(",")[: MAX_PICKS + 1]):
        lvl, _, code = part.partition(":")
        if lvl in known_codes and code in known_codes[lvl]:
            if (lvl, code) not in picks and len(picks) < MAX_PICKS:
                picks.append((lvl, code))
        else:
            messages.append(f"'{shown(part)}' in 'pick' is not a known area, so it is left out.")
    return (
        CompareState(
            level=level,
            metric=metric,
            nation=nation,
            region=region,
            family_hubs_only=_first(params, "hubs") == "1",
            no_team_only=_first(params, "noteam") == "1",
            deciles=tuple(sorted(set(deciles))),
            show=show,
            picks=tuple(picks),
        ),
        messages,
    )


def encode(state: CompareState) -> dict[str, str]:
    """URL parameters for the state: only what differs from the default, so links stay short."""
    out: dict[str, str] = {}
    for key in ("level", "metric", "nation", "region"):
        if getattr(state, key) != getattr(DEFAULT, key):
            out[key] = getattr(state, key)
    if state.family_hubs_only:
        out["hubs"] = "1"
    if state.no_team_only:
        out["noteam"] = "1"
    if state.deciles:
        out["deciles"] = ",".join(str(d) for d in sorted(state.deciles))
    if state.show != DEFAULT.show:
        out["show"] = str(state.show)
    if state.picks:
        out["pick"] = ",".join(f"{lvl}:{code}" for lvl, code in state.picks)
    return out


KEYS = ("level", "metric", "nation", "region", "hubs", "noteam", "deciles", "show", "pick")


def filter_words(nation: str, region: str, family_hubs_only: bool, no_team_only: bool, deciles) -> str:
    """The ranking's filters in words, for an exported chart's title ("" when it shows the whole UK)."""
    parts = [region if region and region != "All" else (nation if nation != "UK" else "")]
    if family_hubs_only:
        parts.append("Family Hubs authorities only")
    if no_team_only:
        parts.append("areas with no team listed only")
    if deciles:
        parts.append("deprivation decile " + ", ".join(str(d) for d in sorted(deciles)))
    return ", ".join(p for p in parts if p)
