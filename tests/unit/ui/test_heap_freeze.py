"""ui/cache.py leaves the start-up heap out of garbage collection once per process, after collecting it."""

from __future__ import annotations

import pytest

from ui import cache

pytestmark = pytest.mark.unit


def test_the_heap_is_collected_then_frozen_once(monkeypatch):
    calls = []
    monkeypatch.setattr(cache, "_heap_frozen", False)
    monkeypatch.setattr(cache.gc, "collect", lambda *a: calls.append("collect") or 0)
    monkeypatch.setattr(cache.gc, "freeze", lambda: calls.append("freeze"))
    cache._freeze_startup_heap()
    cache._freeze_startup_heap()
    assert calls == ["collect", "freeze"]
