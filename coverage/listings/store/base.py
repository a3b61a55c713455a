"""The store's handle: the engine, and the schema check every write passes first.

A store whose schema is behind this code's migrations stays readable (the live directory stays
on show) but refuses every write with a message naming the command to run; a brand-new, empty
database is built by the migrations and stamped at head.
"""

from __future__ import annotations

import logging

import sqlalchemy as sa

from coverage.listings.store import schema
from coverage.listings.store.engine import default_url, make_engine
from coverage.listings.store.errors import SchemaBehind
from coverage.listings.store.tables import head

logger = logging.getLogger(__name__)


class StoreBase:
    """Opens the engine, builds a brand-new store by migration, and guards every write with the schema check."""

    def __init__(self, url: str | None = None):
        self.url = url or default_url()
        self.is_sqlite = self.url.startswith("sqlite")
        self.engine = make_engine(self.url)
        found = schema.status(self.engine)
        if found.state is schema.State.EMPTY:  # a brand-new store: built by the migrations, stamped at head
            _, found = schema.upgrade(self.engine)
        self._current = found.state is schema.State.CURRENT
        if self._current:
            self._ensure_head_row()
        else:  # reads go on (the live directory stays on show); every write is refused until upgraded
            logger.warning(schema.behind_message(found))

    def _ensure_head_row(self) -> None:
        with self.engine.begin() as conn:
            if conn.execute(sa.select(head.c.version).where(head.c.id == 1)).first() is None:
                try:
                    with conn.begin_nested():
                        conn.execute(head.insert().values(id=1, version=0))
                except sa.exc.IntegrityError:
                    pass  # another process created it first

    def schema_behind(self) -> str | None:
        """Why nothing can be written yet (the schema is behind head, with the command to run), else None."""
        try:
            self._writable()
        except SchemaBehind as exc:
            return str(exc)
        return None

    def _writable(self) -> None:
        """Refuse a write while the schema is behind; look again first, in case an operator upgraded it."""
        if self._current:
            return
        found = schema.status(self.engine)
        if found.state is not schema.State.CURRENT:
            raise SchemaBehind(schema.behind_message(found))
        self._current = True
        self._ensure_head_row()
