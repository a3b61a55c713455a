"""The renderer's life cycle: it stays warm, restarts a crashed browser, and Ctrl-C while it starts reaches
the user as Ctrl-C (not a renderer error), with the loop stopped."""

from __future__ import annotations

import asyncio
import io
import logging
import os
import signal

import plotly.graph_objects as go
import pytest
from PIL import Image

from coverage.exports import images
from coverage.exports.images import renderer as renderer_module
from tests.unit.exports.support import need


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


@pytest.mark.slow  # drives Chromium
def test_renderer_stays_warm_and_stops_cleanly(renderer):
    before = renderer.renders
    fig = go.Figure(go.Bar(x=[1, 2], y=["a", "b"], orientation="h"))
    for _ in range(2):
        renderer.render(fig, width=300, height=200)
    assert renderer.renders == before + 2 and renderer.restarts == 0 and renderer.running
    with pytest.raises(ValueError):
        renderer.render(fig, fmt="gif")


@pytest.mark.slow  # drives Chromium
def test_renderer_restarts_a_crashed_browser():
    need("chromium")
    fig = go.Figure(go.Bar(x=[1, 2], y=["a", "b"], orientation="h"))
    with images.Renderer() as r:
        r.render(fig, width=300, height=200)
        pid = r.browser_pid
        os.kill(pid, signal.SIGKILL)  # our own browser, by its id
        data = r.render(fig, width=300, height=200)
        assert Image.open(io.BytesIO(data)).size == (300, 200)
        assert r.restarts == 1 and r.browser_pid not in (None, pid)
    assert not r.running and r.browser_pid is None


def test_the_browser_loop_hands_its_leftover_task_errors_to_the_quiet_handler(renderer):
    """The loop is private, so its handler is checked here; what the handler does is tested below. A crash
    leaves such tasks only when Chromium dies mid tab reload, too timing-bound to stage in a test."""
    renderer.start()
    assert renderer._loop.get_exception_handler() is renderer_module._leftover_task_failed


def test_only_render_failures_left_behind_are_quietened(caplog):
    """The level is set on the renderer's own logger: the app's logging set-up, run by earlier tests, gives
    the ``coverage`` logger WARNING, which a root-only level would not override; other libraries' records (kaleido's) are not ours."""
    loop = asyncio.new_event_loop()
    watched = (renderer_module.__name__, "asyncio")
    for name in watched:
        caplog.set_level(logging.DEBUG, logger=name)
    try:
        handler = renderer_module._leftover_task_failed
        handler(loop, {"message": "Task exception was never retrieved", "exception": ConnectionError("closed")})
        handler(loop, {"message": "Task exception was never retrieved", "exception": ZeroDivisionError("bug")})
    finally:
        loop.close()
    levels = {
        rec.getMessage().splitlines()[0]: (rec.name, rec.levelname) for rec in caplog.records if rec.name in watched
    }
    assert levels == {
        "a browser task failed after its render was given up: ConnectionError('closed')": (
            renderer_module.__name__,
            "DEBUG",
        ),
        "Task exception was never retrieved": ("asyncio", "ERROR"),
    }
