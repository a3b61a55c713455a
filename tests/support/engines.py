"""Every database engine a test connects through is disposed when the test ends.

Tests make stores freely (``Store(url)`` inline, several per Hypothesis run), and a store keeps its
engine's pooled connections open until the garbage collector finds it; psycopg then warns
("Connection ... was deleted while still open", a ResourceWarning) at whatever later test happens to
be running, which ``-W error`` turns into that test's failure. Closing the pools at the end of the
test that opened them is the cure; ignoring the warning would hide a real leak in new code.

SQLAlchemy's class-level ``engine_connect`` event sees every engine's first and later connections,
whichever module made the engine, so the store's own code stays as it is.
"""

from __future__ import annotations

import weakref

import sqlalchemy as sa
from sqlalchemy import event

_connected: weakref.WeakSet[sa.Engine] = weakref.WeakSet()


def _remember(connection: sa.Connection) -> None:
    _connected.add(connection.engine)


def watch() -> None:
    """Start noting the engines that connect (once per process)."""
    if not event.contains(sa.Engine, "engine_connect", _remember):
        event.listen(sa.Engine, "engine_connect", _remember)


def dispose_connected() -> None:
    """Close the pooled connections of every engine that connected since the last call. An engine
    stays usable (its pool reopens on demand), so a store a longer-lived fixture holds still works."""
    engines = list(_connected)
    _connected.clear()
    for engine in engines:
        engine.dispose()
