"""The stand-in server, serving today's figures, for every refresh test in this folder."""

from __future__ import annotations

import pytest

from tests.unit.pipeline.refresh.fixtures import today
from tests.unit.pipeline.refresh.standin import StandIn


@pytest.fixture
def standin(httpserver) -> StandIn:
    return StandIn(httpserver, today())
