"""Storage for the listings: the engine, the tables, the Alembic migrations and the ``Store`` handle.

Durable storage for suggested corrections, reviews and every version of the directory, in
SQLite (the embedded default) or PostgreSQL (``DATABASE_URL``). No suggestion is ever deleted:
decisions change a submission's status, and approvals append a new directory version with a
field-by-field audit trail, so any change can be seen and undone.

This package is the only code that imports sqlalchemy, alembic or psycopg (an import contract
checks it). Everything else, the rest of ``coverage.listings`` and the pages included, uses the
names re-exported here. Inside: ``engine`` (where the store lives, how to connect), ``tables``
(the schema as the code expects it), ``schema`` and ``migrations/`` (where a database stands,
and Alembic to bring it to head), ``clock``, ``errors``, and the ``Store`` handle assembled from
``base`` (schema check before writes), ``records`` (submissions), ``versioning`` (directory
versions) and ``counters`` (throttling events).
"""

from __future__ import annotations

from coverage.listings.store.base import StoreBase
from coverage.listings.store.clock import now
from coverage.listings.store.counters import ThrottleCounters
from coverage.listings.store.engine import UNAVAILABLE, default_url, make_engine
from coverage.listings.store.errors import SchemaBehind, StaleVersion, StoreError
from coverage.listings.store.records import Submissions
from coverage.listings.store.tables import (
    CONTACT_KEYS,
    ERASED,
    FLOOD,
    KINDS,
    OPEN,
    PENDING,
    changes,
    head,
    metadata,
    origins,
    submissions,
    throttle_events,
    versions,
)
from coverage.listings.store.versioning import DirectoryVersions, Version


class Store(Submissions, DirectoryVersions, ThrottleCounters, StoreBase):
    """One store: open it with a URL (default ``default_url()``); each method is one transaction."""


__all__ = [
    "CONTACT_KEYS",
    "ERASED",
    "FLOOD",
    "KINDS",
    "OPEN",
    "PENDING",
    "UNAVAILABLE",
    "SchemaBehind",
    "StaleVersion",
    "Store",
    "StoreError",
    "Version",
    "changes",
    "default_url",
    "head",
    "make_engine",
    "metadata",
    "now",
    "origins",
    "submissions",
    "throttle_events",
    "versions",
]
