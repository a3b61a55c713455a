"""Helpers for the refresh tests: today's figures, the loopback-only mark, a fetch through the stand-in."""

from __future__ import annotations

import copy
import functools

import pytest

from coverage import paths
from coverage.pipeline.refresh.config import Settings
from coverage.pipeline.refresh.http import Client
from coverage.pipeline.refresh.source import Districts
from tests.support.prerequisites import need
from tests.unit.pipeline.refresh.standin import Figures, StandIn, todays_figures

SHARED = paths.shared_dir()
LOOPBACK = pytest.mark.allow_hosts(["127.0.0.1", "::1", "localhost"])


@functools.cache
def _today() -> Figures:
    return todays_figures(SHARED)


def today() -> Figures:
    """Today's published figures, a fresh copy each time (tests change them); read from the shared data."""
    need("shared")
    return copy.deepcopy(_today())


def fetch(module, standin: StandIn, **env):
    client = Client(Settings.from_env(standin.env(**env)))
    return module.fetch(client, Districts.from_shared(SHARED))
