"""Dated notes a search pass left on a listing that the directory's columns cannot hold.

Some evidence is about a listing but changes none of its fields: a source saying the funder
ended, a service describing itself in words that put its kind in doubt, an area served only for
a fixed term, a likely real name for a name-only row. Each is kept as a flag with its source and
date so the directory health worklist can name it as a problem with an action, instead of the
fact living only in a free-text note.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from coverage.model.directory import URL
from coverage.model.levels import LEVEL_KEYS

FLAGS_FILE = "directory_flags.csv"
FLAG_COLUMNS = ["team_id", "flag", "detail", "area_level", "area_codes", "source_url", "seen"]
# flag -> (the problem in plain words, the action that settles it)
FLAG_WORDS: dict[str, tuple[str, str]] = {
    "funder_ended": ("a source says its funder ended", "ask the team or its commissioner whether it still runs"),
    "kind_under_review": ("kind under review", "a reviewer decides whether it is a specialised team"),
    "fixed_term_area": ("served an area for a fixed term only", "ask the team whether the area is still served"),
    "identification": ("its name is not confirmed", "ask the likely host to confirm the name and areas served"),
}


def empty_flags() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in FLAG_COLUMNS})


def load_flags(data_dir: Path) -> pd.DataFrame:
    """The committed flags (none when the file is absent, as in an older data/)."""
    path = data_dir / FLAGS_FILE
    if not path.exists():
        return empty_flags()
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def flag_problems(flags: pd.DataFrame, team_ids: set[str], known_codes: dict[str, set[str]]) -> list[str]:
    """Why a flags file cannot be used (the build refuses it rather than drop a flag)."""
    missing = [c for c in FLAG_COLUMNS if c not in flags.columns]
    if missing:
        return [f"{FLAGS_FILE}: missing column(s) {', '.join(missing)}"]
    out = []
    for i, row in enumerate(flags.itertuples(), start=2):
        where = f"{FLAGS_FILE} line {i}"
        if row.team_id not in team_ids:
            out.append(f"{where}: team_id '{row.team_id}' is not in the directory")
        if row.flag not in FLAG_WORDS:
            out.append(f"{where}: flag '{row.flag}' is not one of {', '.join(FLAG_WORDS)}")
        if not URL.match(str(row.source_url)):  # the directory's web-address rule, as for a team's source
            out.append(f"{where}: every flag needs its source_url")
        if row.area_codes:
            if row.area_level not in LEVEL_KEYS:
                out.append(f"{where}: area_level '{row.area_level}' is not one of {', '.join(LEVEL_KEYS)}")
                continue
            unknown = [c for c in row.area_codes.split(";") if c not in known_codes.get(row.area_level, set())]
            if unknown:
                out.append(f"{where}: {', '.join(unknown)} not a known {row.area_level} code")
    return out
