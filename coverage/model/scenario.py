"""Scenarios: the current directory plus changes, and what they would do to coverage.

A scenario is data, never code: a small JSON document of changes (add a team, resize one,
close one, re-open one) that can be saved to a file or carried in a URL. Everything that
arrives from outside is checked field by field; a bad scenario changes nothing and says why.
"""

from __future__ import annotations

import base64
import json
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from coverage.model import ranges
from coverage.model.assumptions import Assumptions
from coverage.model.atlas import Atlas
from coverage.model.directory import COLUMNS, SLUG
from coverage.model.gaps import all_levels, teams_needed_in
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


def from_dict(doc, atlas: Atlas) -> Scenario:
    """A validated Scenario, or ScenarioError listing every problem."""
    problems: list[str] = []
    if not isinstance(doc, dict):
        raise ScenarioError(["a scenario must be a JSON object"])
    unknown = set(doc) - {"version", "name", "changes"}
    if unknown:
        problems.append(f"unknown field(s): {', '.join(sorted(map(str, unknown)))[:200]}")
    if doc.get("version") != FORMAT_VERSION:
        problems.append(f"version must be {FORMAT_VERSION}")
    name = _text(doc.get("name", "Untitled scenario"), "name", problems, MAX_NAME_CHARS) or "Untitled scenario"
    raw = doc.get("changes", [])
    if not isinstance(raw, list):
        raise ScenarioError(problems + ["changes must be a list"])
    if len(raw) > MAX_CHANGES:
        raise ScenarioError(problems + [f"at most {MAX_CHANGES} changes"])
    known_codes = atlas.known_codes()
    existing = set(atlas.teams["team_id"])
    added: set[str] = set()
    changes = []
    for i, item in enumerate(raw, start=1):
        where = f"change {i}"
        if not isinstance(item, dict):
            problems.append(f"{where} must be an object")
            continue
        extra = set(item) - {
            "action",
            "team_id",
            "name",
            "area_level",
            "area_codes",
            "families_per_year",
            "wte",
            "families_per_wte",
            "scale",
        }
        if extra:
            problems.append(f"{where}: unknown field(s) {', '.join(sorted(map(str, extra)))[:200]}")
        action = item.get("action")
        if action not in ACTIONS:
            problems.append(f"{where}: action must be one of {', '.join(ACTIONS)}")
            continue
        team_id = item.get("team_id")
        if not isinstance(team_id, str) or not SLUG.match(team_id) or len(team_id) > 60:
            problems.append(f"{where}: team_id must be lowercase letters, digits and hyphens")
            continue
        fam = _number(item.get("families_per_year"), f"{where}: families_per_year", problems, ranges.FAMILIES_PER_YEAR)
        wte = _number(item.get("wte"), f"{where}: wte", problems, ranges.WTE)
        fpw = _number(item.get("families_per_wte"), f"{where}: families_per_wte", problems, ranges.FAMILIES_PER_WTE)
        scale = _number(item.get("scale"), f"{where}: scale", problems, ranges.SCALE)
        if action == "add":
            if team_id in existing or team_id in added:
                problems.append(f"{where}: team_id '{team_id}' is already in use")
            level = item.get("area_level")
            codes = item.get("area_codes")
            if level not in LEVEL_KEYS:
                problems.append(f"{where}: area_level must be one of {', '.join(LEVEL_KEYS)}")
                continue
            if not isinstance(codes, list) or not codes or not all(isinstance(c, str) for c in codes):
                problems.append(f"{where}: area_codes must be a non-empty list of codes")
                continue
            bad = [c for c in codes if c not in known_codes[level]]
            if bad:
                problems.append(f"{where}: unknown {level} code(s) {', '.join(c[:12] for c in bad[:5])}")
                continue
            if fam is None and (wte is None or fpw is None):
                problems.append(f"{where}: give families_per_year, or wte with families_per_wte")
                continue
            added.add(team_id)
            changes.append(
                Change(
                    "add",
                    team_id,
                    _text(item.get("name"), f"{where}: name", problems, MAX_NAME_CHARS) or team_id,
                    level,
                    tuple(dict.fromkeys(codes)),
                    fam,
                    wte,
                    fpw,
                )
            )
        else:
            if team_id not in existing and team_id not in added:
                problems.append(f"{where}: no row in the directory has team_id '{team_id}'")
                continue
            if action == "resize" and fam is None and scale is None and (wte is None or fpw is None):
                problems.append(f"{where}: give families_per_year, scale, or wte with families_per_wte")
                continue
            changes.append(Change(action, team_id, families_per_year=fam, wte=wte, families_per_wte=fpw, scale=scale))
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


# ---------------------------------------------------------------- applying


def apply(teams: pd.DataFrame, scenario: Scenario) -> pd.DataFrame:
    """The directory as it would be under the scenario (the input is not modified)."""
    out = teams.copy()
    for c in scenario.changes:
        if c.action == "add":
            row = {col: "" for col in COLUMNS}
            row.update(
                team_id=c.team_id,
                name=c.name or c.team_id,
                area_level=c.area_level,
                status="active",
                confidence="reported",
                kind="specialised",
                notes="Hypothetical team in a scenario",
            )
            row["area_codes"] = c.area_codes
            row["families_per_year"] = c.families()
            out = pd.concat([out, pd.DataFrame([row])], ignore_index=True)
            continue
        at = out["team_id"] == c.team_id
        if c.action == "close":
            out.loc[at, "status"] = "closed"
        elif c.action == "reopen":
            out.loc[at, "status"] = "active"
        elif c.action == "resize":
            if c.families() is not None:
                out.loc[at, "families_per_year"] = c.families()
            else:
                out.loc[at, "families_per_year"] = out.loc[at, "families_per_year"].astype(float).fillna(-1.0)
                current = out.loc[at, "families_per_year"]
                out.loc[at, "families_per_year"] = current.where(current >= 0, float("nan")) * c.scale
                out.loc[at, "_scale"] = c.scale
    out["families_per_year"] = out["families_per_year"].astype(float)
    return out


def _scaled_unknowns(teams: pd.DataFrame, fpt: float) -> pd.DataFrame:
    """A resized team with no published figure: scale the assumed default instead."""
    if "_scale" not in teams:
        return teams
    t = teams.copy()
    scaled = t["_scale"].notna() & t["families_per_year"].isna()
    t.loc[scaled, "families_per_year"] = fpt * t.loc[scaled, "_scale"].astype(float)
    return t.drop(columns=["_scale"])


COMPARED = [
    "teams",
    "capacity_per_year",
    "reach",
    "reach_low",
    "reach_high",
    "unmet_need_per_year",
    "teams_needed",
    "status",
]


def compare(
    atlas: Atlas, scenario: Scenario, assumptions: Assumptions, before: dict[str, pd.DataFrame] | None = None
) -> dict[str, pd.DataFrame]:
    """Before and after at every level: one row per area, ``*_before``/``*_after`` and deltas.

    ``before`` (the tables with no changes) can be passed in when already computed: it does
    not depend on the scenario, so pages cache it and only the "after" side is recomputed.
    """
    before = before or all_levels(atlas, assumptions)
    after_teams = _scaled_unknowns(apply(atlas.teams, scenario), assumptions.families_per_team)
    after = all_levels(atlas, assumptions, after_teams)
    out = {}
    for level in LEVEL_KEYS:
        b = before[level].set_index("area_code")
        a = after[level].set_index("area_code")
        t = b[["area_name", "nation", "need_per_year", "annual_births"]].copy()
        for col in COMPARED:
            t[f"{col}_before"] = b[col]
            t[f"{col}_after"] = a[col]
        for col in ("capacity_per_year", "reach", "unmet_need_per_year", "teams"):
            t[f"{col}_change"] = a[col] - b[col]
        t["changed"] = (t["capacity_per_year_change"].abs() > 1e-9) | (t["teams_change"] != 0)
        out[level] = t.reset_index()
    return out


def teams_to_target(table: pd.DataFrame, target: float, families_per_team: float, prevalence_scale: float = 1.0) -> int:
    """Teams of a given size to bring every council in the table to the target (``gaps.teams_needed_in``)."""
    return teams_needed_in(table, target, families_per_team, prevalence_scale)


def sensitivity(
    table: pd.DataFrame,
    assumptions: Assumptions,
    target: float,
    families_per_team: float,
    cost_per_team_year: float | None = None,
) -> pd.DataFrame:
    """Teams (and cost, if a cost is given) needed under the low, central and high prevalence."""
    rows = []
    for label, prevalence in (
        ("low", assumptions.prevalence_low),
        ("central", assumptions.prevalence),
        ("high", assumptions.prevalence_high),
    ):
        n = teams_to_target(table, target, families_per_team, prevalence / assumptions.prevalence)
        rows.append(
            {
                "prevalence_band": label,
                "prevalence": prevalence,
                "teams_needed": n,
                "annual_cost": None if cost_per_team_year is None else n * cost_per_team_year,
            }
        )
    return pd.DataFrame(rows)


def uk_change(result: dict[str, pd.DataFrame]) -> dict[str, float]:
    """UK totals before and after, summed from the nations of a ``compare`` result."""
    n = result["nation"]
    need = float(n["need_per_year"].sum())
    out = {"need_per_year": need}
    for side in ("before", "after"):
        out[f"capacity_{side}"] = float(n[f"capacity_per_year_{side}"].sum())
        out[f"unmet_{side}"] = float(n[f"unmet_need_per_year_{side}"].sum())
        out[f"reach_{side}"] = out[f"capacity_{side}"] / need if need else float("nan")
    return out


def teams_counted(atlas: Atlas, scenario: Scenario, assumptions: Assumptions) -> tuple[int, int]:
    """How many teams count UK-wide before and after the scenario."""
    from coverage.model.capacity import counted

    after = apply(atlas.teams, scenario)
    return int(counted(atlas.teams, assumptions).sum()), int(counted(after, assumptions).sum())


def councils_in_scope(councils: pd.DataFrame, scope: str) -> pd.DataFrame:
    """The council rows for "UK", a nation's name, or "Family Hubs authorities"."""
    if scope == "UK":
        return councils
    if scope == "Family Hubs authorities":
        return councils[councils["family_hubs"].astype(bool)]
    return councils[councils["nation"] == scope]
