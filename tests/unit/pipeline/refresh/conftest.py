"""The stand-in server for every refresh test in this folder; stalled answers are released at teardown."""

from __future__ import annotations

import pytest

from tests.unit.pipeline.refresh.fixtures import today
from tests.unit.pipeline.refresh.standin import Figures, StandIn


@pytest.fixture
def make_standin(httpserver):
    made: list[StandIn] = []

    def make(figures: Figures | None = None) -> StandIn:
        made.append(StandIn(httpserver, figures or today()))
        return made[-1]

    yield make
    for standin in made:
        standin.release.set()


@pytest.fixture
def standin(make_standin) -> StandIn:
    return make_standin()
