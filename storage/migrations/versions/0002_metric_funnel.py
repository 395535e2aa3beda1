"""metric.funnel: which metrics are funnel stages

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# The stages every series starts with; existing rows of these names become funnel stages.
STAGES = ("Leads", "MQLs", "SQLs", "Demos", "Closed-won")


def upgrade() -> None:
    with op.batch_alter_table("metric", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("funnel", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    metric = sa.table("metric", sa.column("name", sa.String), sa.column("funnel", sa.Boolean))
    op.execute(metric.update().where(metric.c.name.in_(STAGES)).values(funnel=True))


def downgrade() -> None:
    with op.batch_alter_table("metric", schema=None) as batch_op:
        batch_op.drop_column("funnel")
