"""Which directory the link checker reads: the live one (the store's newest version), else the shipped file.

Checking any other directory than the one visitors see would report changes that never
happened, so a store that exists but cannot be read, or a stored version that no longer reads
cleanly, stops the check instead of quietly falling back.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from coverage.listings import store
from coverage.listings.workflow import corrections
from coverage.model.directory import load_directory


def reviewed_directory(known_codes: dict[str, set[str]], shipped: Path) -> tuple[pd.DataFrame, str]:
    """The directory as reviewed (the store's newest version), else the shipped file; and which it was.

    An SQLite store that was never created is not created here: the shipped file is checked and
    that is said. A store that exists but cannot be read raises (``store.UNAVAILABLE``), as does a
    stored version that no longer reads cleanly (``StoreError``): checking some other directory
    instead would report changes that never happened.
    """
    url = store.default_url()
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).is_file():
        return _shipped(known_codes, shipped, "no corrections store yet")
    held = store.Store(url)
    text, version = held.directory_csv(), held.head_version()
    held.engine.dispose()
    if text is None:
        return _shipped(known_codes, shipped, "no reviewed version in the corrections store yet")
    frame, problems = corrections.reparse(text, known_codes)
    if problems:
        raise store.StoreError(f"directory version {version} no longer reads cleanly (first problem: {problems[0]})")
    return frame, f"the reviewed directory (version {version} in the corrections store)"


def _shipped(known_codes: dict[str, set[str]], shipped: Path, why: str) -> tuple[pd.DataFrame, str]:
    teams, _ = load_directory(shipped, known_codes)
    return teams, f"the shipped {shipped.name} ({why})"
