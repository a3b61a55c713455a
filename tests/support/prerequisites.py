"""One rule for a test that needs something the machine may lack: skip locally, fail in CI.

A developer without Chromium, PostgreSQL or the published data beside the checkout should still
get a green run of everything else, with the reason each test was skipped. CI must never pass by
skipping, so there the same test fails with that reason. "CI" is decided here and only here.

Use ``unavailable(reason)`` where a fixture or test finds something missing, or mark a test
``@pytest.mark.needs("pdftotext", "shared")`` with the names in ``CHECKS`` (the marker is handled
by tests/conftest.py).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Mapping

import pytest

# The values CI services set (GitHub Actions, GitLab and most others: "true"; some "1"). Anything
# else, including "false", "0" or an empty value, is a developer's machine.
CI_VALUES = frozenset({"true", "1", "yes"})


def in_ci(environ: Mapping[str, str] | None = None) -> bool:
    """True when the CI environment variable says so ("true", "1" or "yes", any case)."""
    value = (os.environ if environ is None else environ).get("CI", "")
    return value.strip().lower() in CI_VALUES


def unavailable(reason: str) -> None:
    """Stop the current test: skipped with ``reason`` locally, failed with it in CI."""
    if in_ci():
        pytest.fail(f"{reason} (CI is set, so this is a failure, not a skip)", pytrace=False)
    pytest.skip(reason)


def _program(name: str, package: str) -> Callable[[], str | None]:
    def check() -> str | None:
        return None if shutil.which(name) else f"{name} is not installed (apt-get install {package})"

    return check


def _chromium() -> str | None:
    from coverage.exports import images  # the Chromium the exports drive (BROWSER_PATH, Debian's, PATH)

    return None if images.browser_path() else "chromium is not installed (apt-get install chromium)"


def _postgres() -> str | None:
    if os.environ.get("ATLAS_TEST_POSTGRES_URL", ""):
        return None
    return "no ATLAS_TEST_POSTGRES_URL: PostgreSQL cases need a real server"


def _shared() -> str | None:
    from coverage import paths

    folder = paths.shared_dir()
    if folder.is_dir():
        return None
    return f"the published source data is not at {folder} (check it out beside this one, or set ATLAS_SHARED_DIR)"


# What ``@pytest.mark.needs(...)`` and ``need(...)`` can ask for: each check returns None when
# the thing is there, or the reason it is not.
CHECKS: dict[str, Callable[[], str | None]] = {
    "chromium": _chromium,
    "ogrinfo": _program("ogrinfo", "gdal-bin"),
    "pdftotext": _program("pdftotext", "poppler-utils"),
    "pdfinfo": _program("pdfinfo", "poppler-utils"),
    "pdftoppm": _program("pdftoppm", "poppler-utils"),
    "pdfimages": _program("pdfimages", "poppler-utils"),
    "openssl": _program("openssl", "openssl"),
    "postgres": _postgres,
    "shared": _shared,
}


def need(*names: str) -> None:
    """Each named prerequisite must be present: otherwise ``unavailable`` with the first reason."""
    for name in names:
        reason = CHECKS[name]()
        if reason:
            unavailable(reason)
