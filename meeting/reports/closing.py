"""Ending a meeting: the step that turns a running meeting into its record.

It lives above the agenda because it keeps the minutes, which read everything a meeting
holds: the meeting is ended and its minutes are written in one transaction, so a meeting is
never ended without them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlmodel import select

from meeting.agenda.timers import pause_timer
from meeting.entries.writing import reveal_at_end
from meeting.foundations.clock import Clock
from meeting.foundations.errors import HuddleError
from meeting.foundations.statuses import MeetingStatus
from meeting.reports.minutes import record_minutes
from storage.models import Meeting, Section

if TYPE_CHECKING:
    from storage.db import Database


def end_meeting(db: Database, meeting_id: int, *, clock: Clock) -> None:
    """End a meeting and keep its minutes in one transaction: if the minutes cannot be
    written, the meeting stays open with nothing changed, never ended without minutes."""
    now = clock.now()
    with db.transaction() as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise HuddleError(f"no meeting with id {meeting_id}")
        for section in session.exec(select(Section).where(Section.meeting_id == meeting_id)):
            pause_timer(section, now)
        reveal_at_end(session, meeting_id)  # the minutes are for everyone: nothing held back
        meeting.status = MeetingStatus.ENDED
        meeting.ended_at = now
        session.flush()
        session.expire_all()  # the minutes read the meeting as stored, as any reader would
        record_minutes(db, meeting_id, clock=clock)
