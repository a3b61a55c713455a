"""Logging is configured once, at the level ATLAS_LOG_LEVEL names."""

from __future__ import annotations

import logging

import pytest

from coverage import logs


@pytest.mark.parametrize(
    "value,level", [("DEBUG", logging.DEBUG), ("warning", logging.WARNING), (" error ", logging.ERROR)]
)
def test_level_from_the_environment(value, level):
    assert logs.level_from_env({"ATLAS_LOG_LEVEL": value}) == level


def test_unknown_or_absent_level_is_warning():
    assert logs.level_from_env({}) == logging.WARNING
    assert logs.level_from_env({"ATLAS_LOG_LEVEL": "LOUD"}) == logging.WARNING


def test_configure_twice_adds_one_handler_and_sets_our_loggers(monkeypatch):
    monkeypatch.setattr(logs, "_handler", None)
    before = list(logging.getLogger("coverage").handlers)
    try:
        logs.configure({"ATLAS_LOG_LEVEL": "DEBUG"})
        logs.configure({"ATLAS_LOG_LEVEL": "WARNING"})
        added = [h for h in logging.getLogger("coverage").handlers if h not in before]
        assert len(added) == 1
        assert logging.getLogger("pages").level == logging.WARNING
        assert logging.getLogger("coverage").getEffectiveLevel() == logging.WARNING
    finally:
        for name in logs.OUR_LOGGERS:
            for h in [h for h in logging.getLogger(name).handlers if h not in before]:
                logging.getLogger(name).removeHandler(h)
