"""setting: settings of the whole database; the team's time zone, first the zone of the
machine that makes (or upgrades) the database

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

from storage.settings import SETTING, TIME_ZONE, machine_zone

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "setting",
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("value", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.execute(sa.insert(SETTING).values(key=TIME_ZONE, value=machine_zone()))


def downgrade() -> None:
    op.drop_table("setting")
