"""The home map sends the boundary file's URL, not its geometry, and the URL is really served."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.apptest

REPO = Path(__file__).resolve().parents[2]


def test_home_map_points_at_the_static_boundary_file(app_test):
    at = app_test(timeout=120)
    assert not at.exception
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    area_trace = spec["data"][0]
    digest = hashlib.sha256((REPO / "data" / "boundaries" / "utla.geojson").read_bytes()).hexdigest()[:12]
    assert area_trace["geojson"] == f"/app/static/utla.geojson?v={digest}"
    assert len(at.get("plotly_chart")[0].proto.spec) < 150_000  # was ~510 KB with the geometry inside


def test_the_static_folder_serves_the_committed_boundaries():
    # Streamlit serves ./static next to app.py at /app/static/; it must be the data, not a copy
    static = REPO / "static"
    assert static.is_symlink() and static.resolve() == (REPO / "data" / "boundaries").resolve()
    assert (static / "utla.geojson").is_file()
