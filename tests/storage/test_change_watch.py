"""The change watch another terminal keeps on the database: a write that only says where a
terminal is reads as presence, every other write (a CLI command's, a whole transaction's)
as content, however the two interleave. On SQLite and PostgreSQL."""

from __future__ import annotations

from meeting.agenda import meetings, presence
from meeting.entries import items
from meeting.foundations.clock import FixedClock
from storage.db import Database
from storage.dialect import Change, watch_changes
from tests.both import db  # noqa: F401  (the fixture, on both databases)
from tests.cli.helpers import invoke


def test_presence_is_told_apart_from_content(db: Database, clock: FixedClock) -> None:  # noqa: F811
    meeting_id, _ = meetings.start_meeting(db, clock=clock, facilitator="Dana")
    working = meetings.get_meeting(db, meeting_id).sections[2].id
    watch = watch_changes(db.url)
    try:
        assert watch.changed() is Change.NONE
        presence.here(db, meeting_id, "tab-1", "Priya", 2, clock=clock)
        assert watch.changed() is Change.PRESENCE
        assert watch.changed() is Change.NONE
        presence.gone(db, meeting_id, "tab-1")
        assert watch.changed() is Change.PRESENCE
        items.add_item(db, working, "Webinar leads convert", team="sales", clock=clock)
        assert watch.changed() is Change.CONTENT
        # Both since the last look: content wins, whichever came last.
        items.add_item(db, working, "Case studies get replies", team="sales", clock=clock)
        presence.here(db, meeting_id, "tab-1", "Priya", 3, clock=clock)
        assert watch.changed() is Change.CONTENT
        said = invoke(db.url, "items", "add", "broken", "Said from a shell")
        assert said.exit_code == 0, said.output
        assert watch.changed() is Change.CONTENT
        with db.transaction() as session:  # a step of several writes, presence among them
            session.connection()
            presence.here(db, meeting_id, "tab-1", "Priya", 4, clock=clock)
        assert watch.changed() is Change.CONTENT
    finally:
        watch.close()
