"""One warm headless Chromium, driven by kaleido, that turns plotly figures into PNG and SVG bytes.

Why this shape:

- **One warm browser.** Starting Chromium costs seconds; rendering a chart in a warm one
  costs a fraction of that. ``Renderer`` keeps one headless Chromium (a ``kaleido.Kaleido``)
  open on a private event-loop thread and is safe to call from many threads at once (each
  Streamlit session runs in its own), unlike kaleido's global sync server, which shares one
  result queue between callers. ``shared_renderer()`` hands out one per process, started on
  first use and stopped at exit; a crashed browser is restarted once, transparently.
- **Offline.** Kaleido is pointed at Debian's Chromium (``/usr/bin/chromium``, or
  ``BROWSER_PATH``), uses the plotly.js that ships with plotly.py, and MathJax is switched
  off (its default is a CDN).
- **Public API only.** Only ``kaleido.Kaleido`` and the errors kaleido publishes in
  ``kaleido.errors`` are used, so a kaleido upgrade that moves its internals does not break
  rendering.
"""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import functools
import logging
import shutil
import threading
from pathlib import Path

import plotly.graph_objects as go

from coverage import settings

logger = logging.getLogger(__name__)

DEFAULT_BROWSERS = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FORMATS = ("png", "svg")


class RendererError(RuntimeError):
    """The browser could not be found, started, or could not render."""


@functools.cache
def render_failures() -> tuple[type[BaseException], ...]:
    """What a crashed, hung or missing browser raises through kaleido and choreographer.

    Their own errors derive from RuntimeError (browser closed or failed, JavaScript errors), OSError
    (closed channels), TimeoutError and ValueError/TypeError (malformed protocol replies), plus two
    that derive from Exception directly. Never BaseException: Ctrl-C and SystemExit must propagate.
    """
    failures: list[type[BaseException]] = [
        RuntimeError,
        OSError,
        TimeoutError,
        ValueError,
        TypeError,
        concurrent.futures.CancelledError,
    ]
    try:
        from choreographer.errors import DevtoolsProtocolError
        from kaleido.errors import KaleidoError
    except ImportError:  # another kaleido version: its errors are RuntimeErrors there
        logger.debug("kaleido's error classes not found; relying on the built-in ones")
    else:
        failures += [DevtoolsProtocolError, KaleidoError]
    return tuple(failures)


def browser_path() -> str | None:
    """The Chromium to drive: ``BROWSER_PATH`` if set, else Debian's, else one on PATH."""
    env = settings.current().browser_path
    if env:
        return env if Path(env).is_file() else None
    for candidate in DEFAULT_BROWSERS:
        found = candidate if Path(candidate).is_file() else shutil.which(candidate)
        if found:
            return found
    return None


def _leftover_task_failed(loop: asyncio.AbstractEventLoop, context: dict) -> None:
    """The browser loop's exception handler: a render failure nobody awaits is logged in one line, at debug.

    kaleido starts tasks it never awaits; when Chromium dies they end in a closed-channel error that asyncio
    would log at ERROR with a full traceback each, whenever the task is garbage-collected, long after
    ``render`` logged the failure and restarted the browser. Formatting those tracebacks from a finaliser
    also re-enters Python 3.11's parser (it parses each line for the carets), which broke a concurrent
    ``ast.parse`` in CI. Anything else still goes to asyncio's own handler.
    """
    error = context.get("exception")
    if isinstance(error, render_failures()):
        logger.debug("a browser task failed after its render was given up: %r", error)
    else:
        loop.default_exception_handler(context)


class Renderer:
    """One headless Chromium kept open for many renders; thread-safe; ``with`` closes it."""

    def __init__(self, path: str | None = None, *, timeout: float = 90, tabs: int = 1):
        self.path = path
        self.timeout = timeout
        self.tabs = tabs  # renders at once; a batch uses 2 so Python and Chromium overlap
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._kaleido = None
        self._lock = threading.RLock()  # guards start/stop, not renders
        self.renders = 0
        self.restarts = 0

    @property
    def running(self) -> bool:
        """Whether a browser is open now (it starts on the first render and after a crash)."""
        return self._kaleido is not None

    @property
    def browser_pid(self) -> int | None:
        """Process id of the running Chromium (for monitoring; None when stopped)."""
        proc = getattr(self._kaleido, "subprocess", None)
        return proc.pid if proc is not None else None

    def start(self) -> Renderer:
        """Start the browser now (rather than on the first render); returns the renderer for ``with``."""
        self._current()
        return self

    def _current(self):
        """(kaleido, loop) of the running browser, starting one if there is none."""
        with self._lock:
            if self._kaleido is not None:
                return self._kaleido, self._loop
            path = self.path or browser_path()
            if not path:
                raise RendererError("no Chromium found: install Debian's chromium or set BROWSER_PATH")
            loop = asyncio.new_event_loop()
            loop.set_exception_handler(_leftover_task_failed)
            thread = threading.Thread(target=loop.run_forever, name="atlas-renderer", daemon=True)
            thread.start()
            self._loop, self._thread = loop, thread
            started = False
            try:
                self._kaleido = self._call(loop, self._open(path), self.timeout)
                started = True
            except render_failures() as exc:
                logger.warning("could not start Chromium at %s", path, exc_info=True)
                raise RendererError(f"could not start Chromium at {path}: {exc}") from exc
            finally:
                if not started:  # failed, or Ctrl-C while starting: stop the loop; Ctrl-C still propagates
                    self._shutdown_loop()
            self.path = path
            return self._kaleido, self._loop

    async def _open(self, path: str):
        import kaleido

        k = kaleido.Kaleido(n=self.tabs, timeout=self.timeout, path=path, mathjax=False)
        await k.open()
        return k

    @staticmethod
    def _call(loop, coro, timeout: float):
        """Run a coroutine on the browser's loop and wait; a timed-out one is cancelled, not left running."""
        future = asyncio.run_coroutine_threadsafe(coro, loop)
        try:
            return future.result(timeout)
        except TimeoutError:
            future.cancel()
            raise

    def stop(self, only=None) -> None:
        """Close the browser (with ``only``: only if that is still the running one)."""
        with self._lock:
            if only is not None and only is not self._kaleido:
                return
            if self._kaleido is not None:
                try:
                    self._call(self._loop, self._kaleido.close(), 30)
                except render_failures():  # a dead browser cannot be closed; carry on
                    logger.debug("closing Chromium failed (already dead?)", exc_info=True)
                self._kaleido = None
            self._shutdown_loop()

    @staticmethod
    async def _cancel_pending() -> None:
        """Cancel what the browser library left running (its watchdog), so the loop closes quietly."""
        tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def _shutdown_loop(self) -> None:
        """Stop and close the private event loop and join its thread (what ``stop`` leaves behind)."""
        if self._loop is not None:
            if self._loop.is_running():
                try:
                    self._call(self._loop, self._cancel_pending(), 10)
                except render_failures():  # closing anyway
                    logger.debug("cancelling the renderer's pending tasks failed", exc_info=True)
            self._loop.call_soon_threadsafe(self._loop.stop)
            if self._thread is not None:
                self._thread.join(10)
            if not self._loop.is_running():
                self._loop.close()
        self._loop = self._thread = None

    def __enter__(self) -> Renderer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @staticmethod
    def _spec(fig, fmt: str, width: int, height: int, scale: float) -> tuple[dict, dict]:
        """The figure as kaleido takes it (a dict) and its options; an unknown format fails before any work."""
        if fmt not in FORMATS:
            raise ValueError(f"unknown image format {fmt!r}; choose {' or '.join(FORMATS)}")
        spec = fig.to_dict() if hasattr(fig, "to_dict") else fig
        return spec, {"format": fmt, "width": width, "height": height, "scale": scale}

    def submit(
        self, fig: go.Figure | dict, *, fmt: str = "png", width: int = 1080, height: int = 1080, scale: float = 1
    ) -> concurrent.futures.Future:
        """Start a render and return at once; ``.result()`` gives the bytes (no restart on failure)."""
        spec, opts = self._spec(fig, fmt, width, height, scale)
        k, loop = self._current()
        return asyncio.run_coroutine_threadsafe(k.calc_fig(spec, opts=opts), loop)

    def render(
        self, fig: go.Figure | dict, *, fmt: str = "png", width: int = 1080, height: int = 1080, scale: float = 1
    ) -> bytes:
        """The figure as image bytes; starts the browser if needed, restarts it once if a render fails."""
        spec, opts = self._spec(fig, fmt, width, height, scale)
        for attempt in (1, 2):
            k, loop = self._current()
            try:
                data = self._call(loop, k.calc_fig(spec, opts=opts), self.timeout + 10)
            except render_failures() as exc:  # a crashed or hung browser: restart it once
                logger.warning("render failed (attempt %d of 2); restarting Chromium", attempt, exc_info=True)
                self.stop(only=k)
                if attempt == 2:
                    raise RendererError(f"rendering failed: {exc}") from exc
                self.restarts += 1
                continue
            self.renders += 1
            return data
        raise AssertionError("unreachable")


_shared: Renderer | None = None
_shared_lock = threading.Lock()


def shared_renderer() -> Renderer:
    """The process's one warm renderer (started on first render, stopped at exit)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Renderer()
            atexit.register(shutdown)
        return _shared


def shutdown() -> None:
    """Stop the shared renderer's browser (safe to call twice)."""
    global _shared
    with _shared_lock:
        if _shared is not None:
            _shared.stop()
            _shared = None
