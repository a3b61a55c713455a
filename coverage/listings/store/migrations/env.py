"""Alembic's entry point for the corrections store, configured from code (no alembic.ini).

``coverage.listings.store.schema`` builds the Alembic ``Config`` and hands over an open connection,
already inside the transaction that holds the store's migration lock, so every revision runs
in that one transaction (PostgreSQL and SQLite both roll DDL back if a step fails).
"""

from __future__ import annotations

from alembic import context

from coverage.listings.store.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # offline SQL scripts are not supported: the store migrates itself
    raise RuntimeError("run migrations through coverage.listings.store.schema (python -m coverage store upgrade)")

# render_as_batch: SQLite cannot ALTER most things in place; batch mode copies the table instead.
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
