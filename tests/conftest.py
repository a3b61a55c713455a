"""Test-wide settings: every test writes its corrections database to a temporary folder."""

from __future__ import annotations

import os

import pytest


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
