"""Reviewing submissions and imports: every approval is a new, validated, undoable version."""

from __future__ import annotations

import pandas as pd

from coverage.listings import corrections
from coverage.listings.store import Store, StoreError
from coverage.model.atlas import Atlas
from coverage.model.values import cell_text


def current_directory(store: Store, base: pd.DataFrame) -> pd.DataFrame:
    """The live directory: the newest approved version, else the shipped ``data/teams.csv``."""
    text = store.directory_csv()
    if text is None:
        return base
    frame, _ = corrections.reparse(text, {})  # codes were checked when the version was written
    return frame


def proposal_rows(submission: dict, current: pd.DataFrame) -> list[dict[str, str]]:
    """For a reviewer: each proposed field with the value it would replace (blank for a new team)."""
    by_id = current.set_index("team_id")
    team_id = submission.get("team_id")
    listed = team_id in by_id.index
    return [
        {
            "Field": key,
            "Now": cell_text(by_id.at[team_id, key]) if listed and key in by_id.columns else "",
            "Proposed": str(value),
        }
        for key, value in submission["proposed"].items()
    ]


def reviewer_edits(edited: dict[str, str], proposed: dict) -> dict[str, str] | None:
    """The reviewer's edited fields when they differ from the submission, else None (approve as sent)."""
    return edited if edited != {k: str(v) for k, v in proposed.items()} else None


def _checked(frame: pd.DataFrame, atlas: Atlas) -> str:
    csv_text = corrections.frame_to_csv(frame)
    _, problems = corrections.reparse(csv_text, atlas.known_codes())
    if problems:
        raise StoreError("the result would not be a valid directory: " + "; ".join(map(str, problems[:5])))
    return csv_text


def approve(
    store: Store,
    atlas: Atlas,
    base: pd.DataFrame,
    reference: str,
    reviewer: str,
    reason: str,
    expected_version: int,
    edited: dict | None = None,
) -> int:
    """Apply a pending submission (optionally as edited by the reviewer) as a new version."""
    sub = store.get(reference)
    if sub is None or sub["status"] != "pending":
        raise StoreError(f"submission {reference} is not pending")
    proposed = edited if edited is not None else sub["proposed"]
    before = current_directory(store, base)
    after, _ = corrections.apply(before, sub["kind"], sub["team_id"], proposed)
    csv_text = _checked(after, atlas)
    return store.write_version(
        csv_text,
        reviewer,
        reason or f"approved {reference}",
        corrections.diff(before, after),
        expected_version=expected_version,
        decide={"reference": reference, "status": "approved", "reviewer": reviewer, "reason": reason or "approved"},
    )


def undo(store: Store, atlas: Atlas, base: pd.DataFrame, version: int, reviewer: str, reason: str) -> int:
    """A new version that puts the directory back as it was before ``version``."""
    versions = {v.version for v in store.versions()}
    if version not in versions:
        raise StoreError(f"there is no version {version}")
    before = current_directory(store, base)
    previous_text = store.directory_csv(version - 1) if version > 1 else None
    restored = base if previous_text is None else corrections.reparse(previous_text, {})[0]
    return store.write_version(
        _checked(restored, atlas),
        reviewer,
        reason,
        corrections.diff(before, restored),
        expected_version=store.head_version(),
        undoes=version,
    )


def import_directory(
    store: Store, atlas: Atlas, base: pd.DataFrame, new: pd.DataFrame, reviewer: str, reason: str, expected_version: int
) -> int:
    before = current_directory(store, base)
    return store.write_version(
        _checked(new, atlas), reviewer, reason, corrections.diff(before, new), expected_version=expected_version
    )
