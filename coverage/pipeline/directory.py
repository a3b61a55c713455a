"""Starts the team directory from the shared seed list and its curated resolution.

The seed's ``areas_served`` is free text; ``seed_resolution.csv`` (beside this file) records,
row by row, the official codes each maps to, the status, confidence and kind, the rule each
class follows (``coverage.model.seed_rules``), and why. The seed is the first two search
passes followed by the third pass's file, in that order. The build joins seed and resolution,
refuses a class that differs from its rule's, and validates the result with the same rules
users' edits meet. Later passes that found no new row (the fourth, ``pass4_evidence.csv``) are
folded into the resolution's dates and notes, each fact with its source, and into
``directory_flags.csv`` for questions no column holds (``coverage.model.listing_flags``).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from coverage.model.directory import COLUMNS, parse_directory, write_directory
from coverage.model.listing_flags import FLAG_COLUMNS, FLAGS_FILE, flag_problems
from coverage.model.reports import REPORT_COLUMNS, REPORTS_FILE, report_problems
from coverage.model.seed_rules import rule_problems

SEED_FILE = "teams/teams_seed.csv"
SEED_FILES = (SEED_FILE, "teams/teams_seed_pass3.csv")
REPORTS_SOURCE = "teams/provision_reports.csv"
RESOLUTION_FILE = Path(__file__).with_name("seed_resolution.csv")
# Dated notes on listings from the fourth pass on (pass4_evidence.csv) that no directory column holds.
FLAGS_SOURCE = Path(__file__).with_name(FLAGS_FILE)


def build_directory(shared: Path, known_codes: dict[str, set[str]]) -> pd.DataFrame:
    seed = pd.concat([pd.read_csv(shared / f, dtype=str, keep_default_na=False) for f in SEED_FILES], ignore_index=True)
    res = pd.read_csv(RESOLUTION_FILE, dtype=str, keep_default_na=False)
    if len(seed) != len(res) or list(seed["team_name"]) != list(res["seed_team_name"]):
        raise ValueError(f"{RESOLUTION_FILE.name} does not line up row for row with {' then '.join(SEED_FILES)}")
    broken = [
        f"{tid}: {why}"
        for tid, k, kr, st, sr in zip(res["team_id"], res["kind"], res["kind_rule"], res["status"], res["status_rule"])
        for why in rule_problems(k, kr, st, sr)
    ]
    if broken:
        raise ValueError(f"{RESOLUTION_FILE.name} breaks its own rules:\n" + "\n".join(broken))
    out = pd.DataFrame(
        {
            "team_id": res["team_id"],
            "name": seed["team_name"],
            "host_organisation": seed["host_organisation"],
            "nation": seed["nation"],
            "area_level": res["area_level"],
            "area_codes": res["area_codes"],
            "area_names": res["area_names"],
            "unresolved_areas": res["unresolved_areas"],
            "status": res["status"],
            "confidence": res["confidence"],
            "kind": res["kind"],
            "service_type": res["service_type"],
            "families_per_year": res["families_per_year"],
            "families_note": res["families_note"],
            "age_range": seed["age_range"],
            "interventions": seed["interventions"],
            "website": seed["website"],
            "source_url": seed["source_url"],
            "year_established": seed["year_established"],
            "last_verified": res["last_verified"],
            "overlaps_with": res["overlaps_with"],
            "same_service_as": res["same_service_as"],
            "notes": (res["resolution_note"] + " | Seed notes: " + seed["notes"]).str.strip(" |"),
        }
    )[COLUMNS]
    rows = out.to_dict("records")
    data = out.to_csv(index=False, lineterminator="\n").encode("utf-8")
    frame, problems = parse_directory(data, known_codes, "teams.csv (built from the seed)")
    if problems:
        raise ValueError("the built directory does not validate:\n" + "\n".join(map(str, problems)))
    assert len(frame) == len(rows)
    return frame


def save(frame: pd.DataFrame, path: Path) -> None:
    write_directory(frame, path)


def copy_reports(shared: Path, known_codes: dict[str, set[str]], out: Path) -> None:
    """Copy the area-level provision reports into data/, refusing any that names an unknown area."""
    reports = pd.read_csv(shared / REPORTS_SOURCE, dtype=str, keep_default_na=False)
    problems = report_problems(reports, known_codes)
    if problems:
        raise ValueError("\n".join(problems))
    reports[REPORT_COLUMNS].to_csv(out / REPORTS_FILE, index=False, lineterminator="\n")


def copy_flags(team_ids: set[str], known_codes: dict[str, set[str]], out: Path) -> None:
    """Copy the curated listing flags into data/, refusing any that names an unknown team or area."""
    flags = pd.read_csv(FLAGS_SOURCE, dtype=str, keep_default_na=False)
    problems = flag_problems(flags, team_ids, known_codes)
    if problems:
        raise ValueError("\n".join(problems))
    flags[FLAG_COLUMNS].to_csv(out / FLAGS_FILE, index=False, lineterminator="\n")
