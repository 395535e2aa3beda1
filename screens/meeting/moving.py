"""Moving through the agenda and timing each section.

Where the meeting stands and its timers are saved, but a database that cannot take the
write now (busy, read-only, full) keeps none of it from working: the screen holds them
until the database can."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from textual.screen import Screen

from meeting.agenda import meetings
from meeting.agenda.timers import go_to_section, move_timer, toggle_section_timer, toggle_timer
from meeting.foundations.views import MeetingView, SectionView
from screens.guard import guarded
from screens.widgets.agenda import AgendaRow
from storage.errors import DatabaseBusy, DatabaseError, ServerGone

if TYPE_CHECKING:
    from meeting.foundations.clock import Clock
    from storage.db import Database


class AgendaMoving(Screen[None]):
    """The meeting screen's part that moves between sections and runs their timers."""

    if TYPE_CHECKING:  # what the meeting screen this is part of provides
        db: Database
        clock: Clock
        meeting_id: int
        meeting: MeetingView
        position_to_save: int | None  # a move the database has not taken yet
        local_sections: list[SectionView] | None  # timers off the record
        agenda_narrow: bool
        agenda_chosen: bool  # the facilitator narrowed or widened the agenda with `c`

        @property
        def section(self) -> SectionView: ...
        def show_section(self, keep_cursor: bool = False, focus_table: bool = True) -> None: ...
        def set_text(self, selector: str, text: str) -> None: ...
        def refit_table(self) -> None: ...
        def show_headsups(self) -> None: ...
        def show_others(self) -> None: ...
        def wait_for_database(self) -> None: ...

    def reload_meeting(self) -> None:
        """The meeting as saved, at this terminal's own section: with several terminals on
        one meeting, the one saved is whoever moved last."""
        position = self.meeting.current_position
        self.meeting = meetings.get_meeting(self.db, self.meeting_id)
        if self.local_sections is not None:  # timers kept on screen, not in the database
            self.meeting = dataclasses.replace(self.meeting, sections=self.local_sections)
        if self.position_to_save is not None:  # moved while the database could not be written
            position = self.position_to_save
        self.meeting = dataclasses.replace(self.meeting, current_position=position)

    def tick(self) -> None:
        now = self.clock.now()
        for row in self.query(AgendaRow):
            position = row.section.position
            row.show(
                self.meeting.sections[position],
                current=position == self.meeting.current_position,
                now=now,
                narrow=self.agenda_narrow,
            )
        total = sum(s.elapsed_at(now) for s in self.meeting.sections)
        planned = sum(s.timebox_seconds for s in self.meeting.sections)
        running = any(s.running for s in self.meeting.sections)
        if self.agenda_narrow:
            note = f"{round(total / 60)}/{round(planned / 60)} min"
        else:
            note = f"{round(total / 60)} of {round(planned / 60)} min"
            if self.meeting.status == "running":
                note += "\nt: " + ("pause timer" if running else "start timer")
        self.set_text("#agenda-note", note)

    def on_agenda_row_picked(self, message: AgendaRow.Picked) -> None:
        self.action_go(message.position)

    def action_go(self, position: int) -> None:
        """Move at once; where the meeting stands is saved when the database can take it."""
        if not 0 <= position < len(self.meeting.sections):
            return
        was, was_to_save = self.meeting, self.position_to_save
        self.position_to_save = position
        self.save_position()
        self.meeting = dataclasses.replace(self.meeting, current_position=position)
        try:
            self.reload_meeting()
            self.show_section()
        except ServerGone:  # the section cannot be read: stay, and say so (tui.app)
            self.meeting, self.position_to_save = was, was_to_save
            raise
        self.tick()
        self.moved(position)

    def moved(self, position: int) -> None:
        """Told after each move this terminal makes (the meeting screen tells the others)."""

    def action_next_section(self) -> None:
        self.action_go(self.meeting.current_position + 1)

    def action_previous_section(self) -> None:
        self.action_go(self.meeting.current_position - 1)

    def after_move_saved(self) -> None:
        """A move the database refused earlier: save it now, if it can take it."""
        if self.position_to_save is not None and self.save_position():
            self.reload_meeting()
            self.tick()

    def save_position(self) -> bool:
        """Whether the position waiting to be saved (if any) is now in the database."""
        if self.position_to_save is None:
            return True
        try:
            go_to_section(self.db, self.meeting_id, self.position_to_save, clock=self.clock)
        except DatabaseBusy:
            self.wait_for_database()
            return False
        except ServerGone:  # saved once the server is back, with the entries waiting
            return False
        except DatabaseError:
            # Read-only or full: browsing goes on, and the timer moves along on screen.
            move_timer(
                self.sections_in_memory(),
                self.position_to_save,
                self.clock.now(),
                running=self.meeting.status == "running",
            )
            return False
        self.position_to_save = None
        return True

    @guarded
    def action_toggle_timer(self) -> None:
        if self.meeting.status != "running":
            self.notify("This meeting has ended; its timers are stopped.", markup=False)
            return
        note = ""
        try:
            if self.local_sections is not None:
                raise DatabaseError("timers are kept on screen")  # already off the record
            running = toggle_timer(self.db, self.meeting_id, clock=self.clock)
            self.reload_meeting()
        except (DatabaseBusy, ServerGone):
            raise  # the guard says so; pressing t again tries again
        except DatabaseError:
            # Read-only or full: the countdown still runs on screen, just not saved.
            sections = self.sections_in_memory()
            position = self.meeting.current_position
            running = toggle_section_timer(sections, position, self.clock.now())
            note = " (on screen only: the database cannot be written)"
        self.tick()
        state = "running" if running else "paused"
        self.notify(f"{self.section.title}: timer {state}{note}", markup=False)

    def sections_in_memory(self) -> list[SectionView]:
        """The timers from now on kept in this screen, not in the database."""
        if self.local_sections is None:
            self.local_sections = [dataclasses.replace(s) for s in self.meeting.sections]
            self.meeting = dataclasses.replace(self.meeting, sections=self.local_sections)
        return self.local_sections

    def action_toggle_agenda(self) -> None:
        self.agenda_chosen = True
        self.narrow_agenda(not self.agenda_narrow)

    def narrow_agenda(self, narrow: bool) -> None:
        """The agenda as a strip of numbers and timers, or whole; the lines under it
        (heads-ups, who else is here) said the short or the long way to match."""
        self.agenda_narrow = narrow
        self.query_one("#agenda").set_class(narrow, "-narrow")
        self.tick()
        self.show_headsups()
        self.show_others()
        self.call_after_refresh(self.refit_table)
