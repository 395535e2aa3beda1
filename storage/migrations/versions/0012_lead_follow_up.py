"""lead.handed_over_at and lead.first_touch_at: what the follow-up SLA's hours measure

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("lead", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("handed_over_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
        )
        batch_op.add_column(
            sa.Column("first_touch_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("lead", schema=None) as batch_op:
        batch_op.drop_column("first_touch_at")
        batch_op.drop_column("handed_over_at")
