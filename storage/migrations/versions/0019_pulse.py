"""pulse: statements rated 1 to 5 in a meeting (with versions), the counts of each team's
scores, and who has rated (no score, no time)

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        "pulsestatement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", TEXT(), nullable=False),
        sa.Column("rated_by", TEXT(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    op.create_table(
        "pulsestatementversion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("statement_id", sa.Integer(), nullable=False),
        sa.Column("text", TEXT(), nullable=False),
        sa.Column("changed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("changed_by_id", sa.Integer(), nullable=True),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("why", TEXT(), nullable=True),
        sa.ForeignKeyConstraint(["statement_id"], ["pulsestatement.id"]),
        sa.ForeignKeyConstraint(["changed_by_id"], ["person.id"]),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_pulsestatementversion_statement_id",
        "pulsestatementversion",
        ["statement_id"],
        unique=False,
    )
    op.create_table(
        "pulserating",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("team", TEXT(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"]),
        sa.ForeignKeyConstraint(["version_id"], ["pulsestatementversion.id"]),
        sa.PrimaryKeyConstraint("meeting_id", "version_id", "team", "score"),
    )
    op.create_table(
        "pulserated",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("statement_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"]),
        sa.ForeignKeyConstraint(["statement_id"], ["pulsestatement.id"]),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("meeting_id", "statement_id", "person_id"),
    )


def downgrade() -> None:
    op.drop_table("pulserated")
    op.drop_table("pulserating")
    op.drop_index("ix_pulsestatementversion_statement_id", table_name="pulsestatementversion")
    op.drop_table("pulsestatementversion")
    op.drop_table("pulsestatement")
