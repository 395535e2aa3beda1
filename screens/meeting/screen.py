"""The meeting: agenda with countdowns on the left, the current section on the right.

The section's kind (screens/sections/) says what its table holds and what its keys do.
This screen keeps what the meeting is (as read, at this terminal's own section) and
answers its keys; the rest is in parts with their own state that it calls (listed in
__init__.py). Each edit is one call into `meeting/` that commits before the screen shows it."""

from __future__ import annotations

import dataclasses

from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from meeting.entries.identity import Me
from meeting.foundations.clock import Clock
from meeting.foundations.errors import screen_line
from meeting.foundations.statuses import MeetingStatus
from meeting.foundations.views import SectionView
from meeting.reads.meeting_view import read_meeting
from screens.confirmations import ConfirmScreen
from screens.entry_queue import EntryQueue, PendingEntry
from screens.guard import guarded
from screens.meeting import keys
from screens.meeting.agenda_pane import NARROW, AgendaPane
from screens.meeting.controls import Controls
from screens.meeting.entries import AddLine
from screens.meeting.kind_host import KindHost
from screens.meeting.layout import meeting_widgets, topbar
from screens.meeting.live import LiveRefresh
from screens.meeting.others import HEARTBEAT_SECONDS, OtherTerminals
from screens.meeting.section_pane import SectionPane
from screens.meeting.texts import ShownTexts
from screens.meeting.timebox import Timebox
from screens.navigation import FirstFrame, MeetingEnded, OpenMeeting, OpenNumbers, go
from screens.sections import SectionKind, SectionRows, kind_of
from screens.textual_patches import CoverableScreen
from screens.widgets.agenda import AgendaRow
from screens.widgets.quick_add import QuickAdd
from storage.db import Database
from storage.errors import ServerGone


class MeetingScreen(CoverableScreen):
    PALETTE_NAMESPACE = "meeting"
    # Kept when a narrow footer drops keys; an ended meeting's has room for its reopen key.
    FOOTER_KEEP = ("meeting.end", "meeting.reopen", "meeting.home")
    NARROW = NARROW  # below this many columns the agenda starts as a narrow strip
    BINDINGS = keys.BINDINGS

    def __init__(self, db: Database, clock: Clock, opened: OpenMeeting, me: Me | None) -> None:
        super().__init__()
        self.db = db
        self.clock = clock
        self.meeting_id = meeting_id = opened.meeting_id
        self.meeting = read_meeting(db, meeting_id)  # Core: the ORM loads after the first frame
        self.take_attendance = opened.take_attendance  # a meeting just started: who is here?
        self.texts = ShownTexts(self)
        self.agenda = AgendaPane(self, db, clock, self.texts, drives=lambda: self.controls.drives)
        self.pane = SectionPane(self, db, clock, self.texts)
        self.host = KindHost(
            self, db, clock, self.pane, meeting=lambda: self.meeting, show_section=self.show_section
        )
        self.add_line = AddLine(
            self, db, clock, self.texts, save_first=self.save_waiting_move, saved=self.entries_saved
        )
        self.add_line.author = self.host.seen_as(me, self.pane, self.add_line)
        self.timebox = Timebox(db, clock, meeting_id, busy=self.add_line.wait_for_database)
        self.company = OtherTerminals(
            self, db, clock, meeting_id, self.texts, follow_to=self.follow_to, me=me
        )
        self.controls = Controls(
            self, db, me, meeting=lambda: self.meeting, handed=self.refresh_from_others
        )
        self.company.following = not self.controls.drives  # someone else runs it: follow
        self.live = LiveRefresh(db)

    def compose(self) -> ComposeResult:
        yield from meeting_widgets(self.meeting.sections)

    def on_mount(self) -> None:
        quick_add = self.query_one(QuickAdd)
        quick_add.display = False
        quick_add.save_entries = self.take_entries
        self.texts.display("#pending", False)
        self.agenda.set_narrow(self.app.size.width < self.NARROW)
        self.show_topbar()
        self.tick()
        self.show_section()
        self.set_interval(1.0, self.tick)
        self.live.start(self, self.refresh_from_others, self.show_others)
        self.set_interval(HEARTBEAT_SECONDS, self.announce)
        self.show_others()
        self.agenda.show_headsups(self.meeting)
        if self.take_attendance:
            self.call_after_refresh(self.action_attendance)
        self.call_after_refresh(self.call_after_refresh, self.announce, True)  # footer shown

    def on_unmount(self) -> None:
        self.live.close()
        self.company.gone()

    # ---------------------------------------------------------------- the meeting

    @property
    def section(self) -> SectionView:
        return self.meeting.current

    @property
    def kind(self) -> SectionKind:
        return kind_of(self.section.kind)

    @property
    def ended(self) -> bool:
        """An ended meeting is a record: its screen offers no key that writes into it."""
        return self.meeting.status == MeetingStatus.ENDED

    def reload_meeting(self) -> None:
        """The meeting as saved, at this terminal's own section."""
        self.meeting = self.timebox.read(self.meeting.current_position)

    def show_topbar(self) -> None:
        self.query_one("#topbar", Static).update(topbar(self.meeting))

    def show_section(self, keep_cursor: bool = False, focus_table: bool = True) -> None:
        """Show the current section (and its kind's keys, if it is another one)."""
        if self.pane.show(
            self.meeting,
            self.kind,
            ended=self.ended,
            by_votes=self.section.id in self.host.ranked,
            keep_cursor=keep_cursor,
            focus_table=focus_table,
        ):
            self.refresh_bindings()

    @property
    def section_rows(self) -> SectionRows | None:
        return self.pane.section_rows

    def selected_key(self) -> int | None:
        return self.pane.selected_key()

    def refresh_from_others(self) -> None:
        """Another terminal saved something (or this one did): show it; cursor and typing stay."""
        key = self.selected_key()
        was = self.meeting.status
        try:
            self.reload_meeting()  # at this terminal's own section: each walks its own way
        except Exception:  # busy, or the server gone for a moment: the next change brings it
            return
        if self.meeting.status != was:
            self.status_changed()
        if said := self.controls.came_or_went():  # handed over, here or elsewhere
            self.refresh_bindings()
            self.company.following = not self.controls.drives
            self.host.say(said)
        self.show_topbar()
        self.tick()
        self.show_section(keep_cursor=True, focus_table=False)
        if key is not None:
            self.pane.select_key(key)
        self.show_others()
        self.agenda.show_headsups(self.meeting)  # one added in another terminal shows here too

    def status_changed(self) -> None:
        """Ended or reopened (here or in another terminal): the footer offers what the
        meeting takes now, and entries kept while it was ended are saved once it runs."""
        self.refresh_bindings()
        if self.ended:
            self.host.say(f"The meeting of {self.meeting.date} has ended: {self.controls.reopens}.")
        elif self.pending:
            self.add_line.save_pending()

    # ---------------------------------------------------------------- the agenda

    def tick(self) -> None:
        self.agenda.tick(self.meeting)

    def on_agenda_row_picked(self, message: AgendaRow.Picked) -> None:
        self.action_go(message.position)

    def action_go(self, position: int) -> None:
        """Move at once; where the meeting stands is saved when the database can take it."""
        if not 0 <= position < len(self.meeting.sections):
            return
        was, was_to_save = self.meeting, self.timebox.position_to_save
        self.meeting = self.timebox.go(self.meeting, position, save=self.controls.drives)
        try:
            self.reload_meeting()
            self.show_section()
        except ServerGone:  # the section cannot be read: stay, and say so (tui.app)
            self.meeting, self.timebox.position_to_save = was, was_to_save
            raise
        self.tick()
        if self.company.moved_alone(position):
            self.host.say("Stopped following: you moved on your own (f follows again).")
        self.announce()

    def action_next_section(self) -> None:
        self.action_go(self.meeting.current_position + 1)

    def action_previous_section(self) -> None:
        self.action_go(self.meeting.current_position - 1)

    def save_waiting_move(self) -> None:
        """A move the database refused earlier: save it now, if it can take it."""
        saved, self.meeting = self.timebox.save_waiting(self.meeting)
        if saved:
            self.reload_meeting()
            self.tick()

    @guarded
    def action_toggle_timer(self) -> None:
        if self.meeting.status != MeetingStatus.RUNNING:
            self.notify("This meeting has ended; its timers are stopped.", markup=False)
            return
        self.meeting, running, note = self.timebox.toggle(self.meeting)
        self.tick()
        state = "running" if running else "paused"
        self.notify(f"{self.section.title}: timer {state}{note}", markup=False)

    def action_toggle_agenda(self) -> None:
        self.agenda.chosen = True
        self.narrow_agenda(not self.agenda.narrow)

    def narrow_agenda(self, narrow: bool) -> None:
        """The agenda as a strip of numbers and timers, or whole; the lines under it to match."""
        self.agenda.set_narrow(narrow)
        self.tick()
        self.agenda.show_headsups(self.meeting)
        self.show_others()
        self.call_after_refresh(self.pane.refit)

    def on_resize(self) -> None:
        """Past NARROW the whole agenda comes back, below it the strip, unless `c` chose."""
        if not self.agenda.fits_width():
            self.narrow_agenda(not self.agenda.narrow)
        else:
            self.call_after_refresh(self.pane.refit)

    # ---------------------------------------------------------------- other terminals

    def announce(self, first: bool = False) -> None:
        """Tell the other terminals where this one is, off the UI thread. The `first` time is
        once the first frame, read without the ORM, is painted: the App loads the ORM now."""
        if first:
            self.post_message(FirstFrame())
        self.company.announce(self.meeting.current_position)

    @property
    def following(self) -> bool:
        return self.company.following

    def show_others(self) -> None:
        self.company.show(self.meeting, narrow=self.agenda.narrow)

    def follow_to(self, position: int) -> None:
        """Go where the facilitator's terminal is: shown here only, nothing saved (no timer)."""
        self.meeting = dataclasses.replace(self.meeting, current_position=position)
        self.tick()
        self.show_section(focus_table=not self.pane.typing())
        self.announce()

    def action_follow(self) -> None:
        self.show_others()
        self.host.say(self.company.toggle())
        self.show_others()

    # ---------------------------------------------------------------- keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return keys.offered(
            action,
            parameters,
            status=self.meeting.status,
            kind=lambda: self.kind,
            can_undo=bool(self.host.undo_stack),
            can_follow=self.company.following or bool(self.company.others),
            drives=self.controls.drives,
            phase=lambda: self.section.phase,
        )

    def footer_keep(self) -> tuple[str, ...]:  # a narrow footer's first keys: the section's
        return self.kind.footer_keys()

    def refuse_key(self, key: str) -> bool:
        """An ended meeting's writing keys, and the facilitator's keys where someone else
        facilitates, are hidden from the footer, not dead: pressed, each says in one line
        how to reopen the meeting, or who holds the key. Asked in key order, once the keys
        before have had their bindings (an `a` earlier in a burst puts this on the add line)."""
        refused = self.controls.refuses(key)
        refused = refused or keys.before_the_reveal(key, self.kind.offers, self.section)
        if refused or (self.ended and keys.writes(key, lambda k: self.kind.offers(k))):
            self.host.warn(refused or screen_line(self.meeting.date))
            return True
        return False

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self.pane.show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self.ended:
            self.host.warn(screen_line(self.meeting.date))
        elif self.kind.offers("edit"):
            self.action_edit()

    def on_quick_add_closed(self, _message: QuickAdd.Closed) -> None:
        self.query_one("#entries", DataTable).focus()

    @guarded
    def action_add(self) -> None:
        self.host.add()

    @guarded
    def action_add_with_details(self) -> None:
        self.host.add_with_details()

    @guarded
    def action_edit(self) -> None:
        self.host.edit()

    @guarded
    def action_delete(self) -> None:
        self.host.delete()

    @guarded
    def action_section(self, method: str, *args: str) -> None:
        """A key of the current kind only (mark, answer, withdraw, edit the metric)."""
        self.host.section_key(method, *args)

    @guarded
    def action_undo(self) -> None:
        self.host.undo()

    # ---------------------------------------------------------------- the add line

    def take_entries(self, texts: list[str], team: str) -> None:
        """Entries typed on the line under the table, for the section they were typed in."""
        section = self.section
        team = team or "marketing"
        self.host.last_item_team[section.key] = team
        self.add_line.take(section, texts, team)

    def entries_saved(self, saved: list[PendingEntry]) -> None:
        """The database has taken entries: those of the section shown appear at once."""
        if any(e.section_id == self.section.id for e in saved):
            self.show_section(keep_cursor=True, focus_table=False)
            self.pane.cursor_to_last()

    @property
    def pending(self) -> EntryQueue:
        """Entries typed but not saved yet, oldest first."""
        return self.add_line.pending

    # ---------------------------------------------------------------- and the rest

    @guarded
    def action_attendance(self) -> None:
        from screens.attendance import AttendanceScreen

        carry, self.take_attendance = self.take_attendance, False  # who came last time: ticked
        screen = AttendanceScreen(self.db, self.meeting_id, from_last_time=carry)
        if carry:  # marked present by now: the top bar under the dialog counts them at once
            self.refresh_from_others()
        self.app.push_screen(screen, lambda _: self.refresh_from_others())

    def action_numbers_screen(self) -> None:
        go(self, OpenNumbers(self.meeting.series_id))

    def action_leave(self) -> None:
        if not self.add_line.holds_unsaved("leave"):
            self.dismiss(None)

    def action_quit_app(self) -> None:
        if not self.add_line.holds_unsaved("quit"):
            self.app.exit()

    def action_hand_over(self) -> None:
        self.controls.hand_over()

    @guarded
    def action_reopen(self) -> None:
        if self.ended:
            self.controls.reopen(self.clock)
            self.refresh_from_others()  # shown as a reopen in another terminal is
            self.host.say("Running again: add what was missed; ctrl+e ends it, with new minutes.")

    def action_end_meeting(self) -> None:
        if not self.add_line.holds_unsaved("end the meeting"):
            sure = ConfirmScreen("End the meeting?", self.host.writing.on_ending())
            self.app.push_screen(sure, lambda yes: self.end_now() if yes else None)

    @guarded
    def end_now(self) -> None:
        self.controls.end(self.clock)
        # Known here already: the poll must not tell this terminal it ended.
        self.meeting = dataclasses.replace(self.meeting, status=MeetingStatus.ENDED)
        self.post_message(MeetingEnded(self.meeting_id))
