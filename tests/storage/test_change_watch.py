"""The change watch another terminal keeps on the database: a write that only says where a
terminal is reads as presence, every other write (a CLI command's, a whole transaction's)
as content, however the two interleave. On SQLite and PostgreSQL."""

from __future__ import annotations

import time

from meeting.agenda import meetings, presence
from meeting.entries import items
from meeting.foundations.clock import FixedClock
from storage.db import Database
from storage.dialect import Change, ChangeWatch, watch_changes
from tests.both import db  # noqa: F401  (the fixture, on both databases)
from tests.cli.helpers import invoke


def next_change(watch: ChangeWatch, settle: float = 0.5, timeout: float = 15.0) -> Change:
    """What the watch has seen once news stops coming: PostgreSQL's notices arrive a moment
    after the commit (later still on a loaded machine), each write's on its own, so one
    look right after a write may see none of them, or only the first."""
    seen, last_news = Change.NONE, time.monotonic()
    deadline = last_news + timeout
    while time.monotonic() < deadline:
        news = watch.changed()
        if news is not Change.NONE:
            seen, last_news = max(seen, news), time.monotonic()
        elif seen is not Change.NONE and time.monotonic() - last_news > settle:
            break
        time.sleep(0.02)
    return seen


def test_presence_is_told_apart_from_content(db: Database, clock: FixedClock) -> None:  # noqa: F811
    meeting_id, _ = meetings.start_meeting(db, clock=clock, facilitator="Dana")
    working = meetings.get_meeting(db, meeting_id).sections[2].id
    watch = watch_changes(db.url)
    try:
        assert watch.changed() is Change.NONE
        presence.here(db, meeting_id, "tab-1", "Priya", 2, clock=clock)
        assert next_change(watch) is Change.PRESENCE
        assert watch.changed() is Change.NONE
        presence.gone(db, meeting_id, "tab-1")
        assert next_change(watch) is Change.PRESENCE
        items.add_item(db, working, "Webinar leads convert", team="sales", clock=clock)
        assert next_change(watch) is Change.CONTENT
        # Both since the last look: content wins, whichever came last.
        items.add_item(db, working, "Case studies get replies", team="sales", clock=clock)
        presence.here(db, meeting_id, "tab-1", "Priya", 3, clock=clock)
        assert next_change(watch) is Change.CONTENT
        said = invoke(db.url, "items", "add", "broken", "Said from a shell")
        assert said.exit_code == 0, said.output
        assert next_change(watch) is Change.CONTENT
        with db.transaction() as session:  # a step of several writes, presence among them
            session.connection()
            presence.here(db, meeting_id, "tab-1", "Priya", 4, clock=clock)
        assert next_change(watch) is Change.CONTENT
    finally:
        watch.close()
