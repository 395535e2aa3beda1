"""votes on entries, entry -> action links, who made an action change, frozen summaries

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "vote",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["item.id"]),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("vote", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vote_item_id"), ["item_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_vote_person_id"), ["person_id"], unique=False)
    with op.batch_alter_table("item", schema=None) as batch_op:
        batch_op.add_column(sa.Column("action_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key("fk_item_action_id", "actionitem", ["action_id"], ["id"])
    with op.batch_alter_table("actionevent", schema=None) as batch_op:
        batch_op.add_column(sa.Column("by_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key("fk_actionevent_by_id", "person", ["by_id"], ["id"])
    with op.batch_alter_table("minutesrecord", schema=None) as batch_op:
        batch_op.add_column(sa.Column("summary", sqlmodel.sql.sqltypes.AutoString(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("minutesrecord", schema=None) as batch_op:
        batch_op.drop_column("summary")
    with op.batch_alter_table("actionevent", schema=None) as batch_op:
        batch_op.drop_constraint("fk_actionevent_by_id", type_="foreignkey")
        batch_op.drop_column("by_id")
    with op.batch_alter_table("item", schema=None) as batch_op:
        batch_op.drop_constraint("fk_item_action_id", type_="foreignkey")
        batch_op.drop_column("action_id")
    with op.batch_alter_table("vote", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vote_person_id"))
        batch_op.drop_index(batch_op.f("ix_vote_item_id"))
    op.drop_table("vote")
