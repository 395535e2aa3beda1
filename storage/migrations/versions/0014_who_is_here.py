"""browser: which person a browser said it is; leadquestion.answered_by_id: who answered;
presence.person_id: who has a meeting open, when the terminal knows

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "browser",
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("chosen_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("key"),
    )
    with op.batch_alter_table("leadquestion", schema=None) as batch_op:
        batch_op.add_column(sa.Column("answered_by_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_leadquestion_answered_by_id", "person", ["answered_by_id"], ["id"]
        )
    with op.batch_alter_table("presence", schema=None) as batch_op:
        batch_op.add_column(sa.Column("person_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key("fk_presence_person_id", "person", ["person_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("presence", schema=None) as batch_op:
        batch_op.drop_constraint("fk_presence_person_id", type_="foreignkey")
        batch_op.drop_column("person_id")
    with op.batch_alter_table("leadquestion", schema=None) as batch_op:
        batch_op.drop_constraint("fk_leadquestion_answered_by_id", type_="foreignkey")
        batch_op.drop_column("answered_by_id")
    op.drop_table("browser")
