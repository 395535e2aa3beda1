"""contentrevision: one row counting the writes that change what a screen shows (all but
presence), so a terminal's heartbeat does not make every other terminal re-read its meeting

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # No row: the first write makes it (storage/db.py), so a copy of the database at this
    # schema (a backup before an upgrade) takes the source's row without a clash.
    op.create_table(
        "contentrevision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("contentrevision")
