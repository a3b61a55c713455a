"""Where the project's data lives.

The app reads only the committed ``data/`` folder; the build step alone reads the shared,
read-only source data. Both can be moved with environment variables so tests can build into
a temporary folder.
"""

from __future__ import annotations

from pathlib import Path

from coverage import settings

PROJECT_ROOT = settings.PROJECT_ROOT


def data_dir() -> Path:
    """The committed, derived data the app runs on (``ATLAS_DATA_DIR`` overrides)."""
    return settings.current().data_dir


def shared_dir() -> Path:
    """The read-only published source data (``ATLAS_SHARED_DIR`` overrides)."""
    return settings.current().shared_dir


def state_dir() -> Path:
    """Where the running service keeps its state: the SQLite store, link results, refresh cache
    (``ATLAS_STATE_DIR`` overrides)."""
    return settings.current().state_dir
