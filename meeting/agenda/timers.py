"""Where a running meeting stands and how long each section has run.

The same rules move stored timers and the ones a screen keeps when the database cannot be
written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlmodel import col, select

from meeting.foundations.clock import Clock
from meeting.foundations.errors import HuddleError
from meeting.foundations.statuses import MeetingStatus
from meeting.foundations.views import SectionView
from storage.db import Database
from storage.models import (
    Meeting,
    Section,
)


def pause_timer(section: Section | SectionView, now: dt.datetime) -> None:
    if section.running_since is not None:
        section.elapsed_seconds += max((now - section.running_since).total_seconds(), 0.0)
        section.running_since = None


def move_timer(
    sections: Sequence[Section | SectionView], position: int, now: dt.datetime, *, running: bool
) -> None:
    """Going to `position`: a running countdown moves along (if the meeting runs). The
    rule for the stored sections and for a view kept in memory alike."""
    was_running = any(s.running_since is not None for s in sections)
    for section in sections:
        pause_timer(section, now)
    if was_running and running:
        sections[position].running_since = now


def toggle_section_timer(
    sections: Sequence[Section | SectionView], index: int, now: dt.datetime
) -> bool:
    """Start or pause the countdown of section `index`; returns whether it now runs."""
    current = sections[index]
    if current.running_since is not None:
        pause_timer(current, now)
        return False
    for section in sections:
        pause_timer(section, now)
    current.running_since = now
    return True


def go_to_section(db: Database, meeting_id: int, position: int, *, clock: Clock) -> None:
    """Make `position` the current section; a running timer moves along with it."""
    now = clock.now()
    with db.write() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        sections = session.exec(
            select(Section).where(Section.meeting_id == meeting_id).order_by(col(Section.position))
        ).all()
        if not 0 <= position < len(sections):
            return
        move_timer(sections, position, now, running=meeting.status == MeetingStatus.RUNNING)
        meeting.current_position = position


def toggle_timer(db: Database, meeting_id: int, *, clock: Clock) -> bool:
    """Start or pause the current section's countdown. Returns whether it now runs."""
    now = clock.now()
    with db.write() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        if meeting.status != MeetingStatus.RUNNING:
            raise HuddleError("this meeting has ended; its timers are stopped")
        sections = session.exec(
            select(Section).where(Section.meeting_id == meeting_id).order_by(col(Section.position))
        ).all()
        return toggle_section_timer(sections, min(meeting.current_position, len(sections) - 1), now)
