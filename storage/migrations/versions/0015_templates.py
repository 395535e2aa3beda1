"""agendatemplate: a team's own agenda templates, shared by every terminal on the
database; section.hint, .writing, .anonymous: what a meeting's sections were started
with, so editing a template never changes a meeting already held

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

# The prompts of the templates huddle had before 0015, by template and section: the
# sections of meetings started before then get theirs, as the meeting screen showed them.
HINTS = {
    "sync": {
        "review": "last meetings' open actions",
        "numbers": "this period against target",
        "working": "what the other side does well",
        "broken": "what gets in the way",
        "leads": "what happened to lead X?",
        "actions": "who does what by when",
    },
    "alignment": {
        "review": "the month's open actions",
        "numbers": "the month against target",
        "agreements": "do both sides keep them? e edits",
        "headsups": "campaigns, content, objections",
        "working": "what the other side does well",
        "broken": "what gets in the way",
        "leads": "what happened to lead X?",
        "actions": "who does what by when",
    },
    "ssc": {
        "start": "what we should begin doing",
        "stop": "what we should stop doing",
        "continue": "what works and should go on",
    },
}


def upgrade() -> None:
    op.create_table(
        "agendatemplate",
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("saved_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    with op.batch_alter_table("section", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("hint", sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("writing", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("anonymous", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    section = sa.table(
        "section",
        sa.column("meeting_id", sa.Integer),
        sa.column("key", sa.String),
        sa.column("hint", sa.String),
    )
    meeting = sa.table("meeting", sa.column("id", sa.Integer), sa.column("template_key", sa.String))
    for template_key, hints in HINTS.items():
        of_template = sa.select(meeting.c.id).where(meeting.c.template_key == template_key)
        for key, hint in hints.items():
            op.execute(
                section.update()
                .where(section.c.key == key, section.c.meeting_id.in_(of_template))
                .values(hint=hint)
            )


def downgrade() -> None:
    with op.batch_alter_table("section", schema=None) as batch_op:
        batch_op.drop_column("anonymous")
        batch_op.drop_column("writing")
        batch_op.drop_column("hint")
    op.drop_table("agendatemplate")
