"""Run a coroutine on an event loop of its own, whatever ran before it in this pytest process.

In one ``python -m pytest`` process the browser tests' session-wide ``sync_playwright()`` keeps its
event loop marked as running on the main thread until the session ends, and ``asyncio.run()``
refuses to start inside a running loop. A worker thread has no running loop, so the coroutine gets
a fresh one there.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Coroutine
from typing import Any


def run(coroutine: Coroutine[Any, Any, Any]) -> Any:
    """``asyncio.run(coroutine)`` in a thread of its own; returns its result or raises its exception."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="own-loop") as pool:
        return pool.submit(asyncio.run, coroutine).result()
