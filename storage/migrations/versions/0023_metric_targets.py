"""metrictarget: a metric's target from a day on, so past meetings keep theirs

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "metrictarget",
        sa.Column("metric_id", sa.Integer(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("target", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(["metric_id"], ["metric.id"]),
        sa.PrimaryKeyConstraint("metric_id", "effective_from"),
    )


def downgrade() -> None:
    op.drop_table("metrictarget")
