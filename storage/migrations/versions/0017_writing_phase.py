"""section.phase: a writing phase (entries private to their writer until revealed);
writingdone: the ready check

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("section", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "phase",
                sqlmodel.sql.sqltypes.AutoString(),
                nullable=False,
                server_default="open",
            )
        )
    op.create_table(
        "writingdone",
        sa.Column("section_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.ForeignKeyConstraint(["section_id"], ["section.id"]),
        sa.PrimaryKeyConstraint("section_id", "person_id"),
    )


def downgrade() -> None:
    op.drop_table("writingdone")
    with op.batch_alter_table("section", schema=None) as batch_op:
        batch_op.drop_column("phase")
