"""Where this terminal stands in the agenda and how long each section has run.

A move between sections moves the running timer along, so both are saved together; a
database that cannot take the write now (busy, read-only, full) keeps none of it from
working: this part holds the move until the database can, and the timers on screen when it
cannot be written at all. The screen keeps the meeting; each call here takes the meeting as
shown and gives back the one to show.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING

from meeting.foundations.clock import Clock
from meeting.foundations.statuses import MeetingStatus
from meeting.foundations.views import MeetingView, SectionView
from meeting.reads.meeting_view import read_meeting
from screens.deferred import deferred
from storage.db import Database
from storage.errors import DatabaseBusy, DatabaseError, ServerGone

if TYPE_CHECKING:
    from meeting.agenda import timers
else:
    timers = deferred("meeting.agenda.timers")

ON_SCREEN_ONLY = " (on screen only: the database cannot be written)"


class Timebox:
    """A move the database has not taken yet, and the timers kept off the record."""

    def __init__(
        self, db: Database, clock: Clock, meeting_id: int, *, busy: Callable[[], None]
    ) -> None:
        self.db = db
        self.clock = clock
        self.meeting_id = meeting_id
        self.busy = busy  # the database is busy: try again when the add line's entries do
        self.position_to_save: int | None = None  # a move the database has not taken yet
        self.local_sections: list[SectionView] | None = None  # timers off the record

    def read(self, position: int) -> MeetingView:
        """The meeting as saved, at this terminal's own section (`position`): with several
        terminals on one meeting, the one saved is whoever moved last."""
        meeting = read_meeting(self.db, self.meeting_id)
        if self.local_sections is not None:  # timers kept on screen, not in the database
            meeting = dataclasses.replace(meeting, sections=self.local_sections)
        if self.position_to_save is not None:  # moved while the database could not be written
            position = self.position_to_save
        return dataclasses.replace(meeting, current_position=position)

    def go(self, meeting: MeetingView, position: int, *, save: bool = True) -> MeetingView:
        """Move at once; where the meeting stands is saved when the database can take it.
        Without `save` (someone else facilitates) only this terminal's view moves: the
        meeting's section and its running timer stay where the facilitator has them."""
        if save:
            self.position_to_save = position
            _saved, meeting = self.save_move(meeting)
        return dataclasses.replace(meeting, current_position=position)

    def save_waiting(self, meeting: MeetingView) -> tuple[bool, MeetingView]:
        """A move the database refused earlier, saved now if it can take it: whether it
        was (False with none waiting), and the meeting to show."""
        if self.position_to_save is None:
            return False, meeting
        return self.save_move(meeting)

    def save_move(self, meeting: MeetingView) -> tuple[bool, MeetingView]:
        """Whether the move waiting to be saved (if any) is now in the database, and the
        meeting to show meanwhile."""
        if self.position_to_save is None:
            return True, meeting
        try:
            timers.go_to_section(self.db, self.meeting_id, self.position_to_save, clock=self.clock)
        except DatabaseBusy:
            self.busy()
            return False, meeting
        except ServerGone:  # saved once the server is back, with the entries waiting
            return False, meeting
        except DatabaseError:
            # Read-only or full: browsing goes on, and the timer moves along on screen.
            sections, meeting = self.in_memory(meeting)
            timers.move_timer(
                sections,
                self.position_to_save,
                self.clock.now(),
                running=meeting.status == MeetingStatus.RUNNING,
            )
            return False, meeting
        self.position_to_save = None
        return True, meeting

    def toggle(self, meeting: MeetingView) -> tuple[MeetingView, bool, str]:
        """Start or pause the current section's timer: the meeting to show, whether the
        timer runs now, and a note when that is on screen only."""
        note = ""
        try:
            if self.local_sections is not None:
                raise DatabaseError("timers are kept on screen")  # already off the record
            running = timers.toggle_timer(self.db, self.meeting_id, clock=self.clock)
            meeting = self.read(meeting.current_position)
        except (DatabaseBusy, ServerGone):
            raise  # the guard says so; pressing t again tries again
        except DatabaseError:
            # Read-only or full: the countdown still runs on screen, just not saved.
            sections, meeting = self.in_memory(meeting)
            position = meeting.current_position
            running = timers.toggle_section_timer(sections, position, self.clock.now())
            note = ON_SCREEN_ONLY
        return meeting, running, note

    def in_memory(self, meeting: MeetingView) -> tuple[list[SectionView], MeetingView]:
        """The timers from now on kept in this screen, not in the database, and the meeting
        showing them."""
        if self.local_sections is None:
            self.local_sections = [dataclasses.replace(s) for s in meeting.sections]
            meeting = dataclasses.replace(meeting, sections=self.local_sections)
        return self.local_sections, meeting
