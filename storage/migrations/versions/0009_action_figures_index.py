"""action figures index: History's per-owner figures read one index, not every row

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-24
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

COLUMNS = ["status", "owner_id", "closed_at", "created_at", "due", "deleted_at"]


def upgrade() -> None:
    op.create_index("ix_actionitem_figures", "actionitem", COLUMNS)


def downgrade() -> None:
    op.drop_index("ix_actionitem_figures", table_name="actionitem")
