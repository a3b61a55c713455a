"""Ctrl-C while the renderer starts reaches the user as Ctrl-C (not a renderer error), and the loop is stopped."""

from __future__ import annotations

import pytest

from coverage.exports import images


def _call_raising(error):
    """A stand-in for Renderer._call: starting the browser raises ``error``; later calls (clean-up) succeed."""
    calls = []

    def call(loop, coro, timeout):
        coro.close()  # never awaited: no browser is started
        calls.append(1)
        if len(calls) == 1:
            raise error

    return staticmethod(call)


def test_keyboard_interrupt_propagates_and_cleans_up(monkeypatch):
    monkeypatch.setattr(images.Renderer, "_call", _call_raising(KeyboardInterrupt()))
    renderer = images.Renderer(path="/no/such/chromium")
    with pytest.raises(KeyboardInterrupt):
        renderer.start()
    assert renderer._loop is None and renderer._kaleido is None


def test_a_browser_failure_becomes_a_renderer_error(monkeypatch, caplog):
    monkeypatch.setattr(images.Renderer, "_call", _call_raising(RuntimeError("browser crashed")))
    renderer = images.Renderer(path="/no/such/chromium")
    with pytest.raises(images.RendererError, match="browser crashed"):
        renderer.start()
    assert renderer._loop is None
    assert any("could not start Chromium" in r.getMessage() for r in caplog.records)
