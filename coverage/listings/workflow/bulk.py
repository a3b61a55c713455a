"""Deciding many open suggestions at once: a flood is rejected together, not item by item.

A reviewer narrows the open suggestions (pending, or held as an unverified flood) by the hour
they arrived, the address group they came from and text they contain, sees exactly which ones
match, and rejects (or releases into the queue) those. Each rejected suggestion records the
reviewer, the reason and the time, like any single decision, in one transaction: either all
the shown suggestions are decided or, if one was decided meanwhile, none is.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections import Counter
from dataclasses import dataclass

from coverage.listings.store import FLOOD, OPEN, PENDING, Store, StoreError, clock

logger = logging.getLogger(__name__)

MAX_LISTED = 2000  # open suggestions read for bulk review at once (oldest first); more wait for the next round
UNKNOWN_GROUP = "(not recorded)"


@dataclass(frozen=True)
class Filter:
    """What a reviewer narrowed the open suggestions to; an empty field matches everything."""

    status: str = ""  # pending | flood | "" for both
    hour: dt.datetime | None = None  # the start of an hour (UTC)
    group: str = ""
    text: str = ""


def open_suggestions(store: Store, limit: int = MAX_LISTED) -> list[dict]:
    """Open suggestions, oldest first, each with its address group and its searchable text."""
    rows = store.open_with_origins(limit)
    for r in rows:
        at = r["created_at"]
        r["created_at"] = at if at.tzinfo else at.replace(tzinfo=dt.UTC)
        r["client_group"] = r["client_group"] or UNKNOWN_GROUP
        proposed = json.loads(r["proposed"])
        r["text"] = " ".join([*map(str, proposed.values()), r["source_url"] or "", r["message"] or ""])
    return rows


def hour_of(at: dt.datetime) -> dt.datetime:
    return at.astimezone(dt.UTC).replace(minute=0, second=0, microsecond=0)


def matching(rows: list[dict], chosen: Filter) -> list[dict]:
    """The rows the filter selects; text matches case-insensitively anywhere in the suggestion."""
    needle = chosen.text.strip().casefold()
    return [
        r
        for r in rows
        if (not chosen.status or r["status"] == chosen.status)
        and (chosen.hour is None or hour_of(r["created_at"]) == chosen.hour)
        and (not chosen.group or r["client_group"] == chosen.group)
        and (not needle or needle in r["text"].casefold())
    ]


def choices(rows: list[dict]) -> tuple[list[dt.datetime], list[tuple[str, int]]]:
    """The hours present (newest first) and the address groups present with their counts (largest first)."""
    hours = sorted({hour_of(r["created_at"]) for r in rows}, reverse=True)
    groups = Counter(r["client_group"] for r in rows).most_common()
    return hours, groups


def _decide_all(store: Store, references: list[str], values: dict, from_status: tuple[str, ...]) -> int:
    return store.decide_many(references, values, from_status)


def reject_many(store: Store, references: list[str], reviewer: str, reason: str) -> int:
    """Reject every listed open suggestion with one reason, each recorded as the reviewer's decision."""
    if not reviewer.strip() or not reason.strip():
        raise StoreError("a reviewer name and a reason are required to reject")
    values = {"status": "rejected", "reviewer": reviewer, "reason": reason, "reviewed_at": clock.now(), "version": None}
    count = _decide_all(store, references, values, OPEN)
    logger.info("%s rejected %d suggestions together: %s", reviewer, count, reason)
    return count


def release_many(store: Store, references: list[str], reviewer: str) -> int:
    """Move suggestions held as a flood into the ordinary review queue (they were genuine after all)."""
    count = _decide_all(store, references, {"status": PENDING}, (FLOOD,))
    logger.info("%s released %d suggestions held as a flood into the queue", reviewer, count)
    return count
