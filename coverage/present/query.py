"""Reading and writing the view in the URL, so any view can be shared and reopened exactly.

Everything arriving in a query string is untrusted: each value is checked against what it
may be. A number outside its range (``coverage.model.ranges``, the same ranges the widgets use)
becomes the nearest accepted value; anything unreadable becomes its default. Either way the page
shows a message, never an exception.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from coverage.model import ranges
from coverage.model.assumptions import BIRTHS_BASES, EARLIEST_EVIDENCE_YEAR, Assumptions
from coverage.model.directory import CONFIDENCES, KINDS, TEAM_STATUSES
from coverage.model.levels import LEVEL_KEYS, NATIONS
from coverage.present.metrics import METRICS

NATION_CHOICES = ("UK",) + tuple(NATIONS.values())
AREA_CODE = re.compile(r"^[A-Z0-9]{1,12}$")
MAX_PARAM_CHARS = 200


@dataclass(frozen=True)
class View:
    level: str = "utla"
    metric: str = "reach"
    nation: str = "UK"
    area: str = ""
    assumptions: Assumptions = field(default_factory=Assumptions)


DEFAULT = View()


def shown(value: str) -> str:
    """A user-supplied value made safe to echo in a message (no markup survives)."""
    return re.sub(r"[^A-Za-z0-9 .,%_-]", "?", value[:40])


def _first(params, key: str) -> str | None:
    value = params.get(key)
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    if value is None:
        return None
    return str(value)[:MAX_PARAM_CHARS].strip()


def _number(text: str, percent_allowed: bool) -> float | None:
    """A finite number from the text ('15%' is 0.15 where shares are meant), or None."""
    try:
        if percent_allowed and text.endswith("%"):
            value = float(text[:-1]) / 100
        else:
            value = float(text)
    except ValueError:
        return None
    return value if ranges.finite(value) else None


def _in_range(key: str, text: str, allowed: ranges.Range, default: float, messages: list[str], percent: bool) -> float:
    """The parameter's value, moved to the nearest accepted one when outside its range (with a message)."""
    show = (lambda v: f"{v:.1%}".replace(".0%", "%")) if percent else (lambda v: f"{v:,g}")
    value = _number(text, percent_allowed=percent)
    if value is None:
        messages.append(
            f"'{key}={shown(text)}' must be {allowed.describe(as_percent=percent)}, so the default "
            f"{show(default)} is used."
        )
        return default
    if value not in allowed:
        nearest = allowed.nearest(value)
        messages.append(
            f"'{key}={shown(text)}' is outside the range ({allowed.describe(as_percent=percent)}), "
            f"so the nearest value, {show(nearest)}, is used."
        )
        return nearest
    return value


def parse(params, known_areas: set[str] | None = None) -> tuple[View, list[str]]:
    """A View from query parameters, plus a friendly message per value that was not usable."""
    view = DEFAULT
    a = view.assumptions
    messages: list[str] = []

    def choice(key: str, allowed, current):
        value = _first(params, key)
        if value is None or value == "":
            return current
        if value in allowed:
            return value
        messages.append(f"'{key}={shown(value)}' is not recognised, so the default '{current}' is shown.")
        return current

    level = choice("level", LEVEL_KEYS, view.level)
    metric = choice("metric", METRICS, view.metric)
    nation = choice("nation", NATION_CHOICES, view.nation)
    area = _first(params, "area") or ""
    if area and (not AREA_CODE.match(area) or (known_areas is not None and area not in known_areas)):
        messages.append(f"No area has the code '{shown(area)}', so no area is selected.")
        area = ""

    prev = _first(params, "prev")
    if prev:
        a = a.with_prevalence(_in_range("prev", prev, ranges.PREVALENCE, a.prevalence, messages, percent=True))
    fpt = _first(params, "fpt")
    if fpt:
        families = _in_range("fpt", fpt, ranges.FAMILIES_PER_YEAR, a.families_per_team, messages, percent=False)
        a = a.with_families_per_team(families)
    cost = _first(params, "cost")
    if cost:
        a = a.with_cost_per_team(
            round(_in_range("cost", cost, ranges.COST_PER_TEAM_YEAR, a.cost_per_team, messages, percent=False))
        )
    births = choice("births", BIRTHS_BASES, a.births_basis)
    target = _first(params, "target")
    target_value = a.target_reach
    if target:
        target_value = _in_range("target", target, ranges.TARGET_REACH, a.target_reach, messages, percent=True)
    conf = _set(params, "conf", CONFIDENCES, a.counted_confidence, messages)
    kinds = _set(params, "kinds", KINDS, a.counted_kinds, messages)
    unknown = _first(params, "unknown")
    count_unknown = a.count_unknown_status
    if unknown in ("0", "1"):
        count_unknown = unknown == "1"
    elif unknown:
        messages.append(f"'unknown={shown(unknown)}' must be 0 or 1, so the default is used.")
    a = replace(
        a,
        births_basis=births,
        target_reach=target_value,
        counted_confidence=conf,
        counted_kinds=kinds,
        count_unknown_status=count_unknown,
        evidence_since=_since(params, messages),
    )
    return View(level=level, metric=metric, nation=nation, area=area, assumptions=a), messages


def _since(params, messages: list[str]) -> int | None:
    """``since=YEAR``: count only teams with dated evidence from that year on (absent = off)."""
    value = _first(params, "since")
    if not value:
        return None
    this_year = dt.date.today().year
    if value.isascii() and value.isdigit() and EARLIEST_EVIDENCE_YEAR <= int(value) <= this_year:
        return int(value)
    messages.append(
        f"'since={shown(value)}' must be a year from {EARLIEST_EVIDENCE_YEAR} to {this_year}, "
        "so teams are counted whatever the age of their evidence."
    )
    return None


def _set(params, key: str, allowed, current: frozenset[str], messages: list[str]) -> frozenset[str]:
    value = _first(params, key)
    if not value:
        return current
    parts = {p.strip() for p in value.split(",") if p.strip()}
    if not parts or not parts <= set(allowed):
        messages.append(f"'{key}={shown(value)}' must list some of {', '.join(allowed)}, so the default is used.")
        return current
    return frozenset(parts)


def encode(view: View) -> dict[str, str]:
    """Query parameters for a view, leaving out whatever equals the default (short URLs)."""
    out: dict[str, str] = {}
    d, a, da = DEFAULT, view.assumptions, DEFAULT.assumptions
    for key in ("level", "metric", "nation", "area"):
        if getattr(view, key) != getattr(d, key):
            out[key] = getattr(view, key)
    if a.prevalence != da.prevalence:
        out["prev"] = f"{a.prevalence:g}"
    if a.families_per_team != da.families_per_team:
        out["fpt"] = f"{a.families_per_team:g}"
    if a.cost_per_team != da.cost_per_team:
        out["cost"] = f"{a.cost_per_team:g}"
    if a.births_basis != da.births_basis:
        out["births"] = a.births_basis
    if a.target_reach != da.target_reach:
        out["target"] = f"{a.target_reach:g}"
    if a.counted_confidence != da.counted_confidence:
        out["conf"] = ",".join(c for c in CONFIDENCES if c in a.counted_confidence)
    if a.counted_kinds != da.counted_kinds:
        out["kinds"] = ",".join(k for k in KINDS if k in a.counted_kinds)
    if a.count_unknown_status != da.count_unknown_status:
        out["unknown"] = "1" if a.count_unknown_status else "0"
    if a.evidence_since is not None:
        out["since"] = str(a.evidence_since)
    return out


# --------------------------------------------------------------------------------------------
# Page-level URL state: the team map's filters (Team directory), a listing (Check a listing) and
# the coverage map's 3D toggle. Kept apart from View, which every page shares: these belong to one
# page each, and their keys are prefixed so they never collide with the assumptions above.
# --------------------------------------------------------------------------------------------

DIRECTORY_NATIONS = tuple(NATIONS.values()) + ("Unknown",)
TEAM_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
THREE_D_KEY = "d3"


@dataclass(frozen=True)
class TeamFilter:
    """The directory list's and team map's filters; empty means "all"."""

    nations: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    confidences: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()


# field -> (URL key, allowed values in display order)
TEAM_FILTER_KEYS = {
    "nations": ("tnation", DIRECTORY_NATIONS),
    "statuses": ("tstatus", TEAM_STATUSES),
    "confidences": ("tconf", CONFIDENCES),
    "kinds": ("tkind", KINDS),
}


def parse_team_filter(params) -> tuple[TeamFilter, list[str]]:
    """Filters from the URL; an unknown value drops that filter (shows all) with a message."""
    messages: list[str] = []
    chosen = {}
    for name, (key, allowed) in TEAM_FILTER_KEYS.items():
        picked = _set(params, key, allowed, frozenset(), messages)
        chosen[name] = tuple(v for v in allowed if v in picked)
    return TeamFilter(**chosen), messages


def encode_team_filter(f: TeamFilter) -> dict[str, str]:
    return {key: ",".join(getattr(f, name)) for name, (key, _) in TEAM_FILTER_KEYS.items() if getattr(f, name)}


def parse_team_id(params, known: set[str]) -> tuple[str, list[str]]:
    """The listing named by ``team=``, or "" with a message when no listing has that id."""
    value = _first(params, "team") or ""
    if value and (not TEAM_ID.match(value) or value not in known):
        return "", [f"No listing has the id '{shown(value)}', so none is selected."]
    return value, []


SUGGEST_KEY = "suggest_for"  # /check?suggest_for=E10000016: "Suggest a new team" open, that area filled in


def parse_suggest_for(params, known: set[str]) -> tuple[str, list[str]]:
    """The area a new-team suggestion is invited for (``suggest_for=``), or "" with a message if unknown."""
    value = _first(params, SUGGEST_KEY) or ""
    if value and (not AREA_CODE.match(value) or value not in known):
        return "", [f"No area has the code '{shown(value)}', so the new-team form starts empty."]
    return value, []


def parse_three_d(params) -> tuple[bool, list[str]]:
    value = _first(params, THREE_D_KEY)
    if value in (None, "", "0"):
        return False, []
    if value == "1":
        return True, []
    return False, [f"'{THREE_D_KEY}={shown(value)}' must be 0 or 1, so the flat map is shown."]
