"""Test-wide settings: every test writes its corrections database to a temporary folder; each test is
marked by its folder; ``@pytest.mark.needs(...)`` skips locally and fails in CI (tests/support/prerequisites.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.prerequisites import need


@pytest.fixture(autouse=True, scope="session")
def _isolated_state(tmp_path_factory):
    folder = tmp_path_factory.mktemp("state")
    old = os.environ.get("ATLAS_STATE_DIR")
    os.environ["ATLAS_STATE_DIR"] = str(folder)
    os.environ.pop("DATABASE_URL", None)
    yield folder
    if old is None:
        os.environ.pop("ATLAS_STATE_DIR", None)
    else:
        os.environ["ATLAS_STATE_DIR"] = old


@pytest.fixture(autouse=True)
def _close_database_pools():
    """Each test's database connections are closed when it ends (tests/support/engines.py says why)."""
    from tests.support import engines

    engines.watch()
    yield
    engines.dispose_connected()


@pytest.fixture
def app_test():
    """Opens the app in AppTest: ``app_test("pages/plan.py", params={...}, secrets={...})``, run once
    (tests/support/apptest.py's ``open_app``, whose parameters cover a page test's special set-up)."""
    from tests.support.apptest import open_app

    return open_app


@pytest.fixture(scope="session")
def atlas():
    """The shipped atlas (data/), loaded once per run; modules that need another atlas define their own."""
    from coverage.model.atlas import load_atlas

    return load_atlas()


FOLDER_MARKERS = {"unit": "unit", "app": "apptest", "browser": "browser"}


def pytest_collection_modifyitems(config, items):
    """Mark each test by its folder (tests/unit, tests/app, tests/browser), so `-m` selects a layer."""
    tests_root = Path(__file__).resolve().parent
    for item in items:
        try:
            folder = Path(item.fspath).resolve().relative_to(tests_root).parts[0]
        except ValueError:
            continue
        marker = FOLDER_MARKERS.get(folder)
        if marker:
            item.add_marker(marker)


def pytest_runtest_setup(item):
    """``@pytest.mark.needs("pdftotext", "shared")``: each name must be present (tests/support/prerequisites.py)."""
    for marker in item.iter_markers(name="needs"):
        need(*marker.args)
