"""Reviewing submissions and imports: every approval is a new, validated, undoable version.

Two guards keep the live directory whole:

- every stored version is re-read with the atlas's known area codes (the same rules it was
  written under), and a version that no longer reads cleanly is an error, never a silently
  shorter directory;
- a new version is refused if, once written and read back, it would drop or change any
  listing the change did not name (an approval names one team; an undo names the teams the
  undone versions changed; an import names the whole directory, whose diff the reviewer saw).

Every write also carries the directory version the reviewer was looking at, so a decision
made on a stale view is refused with a description of what changed in the meantime.
"""

from __future__ import annotations

import pandas as pd

from coverage.listings.store import StaleVersion, Store, StoreError
from coverage.listings.workflow import confirmations, corrections
from coverage.model.atlas import Atlas
from coverage.model.values import cell_text


def read_version(csv_text: str, atlas: Atlas, label: str) -> pd.DataFrame:
    """A stored directory as a frame, read with the known codes; refuses rather than drops rows."""
    frame, problems = corrections.reparse(csv_text, atlas.known_codes())
    if problems:
        raise StoreError(
            f"{label} no longer reads as a valid directory ({len(problems)} problem(s), first: {problems[0]}); "
            "nothing was written"
        )
    return frame


def current_directory(store: Store, atlas: Atlas, base: pd.DataFrame) -> pd.DataFrame:
    """The live directory: the newest approved version, else the shipped ``data/teams.csv``."""
    text = store.directory_csv()
    if text is None:
        return base
    return read_version(text, atlas, "the live directory version")


def changes_since(store: Store, seen: int) -> str:
    """What was written after version ``seen``, in words a reviewer can act on."""
    later = sorted((v for v in store.versions() if v.version > seen), key=lambda v: v.version)
    if not later:
        return f"the directory is at version {store.head_version()}, not {seen}"
    parts = []
    for v in later:
        teams = sorted({c["team_id"] for c in store.changes(v.version)})
        touched = ", ".join(teams[:5]) + (f" and {len(teams) - 5} more" if len(teams) > 5 else "")
        parts.append(f"version {v.version} by {v.author} ({v.reason}; teams changed: {touched or 'none'})")
    return "since you loaded this page, " + "; ".join(parts)


def _fresh_or_explain(store: Store, seen: int) -> None:
    current = store.head_version()
    if current != seen:
        raise _explained(store, StaleVersion(seen, current))


def _explained(store: Store, exc: StaleVersion) -> StaleVersion:
    return StaleVersion(
        exc.expected,
        exc.current,
        f"Nothing was written: {changes_since(store, exc.expected)}. Look at it again, then decide.",
    )


def _write(store: Store, seen: int, **kwargs) -> int:
    """``store.write_version`` guarded by the version the reviewer saw; a stale view is explained."""
    _fresh_or_explain(store, seen)
    try:
        return store.write_version(expected_version=seen, **kwargs)
    except StaleVersion as exc:  # someone wrote between the check above and the locked write
        raise _explained(store, exc) from None


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


def checked(before: pd.DataFrame, after: pd.DataFrame, atlas: Atlas, named: set[str] | None) -> tuple[str, list]:
    """The CSV to store and its audit rows, or StoreError if it would lose or alter an unnamed listing.

    The text is read back exactly as a later approval will read it; it must come back
    unchanged, and its difference from ``before`` may only touch the ``named`` teams
    (None: the whole directory is named, as in an import).
    """
    csv_text = corrections.frame_to_csv(after)
    reread, problems = corrections.reparse(csv_text, atlas.known_codes())
    if problems:
        raise StoreError("the result would not be a valid directory: " + "; ".join(map(str, problems[:5])))
    if corrections.frame_to_csv(reread) != csv_text or len(reread) != len(after):
        raise StoreError("the result would not read back as written; nothing was written")
    diff = corrections.diff(before, reread)
    if named is not None:
        stray = sorted({c["team_id"] for c in diff} - named)
        if stray:
            raise StoreError(
                "this change would also alter listings it does not name ("
                + ", ".join(stray[:10])
                + (f" and {len(stray) - 10} more" if len(stray) > 10 else "")
                + "); nothing was written"
            )
    return csv_text, diff


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
    _fresh_or_explain(store, expected_version)
    proposed = edited if edited is not None else sub["proposed"]
    before = current_directory(store, atlas, base)
    why = reason or f"approved {reference}"
    try:
        if sub["kind"] == confirmations.KIND:  # only the date last checked moves; edits do not apply
            after, touched = confirmations.apply(before, sub["team_id"], confirmations.confirmed_date(sub["proposed"]))
            name = before.loc[before["team_id"] == touched, "name"].iloc[0]
            why = confirmations.version_reason(reference, name, sub["proposed"], reason)
        else:
            after, touched = corrections.apply(before, sub["kind"], sub["team_id"], proposed)
    except ValueError as exc:
        raise StoreError(str(exc)) from None
    csv_text, diff = checked(before, after, atlas, {touched})
    return _write(
        store,
        expected_version,
        csv_text=csv_text,
        author=reviewer,
        reason=why,
        field_changes=diff,
        decide={"reference": reference, "status": "approved", "reviewer": reviewer, "reason": reason or "approved"},
    )


def record_confirmation(
    store: Store,
    atlas: Atlas,
    base: pd.DataFrame,
    proposed: dict,
    *,
    team_id: str,
    email: str,
    note: str,
    reviewer: str,
    expected_version: int,
    client_token: str | None = None,
) -> tuple[str, int]:
    """A confirmation a reviewer heard by phone or email: stored as a submission, then approved by them.

    Two steps, each durable: if the approval is refused (someone changed the directory meanwhile),
    the confirmation stays in the queue, nothing is lost, and the StoreError says what happened.
    Returns the reference and the new directory version.
    """
    if not reviewer.strip():
        raise StoreError("a reviewer name is required to record a confirmation")
    reference = store.submit(
        confirmations.KIND, team_id, proposed, email, "", f"Recorded by {reviewer}: {note}", client_token
    )
    sent = store.get(reference)
    if sent["status"] == "approved":  # the same form sent twice: the first already did it
        return reference, sent["version"]
    try:
        version = approve(store, atlas, base, reference, reviewer, f"recorded by {reviewer}", expected_version)
    except StoreError as exc:
        raise StoreError(f"{exc} The confirmation is saved as {reference} and waits under Pending.") from None
    return reference, version


def undo(
    store: Store,
    atlas: Atlas,
    base: pd.DataFrame,
    version: int,
    reviewer: str,
    reason: str,
    expected_version: int | None = None,
) -> int:
    """A new version whose directory is exactly the one before ``version`` (the shipped file for version 1).

    Undoing an older version also takes back the versions after it (the directory returns
    to that point); those teams are named in the check and the audit rows list every change.
    """
    head = store.head_version() if expected_version is None else expected_version
    if version < 1 or version > head:
        raise StoreError(f"there is no version {version}")
    _fresh_or_explain(store, head)
    before = current_directory(store, atlas, base)
    previous_text = store.directory_csv(version - 1) if version > 1 else None
    restored = base if previous_text is None else read_version(previous_text, atlas, f"directory version {version - 1}")
    named = {c["team_id"] for v in range(version, head + 1) for c in store.changes(v)}
    csv_text, diff = checked(before, restored, atlas, named)
    if previous_text is not None and csv_text != previous_text:
        raise StoreError(f"version {version - 1} would not be restored exactly; nothing was written")
    return _write(store, head, csv_text=csv_text, author=reviewer, reason=reason, field_changes=diff, undoes=version)


def import_directory(
    store: Store, atlas: Atlas, base: pd.DataFrame, new: pd.DataFrame, reviewer: str, reason: str, expected_version: int
) -> int:
    """Replace the whole directory with a checked upload (the reviewer saw the diff against ``expected_version``)."""
    _fresh_or_explain(store, expected_version)
    before = current_directory(store, atlas, base)
    csv_text, diff = checked(before, new, atlas, None)
    return _write(store, expected_version, csv_text=csv_text, author=reviewer, reason=reason, field_changes=diff)
