"""The committed atlas, shared by the pipeline tests."""

import pytest

from coverage.model.atlas import load_atlas
from tests.unit.pipeline.committed import DATA


@pytest.fixture(scope="module")
def atlas():
    return load_atlas(DATA)
