"""The meeting: agenda with countdowns on the left, the current section on the right.

The section's kind (screens/sections/) says what its table holds and what its keys do;
this screen lays them out, moves between sections (moving.py) and saves what the add line
takes (entries.py). Each edit is one call into `meeting/` that commits before the screen
shows it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import time
from collections.abc import Callable

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import DataTable, Static

from meeting.agenda import meetings, presence
from meeting.catalog.templates import get_template
from meeting.entries import headsups
from meeting.entries.people import roster
from meeting.foundations.clock import Clock
from meeting.foundations.errors import screen_line
from meeting.foundations.teams import TEAMS
from meeting.foundations.text import one_line, visible
from meeting.foundations.views import SectionView
from meeting.reports import closing
from screens.busy import BusyWait
from screens.confirmations import ConfirmScreen
from screens.entry_queue import EntryQueue
from screens.form_fields import Field, FormValues
from screens.forms import EntryForm
from screens.guard import guarded
from screens.meeting.entries import EntryQueueing
from screens.meeting.moving import AgendaMoving
from screens.navigation import MeetingEnded, OpenNumbers, go
from screens.section_table import fill_table
from screens.sections import SectionKind, SectionRows, Undo, kind_bindings, kind_of
from screens.widgets import static
from screens.widgets.agenda import AgendaRow
from screens.widgets.footer import Footer
from screens.widgets.quick_add import QuickAdd
from storage.db import Database
from storage.dialect import ChangeWatch, watch_changes
from storage.errors import ServerGone

WATCH_RETRY_SECONDS = 3.0  # how often a lost change watch tries its server again
# After a save of this terminal's own, the refresh it sets off waits this long (the save
# has painted its own entry already), so fast typing is not slowed by re-reading its own
# work; the watch is still asked at least every 2 x this, so another terminal's change
# shows within a second however fast this one types.
OWN_SAVE_QUIET = 0.4
DETAIL_LINES = 5  # the detail pane's height (app.tcss), less its border
SHARED = ("add", "add_with_details", "edit", "delete")  # actions each kind may offer
# What an ended meeting still offers of its kinds' keys: they change nothing in it.
READING_KEYS = ("sort",)
WRITING = (*SHARED, "undo", "attendance")  # keys that write into the meeting
ENDED_EMPTY = "Nothing here. The meeting has ended: R reopens it, to add what was missed."


def binding(key: str, action: str, description: str, name: str, tooltip: str = "") -> Binding:
    return Binding(key, action, description, id=f"meeting.{name}", tooltip=tooltip)


class MeetingScreen(AgendaMoving, EntryQueueing):
    PALETTE_NAMESPACE = "meeting"
    # Kept when a narrow footer drops keys; an ended meeting's has room for its reopen key.
    FOOTER_KEEP = ("meeting.end", "meeting.reopen", "meeting.home")
    NARROW = 100  # below this many columns the agenda starts as a narrow strip
    BINDINGS = [
        binding("n,right_square_bracket", "next_section", "Next", "next", "Next section"),
        binding(
            "p,left_square_bracket", "previous_section", "Prev", "previous", "Previous section"
        ),
        binding("a", "add", "Add", "add", "Add an entry"),
        binding(
            "A",
            "add_with_details",
            "Add…",
            "add_details",
            "Add an entry with every field (team, metric, who said it)",
        ),
        binding("e", "edit", "Edit", "edit", "Edit the highlighted entry"),
        *kind_bindings(),
        binding("g", "numbers_screen", "Charts", "numbers", "Numbers over time"),
        binding("delete", "delete", "Delete", "delete", "Delete the highlighted entry"),
        binding("u", "undo", "Undo", "undo", "Undo the last delete"),
        binding("t", "toggle_timer", "Timer", "timer", "Start or pause the section timer"),
        binding(
            "c",
            "toggle_agenda",
            "Agenda",
            "agenda",
            "Narrow the agenda to a strip of numbers and timers, or widen it",
        ),
        binding("P", "attendance", "Who's here", "attendance", "Mark who is present"),
        binding(
            "f",
            "follow",
            "Follow",
            "follow",
            "Go where the facilitator's terminal goes (it has had the meeting open longest)",
        ),
        binding("ctrl+e", "end_meeting", "End meeting", "end"),
        binding(
            "R",
            "reopen",
            "Reopen",
            "reopen",
            "Run this ended meeting again, to add what was missed",
        ),
        binding("escape", "leave", "Home", "home", "Back to home"),
        Binding("ctrl+q", "quit_app", "Quit", id="meeting.quit", show=False),
        *[
            Binding(
                str(n),
                f"go({n - 1})",
                f"Section {n}",
                show=False,
                tooltip=f"Go to section {n}",
                id=f"meeting.go{n}",
            )
            for n in range(1, 10)
        ],
    ]

    def __init__(
        self, db: Database, clock: Clock, meeting_id: int, *, take_attendance: bool = False
    ) -> None:
        super().__init__()
        self.db = db
        self.clock = clock
        self.meeting_id = meeting_id
        self.meeting = meetings.get_meeting(db, meeting_id)
        self.take_attendance = take_attendance  # a meeting just started: who is here?
        self.section_rows: SectionRows | None = None
        self.shown_rows: SectionRows | None = None  # the rows as the table shows them
        self.shown_section: int | None = None  # the section whose rows the table holds
        self.shown_text: dict[str, str] = {}
        self.undo_stack: list[Undo] = []
        self.last_item_team: dict[str, str] = {}
        self.last_voter = ""
        self.ranked: set[int] = set()
        self.busy = BusyWait()  # how long entries have waited for a busy database
        self.pending = EntryQueue()  # entries typed but not saved yet, oldest first
        self.retry_timer: Timer | None = None
        self.server_away = False  # the server could not be reached at the last save
        self.known_teams: list[str] = list(TEAMS)  # the add line's teams, as last read
        self.warned_unsaved = ""  # what a warning about unsaved entries was last given for
        self.position_to_save: int | None = None  # a move the database has not taken yet
        self.agenda_narrow = False
        self.agenda_chosen = False  # `c` pressed: the terminal's width no longer decides
        self.local_sections: list[SectionView] | None = None  # timers off the record
        self.detail_long = False  # the detail pane holds more lines than it shows
        self.terminal = presence.terminal_id()  # this app, among the terminals on the meeting
        self.who = presence.who_am_i()
        self.following = False  # `f`: go where the facilitator's terminal goes
        self.others: list[presence.Other] = []
        self.watch_lost_at: float | None = None  # when the change watch lost its server
        self.own_commits = db.commits  # this terminal's saves, as last counted
        self.own_save_at = 0.0  # when this terminal last saved (monotonic)
        self.checked_at = 0.0  # when the change watch was last asked (monotonic)

    # ---------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        yield Static("", id="topbar", markup=False)
        with Horizontal(id="meeting-body"):
            with Vertical(id="agenda"):
                yield Static("Agenda", classes="pane-title")
                for section in self.meeting.sections:
                    yield AgendaRow(section)
                yield Static("", id="agenda-note", markup=False)
                yield Static("", id="agenda-headsups", markup=False)
                yield Static("", id="here-too", markup=False)
            with Vertical(id="section-pane"):
                yield Static("", id="section-title", markup=False)
                yield Static("", id="section-hint", markup=False)
                yield DataTable(id="entries", cursor_type="row", zebra_stripes=True)
                yield Static("", id="empty", markup=False)
                yield Static("", id="section-note", markup=False)
                yield Static("", id="pending", markup=False)
                yield QuickAdd(id="quick-add")
                with VerticalScroll(id="detail-pane"):
                    yield Static("", id="detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        quick_add = self.query_one(QuickAdd)
        quick_add.display = False
        quick_add.save_entries = self.take_entries
        self.set_display("#pending", False)
        self.agenda_narrow = self.app.size.width < self.NARROW
        self.query_one("#agenda").set_class(self.agenda_narrow, "-narrow")
        self.show_meeting()
        self.set_interval(1.0, self.tick)
        self.change_watch = self.open_watch()
        self.set_interval(0.1, self.refresh_if_changed)  # a PRAGMA or a socket poll: cheap
        self.announce()
        self.set_interval(presence.HEARTBEAT_SECONDS, self.announce)
        self.show_others()
        self.show_headsups()
        if self.take_attendance:
            self.call_after_refresh(self.action_attendance)

    # ---------------------------------------------------------------- live refresh

    def open_watch(self) -> ChangeWatch:
        try:
            return watch_changes(self.db.url)
        except Exception:  # a watch is a convenience: the meeting runs without one
            return ChangeWatch()

    def on_unmount(self) -> None:
        self.change_watch.close()
        with contextlib.suppress(Exception):  # best effort: a silent row drops out anyway
            presence.gone(self.db, self.meeting_id, self.terminal)

    def announce(self) -> None:
        """Tell the other terminals where this one is, off the UI thread."""
        position = self.meeting.current_position
        self.run_worker(
            lambda: self._announce(position), thread=True, group="presence", exclusive=True
        )

    def _announce(self, position: int) -> None:
        with contextlib.suppress(Exception):  # read-only, busy or gone: others just miss it
            presence.here(
                self.db, self.meeting_id, self.terminal, self.who, position, clock=self.clock
            )

    def moved(self, position: int) -> None:
        if self.following and self.leader_position() != position:
            self.following = False
            self.say("Stopped following: you moved on your own (f follows again).")
        self.announce()

    def show_others(self) -> None:
        had_others = bool(self.others)
        try:
            self.others = presence.others(self.db, self.meeting_id, self.terminal, clock=self.clock)
        except Exception:  # a courtesy line: never worth failing the meeting for
            return
        if had_others != bool(self.others):
            self.refresh_bindings()  # f (follow) comes or goes
        if not self.others:
            text = ""
        elif self.agenda_narrow:
            text = f"+{len(self.others)} here"
        else:
            names = [
                f"{one_line(o.who, 18)} · {o.position + 1}" + (" ▶" if o.leading else "")
                for o in self.others
            ]
            text = "Here too:\n" + "\n".join(names)
            if self.following:
                text += "\nf: stop following"
        self.set_text("#here-too", text)
        if self.following:
            self.follow()

    def show_headsups(self) -> None:
        """Heads-ups under the agenda of a meeting whose agenda has no section for them, so
        a running campaign is in front of every meeting until it ends."""
        if any(s.kind == "heads-up" for s in self.meeting.sections):
            return
        try:
            running = headsups.for_meeting(self.db, self.meeting_id)
        except Exception:  # a courtesy line: never worth failing the meeting for
            return
        if not running:
            text = ""
        elif self.agenda_narrow:
            text = f"⚑ {len(running)}"
        else:
            lines = []
            for h in running[:4]:
                until = f" · to {h.ends_on:%d %b}" if h.ends_on else ""
                lines.append(f"⚑ {one_line(visible(h.text), 26 - len(until))}{until}")
            text = "Heads-ups:\n" + "\n".join(lines)
        self.set_text("#agenda-headsups", text)

    def leader_position(self) -> int | None:
        leader = next((o for o in self.others if o.leading), None)
        return leader.position if leader else None

    def follow(self) -> None:
        """Go where the facilitator's terminal is: shown here only, nothing saved, so the
        follower never moves anyone's timer."""
        position = self.leader_position()
        if position is None or position == self.meeting.current_position:
            return
        if not 0 <= position < len(self.meeting.sections):
            return
        self.meeting = dataclasses.replace(self.meeting, current_position=position)
        self.tick()
        self.show_section(focus_table=self.focused is None or self.focused.id == "entries")
        self.announce()

    def action_follow(self) -> None:
        self.show_others()
        if self.following:
            self.following = False
            self.say("Not following any more.")
        elif self.leader_position() is None:
            self.say("Nobody else has this meeting open, or you opened it first: you lead.")
        else:
            self.following = True
            self.say("Following the facilitator's terminal (f stops).")
        self.show_others()

    def refresh_if_changed(self) -> None:
        """Another terminal saved something (or this one did): show it, without moving
        the cursor, the focus or anything being typed."""
        if self.db.commits != self.own_commits:
            self.own_commits, self.own_save_at = self.db.commits, time.monotonic()
        now = time.monotonic()
        if now - self.own_save_at < OWN_SAVE_QUIET and now - self.checked_at < 2 * OWN_SAVE_QUIET:
            return  # the change stays unread until then: nothing is missed
        self.checked_at = now
        if self.watch_lost_at is not None:
            if time.monotonic() - self.watch_lost_at < WATCH_RETRY_SECONDS:
                return
            self.change_watch = self.open_watch()  # the server may be back
            if type(self.change_watch) is ChangeWatch:  # not yet
                self.watch_lost_at = time.monotonic()
                return
            self.watch_lost_at = None
            self.refresh_from_others()  # whatever was saved while it was away
            return
        try:
            changed = self.change_watch.changed()
        except Exception:  # the server went away: look again every few seconds
            with contextlib.suppress(Exception):
                self.change_watch.close()
            self.change_watch = ChangeWatch()
            self.watch_lost_at = time.monotonic()
            return
        if changed:
            self.refresh_from_others()

    def refresh_from_others(self) -> None:
        key = self.selected_key()
        was = self.meeting.status
        try:
            self.reload_meeting()  # at this terminal's own section: each walks its own way
        except Exception:  # busy, or the server gone for a moment: the next change brings it
            return
        if self.meeting.status != was:
            self.status_changed()
        self.show_topbar()
        self.tick()
        self.show_section(keep_cursor=True, focus_table=False)
        if key is not None:
            self.select_key(key)
        self.show_others()
        self.show_headsups()  # one added in another terminal shows here too

    @property
    def section(self) -> SectionView:
        return self.meeting.current

    @property
    def kind(self) -> SectionKind:
        return kind_of(self.section.kind)

    def show_meeting(self) -> None:
        self.show_topbar()
        self.tick()
        self.show_section()

    def show_topbar(self) -> None:
        status = "ended" if self.meeting.status == "ended" else "running"
        facilitator = (
            f" · facilitator {visible(self.meeting.facilitator)}"
            if self.meeting.facilitator
            else ""
        )
        present = len(self.meeting.attendees)
        here = f" · {present} present" if present else " · attendance not taken"
        if not present and not self.ended:
            here += " (P)"
        self.query_one("#topbar", Static).update(
            f"{visible(self.meeting.series)} · {self.meeting.date:%a %d %b %Y} · "
            f"{status}{facilitator}{here}"
        )

    def show_section(self, keep_cursor: bool = False, focus_table: bool = True) -> None:
        """Show the current section. Within the same section only what changed is touched,
        so an entry added to a long list repaints one row, not the screen."""
        section = self.section
        # Read first: a server gone away leaves the screen as it was, not half changed.
        section_rows = self.kind.rows(self.db, self.meeting, section, self.clock.today())
        new_section = self.shown_section != section.id
        table = self.query_one("#entries", DataTable)
        if new_section:
            self.query_one(QuickAdd).display = False  # it belongs to the section it opened in
            template = get_template(self.meeting.template_key)
            hint = next((s.hint for s in template.sections if s.key == section.key), "")
            self.set_text("#section-title", f"{section.position + 1}. {section.title}")
            self.set_text("#section-hint", hint)
        cursor = table.cursor_row if keep_cursor else 0
        previous = None if new_section else self.shown_rows
        self.section_rows = section_rows
        if section.id in self.ranked:
            self.section_rows.rows.sort(key=lambda row: -row.rank)
        self.shown_section = section.id
        self.shown_rows = fill_table(table, previous, self.section_rows, self.table_width())
        has_rows = bool(self.section_rows.rows)
        self.set_text("#section-note", self.section_rows.note)
        empty = ENDED_EMPTY if self.ended else self.section_rows.empty
        self.set_text("#empty", "" if has_rows else empty)
        self.set_display("#section-note", bool(self.section_rows.note))
        self.set_display("#empty", not has_rows)
        self.set_display("#entries", has_rows)
        if has_rows:
            table.move_cursor(row=min(cursor, len(self.section_rows.rows) - 1))
            if focus_table:
                table.focus()
        self.show_detail()
        if new_section:
            self.refresh_bindings()

    def table_width(self) -> int:
        """Cells the table has across: the pane beside the agenda, less its scrollbar."""
        pane = self.query_one("#section-pane").size.width
        if pane == 0:  # not laid out yet: the screen less the agenda's width
            agenda = self.query_one("#agenda")
            pane = self.app.size.width - (agenda.outer_size.width or 32 if agenda.display else 0)
        return max(pane - 3, 20)

    def on_resize(self) -> None:
        """A terminal widened past NARROW gets the whole agenda back, and a narrowed one
        the strip, unless the facilitator chose one with `c`."""
        narrow = self.app.size.width < self.NARROW
        if not self.agenda_chosen and narrow != self.agenda_narrow:
            self.narrow_agenda(narrow)
        else:
            self.call_after_refresh(self.refit_table)

    def refit_table(self) -> None:
        """The pane's width changed (terminal resized, agenda narrowed): fit the columns."""
        if self.section_rows is not None:
            self.shown_rows = fill_table(
                self.query_one("#entries", DataTable),
                self.shown_rows,
                self.section_rows,
                self.table_width(),
            )

    def set_text(self, selector: str, text: str) -> None:
        """Update a Static only when its text changes: each update costs a repaint."""
        if self.shown_text.get(selector) != text:
            self.shown_text[selector] = text
            static.update(self.query_one(selector, Static), text)

    def set_display(self, selector: str, shown: bool) -> None:
        widget = self.query_one(selector)
        if widget.display != shown:
            widget.display = shown

    def selected_key(self) -> int | None:
        table = self.query_one("#entries", DataTable)
        if not self.section_rows or not self.section_rows.rows:
            return None
        index = min(table.cursor_row, len(self.section_rows.rows) - 1)
        return int(self.section_rows.rows[index].key)

    def show_detail(self) -> None:
        detail = ""
        if self.section_rows and self.section_rows.rows:
            index = self.query_one("#entries", DataTable).cursor_row
            index = min(max(index, 0), len(self.section_rows.rows) - 1)
            detail = self.section_rows.rows[index].detail
        self.show_detail_text(detail)

    def show_detail_text(self, text: str) -> None:
        """The highlighted entry, whole: the pane scrolls when it is longer than the pane.
        Most entries fit its five lines; those repaint without laying the screen out."""
        if self.shown_text.get("#detail") == text:
            return
        widget = self.query_one("#detail", Static)
        width = max(widget.size.width or self.table_width(), 10)
        lines = sum(max(1, -(-cell_len(line) // width)) for line in text.split("\n"))
        was_long = self.detail_long
        self.detail_long = lines > DETAIL_LINES
        self.shown_text["#detail"] = text
        widget.update(text, layout=self.detail_long or was_long)
        self.query_one("#detail-pane").scroll_home(animate=False)

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def on_key(self, event: events.Key) -> None:
        """An ended meeting's writing keys are hidden from the footer, not dead: pressed,
        each says in one line how to reopen the meeting."""
        if self.ended and self.writes(event.key):
            event.stop()
            event.prevent_default()
            self.warn(screen_line(self.meeting.date))

    def writes(self, key: str) -> bool:
        """Whether `key` is bound to something that writes into the meeting here."""
        for bound in self.BINDINGS:
            assert isinstance(bound, Binding)
            if key not in bound.key.split(","):
                continue
            name, _, rest = bound.action.partition("(")
            if name in WRITING:
                return True
            section_key = rest.strip("()'\"")
            if name == "section" and section_key not in READING_KEYS:
                return self.kind.offers(section_key)
        return False

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self.ended:
            self.warn(screen_line(self.meeting.date))
        elif self.kind.offers("edit"):
            self.action_edit()

    def on_quick_add_closed(self, _message: QuickAdd.Closed) -> None:
        self.query_one("#entries", DataTable).focus()

    def footer_keep(self) -> tuple[str, ...]:
        """A narrow footer keeps the current section's main keys before the general ones."""
        return self.kind.footer_keys()

    @property
    def ended(self) -> bool:
        """An ended meeting is a record: its screen offers no key that writes into it."""
        return self.meeting.status == "ended"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reopen":
            return self.ended
        if self.ended and action in WRITING:
            return False
        if self.ended and action == "section" and parameters[0] not in READING_KEYS:
            return False
        if action in SHARED:
            return self.kind.offers(action)
        if action == "section":
            return self.kind.offers(str(parameters[0]))
        if action == "undo":
            return True if self.undo_stack else None
        if action in ("toggle_timer", "end_meeting"):
            return self.meeting.status == "running"
        if action == "follow":  # offered while another terminal has the meeting open
            return True if self.following or self.others else None
        return True

    # ---------------------------------------------------------------- what kinds ask for

    def teams(self) -> list[str]:
        """The teams to offer; with the server away, those read last (the add line opens
        and takes entries all the same)."""
        with contextlib.suppress(ServerGone):
            self.known_teams = roster(self.db).teams
        return self.known_teams

    def open_form(
        self,
        title: str,
        fields: list[Field],
        save: Callable[[FormValues], None],
        then: Callable[[], None] | None = None,
    ) -> None:
        people = roster(self.db)
        form = EntryForm(title, fields, save, people=people.teams_of, teams=people.teams)
        self.show_form(form, then)

    def show_form(self, form: EntryForm, then: Callable[[], None] | None = None) -> None:
        # The cursor follows the entry, not the row number: an edit can re-sort the list
        # (a review action given a later due date moves down), and the next key (x)
        # must not land on the action that took its place.
        key = self.selected_key()

        def saved(ok: bool | None) -> None:
            if ok:
                self.show_section(keep_cursor=True)
                if key is not None:
                    self.select_key(key)
                if then is not None:
                    then()

        self.app.push_screen(form, saved)

    def open_quick_add(self, teams: list[str], team: str) -> None:
        self.query_one(QuickAdd).open(teams, team)

    def cursor_down(self) -> None:
        """After a mark or a number, the next row is the one people talk about next."""
        table = self.query_one("#entries", DataTable)
        if table.cursor_row + 1 < table.row_count:
            table.move_cursor(row=table.cursor_row + 1)

    def warn(self, text: str) -> None:
        self.notify(text, severity="warning", markup=False)

    def say(self, text: str) -> None:
        self.notify(text, markup=False)

    def select_key(self, key: int) -> None:
        """Put the cursor back on an entry that may have moved (sorted by votes)."""
        rows = self.section_rows.rows if self.section_rows else []
        index = next((i for i, row in enumerate(rows) if row.key == str(key)), None)
        if index is not None:
            self.query_one("#entries", DataTable).move_cursor(row=index)

    # ---------------------------------------------------------------- keys, by kind

    @guarded
    def action_add(self) -> None:
        self.kind.add(self)

    @guarded
    def action_add_with_details(self) -> None:
        self.kind.add_with_details(self)

    @guarded
    def action_edit(self) -> None:
        key = self.selected_key()
        if key is None:
            self.kind.add(self)
        else:
            self.kind.edit(self, key)

    @guarded
    def action_delete(self) -> None:
        key = self.selected_key()
        if key is not None:
            self.keep_undo(self.kind.delete(self, key))

    @guarded
    def action_section(self, method: str, *args: str) -> None:
        """A key of the current kind only (mark, answer, withdraw, edit the metric)."""
        key = self.selected_key()
        if key is not None:
            self.keep_undo(getattr(self.kind, method)(self, key, *args))

    def keep_undo(self, undo: Undo | None) -> None:
        if undo is None:
            return
        self.undo_stack.append(undo)
        self.show_section(keep_cursor=True)
        self.refresh_bindings()
        if undo.said:
            self.notify(undo.said, markup=False)

    @guarded
    def action_undo(self) -> None:
        if not self.undo_stack:
            return
        undo = self.undo_stack.pop()
        undo.run()
        self.show_section(keep_cursor=True)
        self.refresh_bindings()
        self.notify(f"Undid the {undo.what}.", markup=False)

    @guarded
    def action_attendance(self) -> None:
        from screens.attendance import AttendanceScreen

        def marked(_: None) -> None:
            self.reload_meeting()
            self.show_topbar()

        carry = self.take_attendance  # just started: who came last time starts ticked
        self.take_attendance = False
        screen = AttendanceScreen(self.db, self.meeting_id, from_last_time=carry)
        self.app.push_screen(screen, marked)

    def action_numbers_screen(self) -> None:
        go(self, OpenNumbers(self.meeting.series_id))

    # ---------------------------------------------------------------- leaving

    def action_leave(self) -> None:
        if not self.holds_unsaved("leave"):
            self.dismiss(None)

    def action_quit_app(self) -> None:
        if not self.holds_unsaved("quit"):
            self.app.exit()

    def status_changed(self) -> None:
        """Ended or reopened (here or in another terminal): the footer offers what the
        meeting takes now, and entries kept while it was ended are saved once it runs."""
        self.refresh_bindings()
        if self.ended:
            self.say(f"The meeting of {self.meeting.date} has ended: R reopens it.")
        elif self.pending:
            self.save_pending()

    @guarded
    def action_reopen(self) -> None:
        if not self.ended:
            return
        meetings.reopen_meeting(self.db, self.meeting_id, clock=self.clock)
        self.reload_meeting()
        self.show_topbar()
        self.tick()
        self.show_section(keep_cursor=True)
        self.status_changed()
        self.say("Running again: add what was missed; ctrl+e ends it and writes new minutes.")

    def action_end_meeting(self) -> None:
        if self.holds_unsaved("end the meeting"):
            return

        @guarded
        def ended(self: MeetingScreen, yes: bool | None) -> None:
            if yes:
                closing.end_meeting(self.db, self.meeting_id, clock=self.clock)
                # Known here already: the poll must not tell this terminal it ended.
                self.meeting = dataclasses.replace(self.meeting, status="ended")
                self.post_message(MeetingEnded(self.meeting_id))

        self.app.push_screen(
            ConfirmScreen("End the meeting?", "Timers stop; everything entered stays saved."),
            lambda yes: ended(self, yes),
        )
