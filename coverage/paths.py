"""Where the project's data lives.

The app reads only the committed ``data/`` folder; the build step alone reads the shared,
read-only source data. Both can be moved with environment variables so tests can build into
a temporary folder.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The committed, derived data the app runs on (``ATLAS_DATA_DIR`` overrides)."""
    return Path(os.environ.get("ATLAS_DATA_DIR", PROJECT_ROOT / "data"))


def shared_dir() -> Path:
    """The read-only published source data (``ATLAS_SHARED_DIR`` overrides)."""
    default = PROJECT_ROOT.parent / "shared" / "data"
    return Path(os.environ.get("ATLAS_SHARED_DIR", default))
