"""The store's tables, as this version of the app expects them after every migration has run.

``migrations/env.py`` compares against this metadata, and the baseline revision writes the first
five tables out column by column, so a change here always comes with a new revision.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

submissions = sa.Table(
    "submissions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("reference", sa.String(20), nullable=False, unique=True),
    sa.Column("client_token", sa.String(64), nullable=True, unique=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),  # correction | new_team | confirmation
    sa.Column("team_id", sa.String(80), nullable=True),
    sa.Column("proposed", sa.Text, nullable=False),  # JSON of directory fields
    sa.Column("contact_email", sa.String(254), nullable=False),
    sa.Column("source_url", sa.String(2000), nullable=False),
    sa.Column("message", sa.Text, nullable=False, default=""),
    sa.Column("status", sa.String(20), nullable=False, default="pending"),  # pending | flood | approved | rejected
    sa.Column("reviewer", sa.String(120), nullable=True),
    sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("reason", sa.Text, nullable=True),
    sa.Column("version", sa.Integer, nullable=True),
)

versions = sa.Table(
    "directory_versions",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("author", sa.String(120), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("csv", sa.Text, nullable=False),
    sa.Column("undoes", sa.Integer, nullable=True),
)

changes = sa.Table(
    "directory_changes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("version", sa.Integer, sa.ForeignKey("directory_versions.version"), nullable=False),
    sa.Column("team_id", sa.String(80), nullable=False),
    sa.Column("field", sa.String(40), nullable=False),
    sa.Column("old", sa.Text, nullable=False),
    sa.Column("new", sa.Text, nullable=False),
)

# One row, locked while a new version is written, so two approvals never race.
head = sa.Table(
    "directory_head",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("version", sa.Integer, nullable=False),
)

# Throttling events (sign-in attempts, public suggestions), keyed by client; see ``Store.admit``.
throttle_events = sa.Table(
    "throttle_events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kind", sa.String(20), nullable=False),  # signin | suggestion
    sa.Column("key", sa.String(120), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("ok", sa.Boolean, nullable=False, default=False),
    sa.Index("ix_throttle_kind_key_at", "kind", "key", "at"),
)

# The address group a public suggestion came from, so a flood can be found and rejected together.
# A table of its own (migration 0002), so no existing row needs migrating.
origins = sa.Table(
    "submission_origins",
    metadata,
    sa.Column("reference", sa.String(20), sa.ForeignKey("submissions.reference"), primary_key=True),
    sa.Column("client_group", sa.String(64), nullable=False),
    sa.Index("ix_origins_group", "client_group"),
)

PENDING = "pending"
FLOOD = "flood"  # stored while suggestions from everyone passed the flood mark: reviewed apart, never lost
OPEN = (PENDING, FLOOD)
ERASED = ""  # what a contact email becomes once the retention period has passed
KINDS = ("correction", "new_team", "confirmation")
# A confirmation's ``proposed`` also holds the confirmer's name and role: contacts, erased with the email.
CONTACT_KEYS = {"confirmation": ("name", "role")}
