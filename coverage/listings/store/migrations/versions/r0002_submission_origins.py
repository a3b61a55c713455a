"""The address group each public suggestion came from, so a flood from one place can be found and rejected together.

A table of its own beside ``submissions`` (keyed by the suggestion's reference): no existing row or
column changes, so every row is carried across as it is; suggestions sent before this revision
simply have no origin recorded.

Revision ID: 0002_submission_origins
Revises: 0001_baseline
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_submission_origins"
down_revision = "0001_baseline"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "submission_origins",
        sa.Column("reference", sa.String(20), sa.ForeignKey("submissions.reference"), primary_key=True),
        sa.Column("client_group", sa.String(64), nullable=False),
    )
    op.create_index("ix_origins_group", "submission_origins", ["client_group"])


def downgrade() -> None:
    raise NotImplementedError("the corrections store is never migrated down: restore a backup instead")
