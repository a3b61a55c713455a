"""Scenarios: the current directory plus changes, as a document that can be saved and shared.

A scenario is data, never code: a small JSON document of changes (add a team, resize one,
close one, re-open one) that can be saved to a file or carried in a URL. Everything that
arrives from outside is checked field by field; a bad scenario changes nothing and says why.
What a scenario would do to coverage is worked out in ``scenario_effect``.
"""

from __future__ import annotations

import base64
import json
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from coverage.model import ranges
from coverage.model.atlas import Atlas
from coverage.model.directory import SLUG
from coverage.model.levels import LEVEL_KEYS

FORMAT_VERSION = 1
MAX_CHANGES = 100
MAX_JSON_BYTES = 64_000
MAX_URL_CHARS = 6_000
MAX_NAME_CHARS = 120
ACTIONS = ("add", "resize", "close", "reopen")
NEW_TEAM_PREFIX = "scenario-team-"


class ScenarioError(ValueError):
    """A scenario that cannot be used; ``problems`` says what is wrong with each part."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Change:
    action: str
    team_id: str
    name: str = ""
    area_level: str = ""
    area_codes: tuple[str, ...] = ()
    families_per_year: float | None = None
    wte: float | None = None
    families_per_wte: float | None = None
    scale: float | None = None

    def families(self) -> float | None:
        """Families a year for an added or resized team (from WTE when given that way)."""
        if self.families_per_year is not None:
            return self.families_per_year
        if self.wte is not None and self.families_per_wte is not None:
            return self.wte * self.families_per_wte
        return None

    def to_dict(self) -> dict:
        out = {"action": self.action, "team_id": self.team_id}
        for key in ("name", "area_level", "families_per_year", "wte", "families_per_wte", "scale"):
            value = getattr(self, key)
            if value not in (None, ""):
                out[key] = value
        if self.area_codes:
            out["area_codes"] = list(self.area_codes)
        return out


@dataclass(frozen=True)
class Scenario:
    name: str = "Untitled scenario"
    changes: tuple[Change, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict:
        return {"version": FORMAT_VERSION, "name": self.name, "changes": [c.to_dict() for c in self.changes]}

    def added_ids(self) -> set[str]:
        return {c.team_id for c in self.changes if c.action == "add"}

    def new_team_id(self, taken: Iterable[str]) -> str:
        """An id for a hypothetical team that no listed team and no team in this scenario uses.

        Counting the teams added so far is not enough: after add, remove, add the count repeats an
        id still in use, and the scenario's own link is then refused as "already in use".
        """
        used = self.added_ids() | set(taken)
        n = 1
        while f"{NEW_TEAM_PREFIX}{n}" in used:
            n += 1
        return f"{NEW_TEAM_PREFIX}{n}"

    def with_change(self, change: Change) -> Scenario:
        """The scenario with one more change; adding a team under an id already added is refused."""
        if change.action == "add" and change.team_id in self.added_ids():
            raise ScenarioError([f"team_id '{change.team_id}' is already in use"])
        return Scenario(self.name, self.changes + (change,))

    def without(self, index: int) -> Scenario:
        """The scenario less one change; removing an added team also removes the changes made to it."""
        removed = self.changes[index]
        orphaned = removed.team_id if removed.action == "add" else None
        return Scenario(
            self.name,
            tuple(c for i, c in enumerate(self.changes) if i != index and (orphaned is None or c.team_id != orphaned)),
        )


# ---------------------------------------------------------------- validation


def _number(value, where: str, problems: list[str], allowed: ranges.Range) -> float | None:
    if value is None:
        return None
    if not ranges.finite(value):
        problems.append(f"{where} must be a number")
        return None
    if value not in allowed:
        problems.append(f"{where} must be between {allowed.low:g} and {allowed.high:g}")
        return None
    return float(value)


def _text(value, where: str, problems: list[str], limit: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        problems.append(f"{where} must be text")
        return ""
    if len(value) > limit or any(ord(ch) < 32 for ch in value):
        problems.append(f"{where} must be at most {limit} characters of plain text")
        return ""
    return value


CHANGE_FIELDS = frozenset(
    {"action", "team_id", "name", "area_level", "area_codes", "families_per_year", "wte", "families_per_wte", "scale"}
)


def _document_name(doc: dict, problems: list[str]) -> str:
    """The scenario's name, after noting unknown top-level fields and a wrong version."""
    unknown = set(doc) - {"version", "name", "changes"}
    if unknown:
        problems.append(f"unknown field(s): {', '.join(sorted(map(str, unknown)))[:200]}")
    if doc.get("version") != FORMAT_VERSION:
        problems.append(f"version must be {FORMAT_VERSION}")
    return _text(doc.get("name", "Untitled scenario"), "name", problems, MAX_NAME_CHARS) or "Untitled scenario"


def _sizes(item: dict, where: str, problems: list[str]) -> tuple[float | None, ...]:
    """Families a year, WTE, families per WTE and scale, each checked against its range (None if absent)."""
    return (
        _number(item.get("families_per_year"), f"{where}: families_per_year", problems, ranges.FAMILIES_PER_YEAR),
        _number(item.get("wte"), f"{where}: wte", problems, ranges.WTE),
        _number(item.get("families_per_wte"), f"{where}: families_per_wte", problems, ranges.FAMILIES_PER_WTE),
        _number(item.get("scale"), f"{where}: scale", problems, ranges.SCALE),
    )


@dataclass
class _Seen:
    """What a change is checked against: the directory's ids, the atlas's area codes, and the ids added so far."""

    existing: set[str]
    known_codes: dict[str, set[str]]
    added: set[str] = field(default_factory=set)


def _added_team(item: dict, where: str, team_id: str, sizes: tuple, seen: _Seen, problems: list[str]) -> Change | None:
    """An "add" change: a new id, areas the atlas knows at one level, and a size."""
    fam, wte, fpw, _ = sizes
    if team_id in seen.existing or team_id in seen.added:
        problems.append(f"{where}: team_id '{team_id}' is already in use")
    level = item.get("area_level")
    codes = item.get("area_codes")
    if level not in LEVEL_KEYS:
        problems.append(f"{where}: area_level must be one of {', '.join(LEVEL_KEYS)}")
        return None
    if not isinstance(codes, list) or not codes or not all(isinstance(c, str) for c in codes):
        problems.append(f"{where}: area_codes must be a non-empty list of codes")
        return None
    bad = [c for c in codes if c not in seen.known_codes[level]]
    if bad:
        problems.append(f"{where}: unknown {level} code(s) {', '.join(c[:12] for c in bad[:5])}")
        return None
    if fam is None and (wte is None or fpw is None):
        problems.append(f"{where}: give families_per_year, or wte with families_per_wte")
        return None
    seen.added.add(team_id)
    name = _text(item.get("name"), f"{where}: name", problems, MAX_NAME_CHARS) or team_id
    return Change("add", team_id, name, level, tuple(dict.fromkeys(codes)), fam, wte, fpw)


def _edited_team(
    action: str, where: str, team_id: str, sizes: tuple, seen: _Seen, problems: list[str]
) -> Change | None:
    """A resize, close or reopen: of a listed team or one added earlier; a resize needs a size."""
    fam, wte, fpw, scale = sizes
    if team_id not in seen.existing and team_id not in seen.added:
        problems.append(f"{where}: no row in the directory has team_id '{team_id}'")
        return None
    if action == "resize" and fam is None and scale is None and (wte is None or fpw is None):
        problems.append(f"{where}: give families_per_year, scale, or wte with families_per_wte")
        return None
    return Change(action, team_id, families_per_year=fam, wte=wte, families_per_wte=fpw, scale=scale)


def _change(item, where: str, seen: _Seen, problems: list[str]) -> Change | None:
    """One change checked field by field; None (with its problems noted) when it cannot be used."""
    if not isinstance(item, dict):
        problems.append(f"{where} must be an object")
        return None
    extra = set(item) - CHANGE_FIELDS
    if extra:
        problems.append(f"{where}: unknown field(s) {', '.join(sorted(map(str, extra)))[:200]}")
    action = item.get("action")
    if action not in ACTIONS:
        problems.append(f"{where}: action must be one of {', '.join(ACTIONS)}")
        return None
    team_id = item.get("team_id")
    if not isinstance(team_id, str) or not SLUG.match(team_id) or len(team_id) > 60:
        problems.append(f"{where}: team_id must be lowercase letters, digits and hyphens")
        return None
    sizes = _sizes(item, where, problems)
    if action == "add":
        return _added_team(item, where, team_id, sizes, seen, problems)
    return _edited_team(action, where, team_id, sizes, seen, problems)


def from_dict(doc, atlas: Atlas) -> Scenario:
    """A validated Scenario, or ScenarioError listing every problem."""
    problems: list[str] = []
    if not isinstance(doc, dict):
        raise ScenarioError(["a scenario must be a JSON object"])
    name = _document_name(doc, problems)
    raw = doc.get("changes", [])
    if not isinstance(raw, list):
        raise ScenarioError(problems + ["changes must be a list"])
    if len(raw) > MAX_CHANGES:
        raise ScenarioError(problems + [f"at most {MAX_CHANGES} changes"])
    seen = _Seen(set(atlas.teams["team_id"]), atlas.known_codes())
    changes = []
    for i, item in enumerate(raw, start=1):
        change = _change(item, f"change {i}", seen, problems)
        if change is not None:
            changes.append(change)
    if problems:
        raise ScenarioError(problems)
    return Scenario(name, tuple(changes))


def loads(text: bytes | str, atlas: Atlas) -> Scenario:
    """Parse a scenario file's bytes."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    if len(data) > MAX_JSON_BYTES:
        raise ScenarioError([f"the file is larger than {MAX_JSON_BYTES // 1000} KB"])
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise ScenarioError([f"not a JSON scenario file ({type(exc).__name__})"]) from None
    return from_dict(doc, atlas)


def dumps(scenario: Scenario) -> str:
    return json.dumps(scenario.to_dict(), indent=1, ensure_ascii=False) + "\n"


def to_url(scenario: Scenario) -> str:
    """Compressed, URL-safe text for a ``?scenario=`` parameter."""
    raw = json.dumps(scenario.to_dict(), separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode("ascii").rstrip("=")


def from_url(text: str, atlas: Atlas) -> Scenario:
    if len(text) > MAX_URL_CHARS:
        raise ScenarioError(["the scenario in the link is too long"])
    if not re.fullmatch(r"[A-Za-z0-9_-]+", text):
        raise ScenarioError(["the scenario in the link is damaged"])
    inflater = zlib.decompressobj()
    try:
        raw = inflater.decompress(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)), MAX_JSON_BYTES)
    except (ValueError, zlib.error):
        raw = None
    if raw is not None and (inflater.unconsumed_tail or (not inflater.eof and len(raw) >= MAX_JSON_BYTES)):
        raise ScenarioError(["the scenario in the link expands beyond the size limit"])
    if raw is None or not inflater.eof:
        raise ScenarioError(["the scenario in the link is damaged"])
    return loads(raw, atlas)
