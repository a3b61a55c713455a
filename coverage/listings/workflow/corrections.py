"""Suggested corrections and new teams: checking a submission, and applying an approved one.

A submission never changes the live directory by itself. It is validated field by field when
made (so the person gets an actionable message), stored as proposed, and only an approval by
a reviewer turns it into a new directory version, with every changed field recorded.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pandas as pd

from coverage.listings.workflow import web_address
from coverage.model.directory import (
    COLUMNS,
    CONFIDENCES,
    CONTROL,
    DIGITS,
    KINDS,
    MAX_FAMILIES_PER_YEAR,
    TEAM_STATUSES,
    URL,
    parse_directory,
    to_frame,
    write_directory,
)
from coverage.model.levels import LEVEL_KEYS, NATIONS

# Retention rule: a contact email is kept only to reply about its suggestion, and erased this many
# days after the suggestion is decided (``python -m coverage erase-contacts`` applies it).
CONTACT_RETENTION_DAYS = 90
EMAIL = re.compile(r"^[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
EDITABLE = [
    "name",
    "host_organisation",
    "nation",
    "area_level",
    "area_codes",
    "status",
    "families_per_year",
    "age_range",
    "interventions",
    "website",
    "source_url",
    "notes",
]
TEXT_LIMITS = {
    "name": 200,
    "host_organisation": 200,
    "age_range": 100,
    "interventions": 1000,
    "notes": 2000,
    "message": 2000,
}


def resolve_areas(level: str, entries: list[str], areas: pd.DataFrame) -> tuple[list[str], list[str]]:
    """Codes for entries given as codes or names at a level; and the entries not recognised."""
    at_level = areas[areas["level"] == level]
    by_code = set(at_level["area_code"])
    by_name = {n.casefold(): c for n, c in zip(at_level["area_name"], at_level["area_code"])}
    by_name.update({n.casefold(): c for n, c in zip(at_level["short_name"], at_level["area_code"])})
    codes, unknown = [], []
    for entry in entries:
        e = entry.strip()
        if not e:
            continue
        code = e if e in by_code else by_name.get(e.casefold())
        (codes.append(code) if code else unknown.append(e))
    return list(dict.fromkeys(codes)), unknown


def _nation_from_areas(
    kind: str, clean: dict, level: str, codes: list[str], areas: pd.DataFrame, problems: dict[str, str]
) -> None:
    """A team's nation is where its areas are: worked out when left blank, and a different one refused.

    A Cardiff team was once stored as England, the form's first choice, with nothing checking it
    against its areas. Areas in more than one nation leave the nation to the sender.
    """
    at_level = areas[(areas["level"] == level) & areas["area_code"].isin(codes)]
    nations = sorted(set(at_level["nation"].dropna()))
    if len(nations) != 1:
        return
    given = clean.get("nation", "")
    if not given and kind == "new_team":
        clean["nation"] = nations[0]
    elif given and given != nations[0] and "nation" not in problems:
        problems["nation"] = f"the areas named are in {nations[0]}: choose {nations[0]}, or leave it blank"


def validate(
    kind: str, fields: dict, meta: dict, areas: pd.DataFrame, team_ids: set[str], team_id: str | None = None
) -> tuple[dict, dict[str, str]]:
    """A clean proposed record and a message per bad field (empty when all is well)."""
    problems: dict[str, str] = {}
    clean: dict[str, str] = {}
    if kind not in ("correction", "new_team"):
        problems["kind"] = "must be a correction or a new team"
    if kind == "correction" and team_id not in team_ids:
        problems["team_id"] = "choose a listed team to correct"
    for key, value in fields.items():
        if key not in EDITABLE:
            problems[key] = "is not a field that can be suggested"
            continue
        text = "" if value is None else str(value)
        if CONTROL.search(text):
            problems[key] = "contains control characters"
            continue
        limit = TEXT_LIMITS.get(key, 2000)
        if len(text) > limit:
            problems[key] = f"is {len(text)} characters; the limit is {limit}"
            continue
        clean[key] = text.strip()
    name = clean.get("name", "")
    if kind == "new_team" and not name:
        problems["name"] = "is required for a new team"
    if "nation" in clean and clean["nation"] and clean["nation"] not in NATIONS.values():
        problems["nation"] = f"must be one of {', '.join(NATIONS.values())}"
    if "status" in clean and clean["status"] and clean["status"] not in TEAM_STATUSES:
        problems["status"] = f"must be one of {', '.join(TEAM_STATUSES)}"
    level = clean.get("area_level", "")
    if "area_codes" in clean or kind == "new_team":
        entries = [e for e in re.split(r"[;\n]", clean.get("area_codes", "")) if e.strip()]
        if level not in LEVEL_KEYS:
            problems["area_level"] = f"must be one of {', '.join(LEVEL_KEYS)}"
        elif not entries:
            problems["area_codes"] = (
                "name at least one area served (a code, e.g. E06000001, or a name, e.g. Hartlepool)"
            )
        else:
            codes, unknown = resolve_areas(level, entries, areas)
            if unknown:
                problems["area_codes"] = f"not recognised at this level: {', '.join(u[:40] for u in unknown[:5])}"
            clean["area_codes"] = ";".join(codes)
            if not unknown:
                _nation_from_areas(kind, clean, level, codes, areas, problems)
    fam = clean.get("families_per_year", "")
    if fam and (not DIGITS.fullmatch(fam) or not 1 <= int(fam) <= MAX_FAMILIES_PER_YEAR):
        problems["families_per_year"] = f"must be a whole number from 1 to {MAX_FAMILIES_PER_YEAR}, or blank if unknown"
    for key in ("website", "source_url"):
        if clean.get(key):
            why = "must be a web address starting http:// or https://" if not URL.match(clean[key]) else None
            why = why or web_address.problem(clean[key])
            if why:
                problems[key] = why
    email = str(meta.get("contact_email", "")).strip()
    if not EMAIL.match(email) or len(email) > 254:
        problems["contact_email"] = "must be an email address we can reply to"
    evidence = str(meta.get("evidence_url", "")).strip()
    if not URL.match(evidence) or len(evidence) > 2000:
        problems["evidence_url"] = "give a link to a public page that supports the change (http:// or https://)"
    elif web_address.problem(evidence):
        problems["evidence_url"] = (
            f"give a link to a public page that supports the change: it {web_address.problem(evidence)}"
        )
    message = str(meta.get("message", ""))
    if len(message) > TEXT_LIMITS["message"] or CONTROL.search(message):
        problems["message"] = f"must be plain text of at most {TEXT_LIMITS['message']} characters"
    if kind == "correction" and not problems and not clean:
        problems["fields"] = "nothing to change: edit at least one field"
    return clean, problems


def changed_fields(edits: dict, current: dict[str, str]) -> dict:
    """The fields a correction form actually changes.

    Areas travel as a pair: a changed level means nothing without its codes, and codes are read at a
    level, so changing either sends both.
    """
    changed = {k: v for k, v in edits.items() if str(v).strip() != current.get(k, "")}
    if "area_codes" in changed or "area_level" in changed:
        changed.setdefault("area_level", edits.get("area_level", ""))
        changed.setdefault("area_codes", edits.get("area_codes", ""))
    return changed


def slug(name: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:50] or "team"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def frame_to_csv(frame: pd.DataFrame) -> str:
    buf = io.StringIO()
    write_directory(frame, buf)
    return buf.getvalue()


def apply(
    frame: pd.DataFrame, kind: str, team_id: str | None, proposed: dict, today: dt.date | None = None
) -> tuple[pd.DataFrame, str]:
    """The directory with an approved submission applied, and the team_id it touched."""
    today = today or dt.date.today()
    fields = dict(proposed)
    if "area_codes" in fields:
        fields["area_codes"] = tuple(c for c in fields["area_codes"].split(";") if c)
    if "families_per_year" in fields:
        fields["families_per_year"] = (
            float(fields["families_per_year"]) if fields["families_per_year"] else float("nan")
        )
    records = frame.to_dict("records")
    if kind == "new_team":
        team_id = slug(fields.get("name", "team"), {r["team_id"] for r in records})
        row = {c: "" for c in COLUMNS}
        row.update(
            team_id=team_id,
            status="unknown",
            confidence="reported",
            kind="specialised",
            area_codes=(),
            families_per_year=float("nan"),
        )
        records.append(row)
    touched = [r for r in records if r["team_id"] == team_id]
    if not touched:
        raise ValueError(f"no row in the directory has team_id '{team_id}'")
    for r in touched:
        r.update(fields)
        r["last_verified"] = today.isoformat()
    out = pd.DataFrame(records, columns=COLUMNS)
    out["families_per_year"] = out["families_per_year"].astype(float)
    return out, team_id


def diff(old: pd.DataFrame, new: pd.DataFrame) -> list[dict]:
    """Field-by-field changes between two directories (added and removed teams included)."""

    def as_text(frame):
        csv = frame_to_csv(frame)
        return pd.read_csv(io.StringIO(csv), dtype=str, keep_default_na=False).set_index("team_id")

    a, b = as_text(old), as_text(new)
    out = []
    for tid in b.index.difference(a.index):
        out.append({"team_id": tid, "field": "(team)", "old": "", "new": "added: " + b.at[tid, "name"]})
    for tid in a.index.difference(b.index):
        out.append({"team_id": tid, "field": "(team)", "old": "removed: " + a.at[tid, "name"], "new": ""})
    for tid in a.index.intersection(b.index):
        for col in b.columns:
            if a.at[tid, col] != b.at[tid, col]:
                out.append({"team_id": tid, "field": col, "old": a.at[tid, col], "new": b.at[tid, col]})
    return out


def reparse(csv_text: str, known_codes: dict[str, set[str]]) -> tuple[pd.DataFrame, list]:
    return parse_directory(csv_text.encode("utf-8"), known_codes, "directory")


__all__ = ["validate", "apply", "diff", "frame_to_csv", "reparse", "resolve_areas", "CONFIDENCES", "KINDS", "to_frame"]
