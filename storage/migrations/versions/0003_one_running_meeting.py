"""meeting: at most one running meeting per series, kept by the database itself

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

RUNNING = sa.text("status = 'running'")


def upgrade() -> None:
    # Two terminals starting a meeting at once could leave two running in one series.
    # The one started last stays running; the others end when they started, so their
    # records keep every entry and the index below can hold.
    op.execute(
        """
        UPDATE meeting SET status = 'ended', ended_at = COALESCE(ended_at, started_at)
        WHERE status = 'running' AND id NOT IN (
            SELECT max(id) FROM meeting WHERE status = 'running' GROUP BY series_id
        )
        """
    )
    op.create_index(
        "ux_meeting_one_running_per_series",
        "meeting",
        ["series_id"],
        unique=True,
        sqlite_where=RUNNING,
        postgresql_where=RUNNING,
    )


def downgrade() -> None:
    op.drop_index("ux_meeting_one_running_per_series", table_name="meeting")
