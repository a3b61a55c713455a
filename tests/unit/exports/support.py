"""Shared by the export tests: the hostile team name, external readers, and the CLI runner.

Exports are each opened with a reader that is not ours: PNG with Pillow, SVG with xml.etree, XLSX with
openpyxl, GeoJSON and GeoPackage with GDAL's ``ogrinfo``, PDF with poppler, CSV with the csv module.
Tests that need Chromium, GDAL or poppler skip locally when the program is missing, and fail in CI
(tests/support/prerequisites.py), so CI can never pass by skipping them."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys

from coverage import paths
from coverage.exports import images
from tests.support import prerequisites

ROOT = paths.PROJECT_ROOT


TODAY = dt.date(2026, 3, 5)


HOSTILE = '=HYPERLINK("http://x","y")'


INERT = "'" + HOSTILE


OXFORDSHIRE = "E10000025"  # served by one team only (OXPIP), which the hostile directory renames


AREA_COUNTS = {"utla": 218, "lad": 361, "health": 68, "region": 12, "nation": 4}


SHORT_SOURCE = (
    "Source: ONS mid-2022 population estimates; boundaries ONS/SG/DoH NI; team directory from public "
    "sources. Open Government Licence v3.0."
)


def need(program: str) -> str:
    """Path of a program the test needs: skip without it locally, fail without it in CI."""
    prerequisites.need(program)
    return images.browser_path() if program == "chromium" else shutil.which(program)


def squash(text: str) -> str:
    return " ".join(text.split())


def run_cli(*args) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("ATLAS_DATA_DIR", "ATLAS_SHARED_DIR")}
    return subprocess.run(
        [sys.executable, "-m", "coverage", *map(str, args)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def ogrinfo(*args) -> str:
    result = subprocess.run([need("ogrinfo"), "-ro", *map(str, args)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout
