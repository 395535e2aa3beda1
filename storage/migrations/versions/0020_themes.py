"""item.theme_id, item.is_theme: a retro's entries grouped under a theme

A theme is an entry of its section (its title is its text), so votes and the action made
from it are an entry's; its entries point at it.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("item", schema=None) as batch_op:
        batch_op.add_column(sa.Column("theme_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("is_theme", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.create_foreign_key("fk_item_theme_id", "item", ["theme_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("item", schema=None) as batch_op:
        batch_op.drop_constraint("fk_item_theme_id", type_="foreignkey")
        batch_op.drop_column("is_theme")
        batch_op.drop_column("theme_id")
