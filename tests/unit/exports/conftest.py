"""Fixtures of the export tests: the real atlas, one with a formula for a team name, a warm renderer."""

from __future__ import annotations

import csv

import pytest

from coverage import paths
from coverage.exports import images
from coverage.model.assumptions import Assumptions
from coverage.model.atlas import load_atlas
from tests.unit.exports.support import (
    HOSTILE,
    ROOT,
    need,
)


@pytest.fixture(scope="module")
def atlas():
    return load_atlas(paths.data_dir())


@pytest.fixture(scope="module")
def assumptions():
    return Assumptions()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The real atlas with OXPIP renamed to a spreadsheet formula."""
    folder = tmp_path_factory.mktemp("hostile")
    with open(ROOT / "data" / "teams.csv", newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        rows, fields = list(reader), reader.fieldnames
    hit = [r for r in rows if r["team_id"] == "oxpip"]
    assert hit, "the seed directory no longer lists OXPIP; pick another single-team area"
    hit[0]["name"] = HOSTILE
    with open(folder / "teams.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    a = load_atlas(paths.data_dir(), directory_path=folder / "teams.csv")
    assert not a.problems, a.problems
    assert HOSTILE in set(a.teams["name"])
    return a, folder / "teams.csv"


@pytest.fixture(scope="module")
def renderer():
    need("chromium")
    with images.Renderer() as r:
        yield r
