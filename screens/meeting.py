"""The meeting: agenda with countdowns on the left, the current section on the right.

Each edit is one call into `meeting/` that commits before the screen shows it.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Static

from meeting import actions, items, leads, meetings, metrics, questions
from meeting.clock import Clock
from meeting.dates import DATE_HELP, parse_date
from meeting.errors import HuddleError
from meeting.people import all_people, known_teams
from meeting.templates import get_template
from meeting.text import visible
from screens import forms
from screens.entry_queue import EntryQueue, PendingEntry
from screens.forms import ConfirmScreen, EntryForm, Field, FormValues
from screens.guard import guarded
from screens.question_forms import answer_form
from screens.section_rows import SectionRows, rows_for
from screens.section_table import fill_table
from screens.widgets import static
from screens.widgets.agenda import AgendaRow
from screens.widgets.footer import Footer
from screens.widgets.quick_add import QuickAdd
from storage.db import Database
from storage.errors import DatabaseBusy, DatabaseError

# Which section kinds each action applies to; the footer shows only what fits.
APPLIES: dict[str, tuple[str, ...]] = {
    "add": ("items", "leads", "actions", "numbers"),
    "add_with_details": ("items",),
    "edit": ("items", "leads", "actions", "numbers"),
    "edit_metric": ("numbers",),
    "delete": ("items", "leads", "actions", "numbers"),
    "mark": ("review",),
    "answer": ("leads",),
    "withdraw": ("leads",),
}


DETAIL_LINES = 5  # the detail pane's height (app.tcss), less its border


class MeetingScreen(Screen[None]):
    PALETTE_NAMESPACE = "meeting"
    FOOTER_KEEP = ("meeting.end", "meeting.home")  # kept when a narrow footer drops keys
    NARROW = 100  # below this many columns the agenda starts as a narrow strip
    BINDINGS = [
        Binding(
            "n,right_square_bracket",
            "next_section",
            "Next",
            id="meeting.next",
            tooltip="Next section",
        ),
        Binding(
            "p,left_square_bracket",
            "previous_section",
            "Prev",
            id="meeting.previous",
            tooltip="Previous section",
        ),
        Binding("a", "add", "Add", id="meeting.add", tooltip="Add an entry"),
        Binding(
            "A",
            "add_with_details",
            "Add…",
            id="meeting.add_details",
            tooltip="Add an entry with every field (team, metric, who said it)",
        ),
        Binding("e", "edit", "Edit", id="meeting.edit", tooltip="Edit the highlighted entry"),
        Binding("d", "mark('done')", "Done", id="meeting.mark_done", tooltip="Review: mark done"),
        Binding(
            "o",
            "mark('open')",
            "Still open",
            id="meeting.mark_open",
            tooltip="Review: mark still open",
        ),
        Binding(
            "x",
            "mark('dropped')",
            "Dropped",
            id="meeting.mark_dropped",
            tooltip="Review: mark dropped",
        ),
        Binding(
            "m",
            "edit_metric",
            "Metric",
            id="meeting.edit_metric",
            tooltip="Edit the metric: name, team, unit, target",
        ),
        Binding("g", "numbers_screen", "Charts", id="meeting.numbers", tooltip="Numbers over time"),
        Binding("r", "answer", "Answer", id="meeting.answer", tooltip="Answer the lead question"),
        Binding(
            "w", "withdraw", "Withdraw", id="meeting.withdraw", tooltip="Withdraw the lead question"
        ),
        Binding(
            "delete",
            "delete",
            "Delete",
            id="meeting.delete",
            tooltip="Delete the highlighted entry",
        ),
        Binding("u", "undo", "Undo", id="meeting.undo", tooltip="Undo the last delete"),
        Binding(
            "t",
            "toggle_timer",
            "Timer",
            id="meeting.timer",
            tooltip="Start or pause the section timer",
        ),
        Binding(
            "c",
            "toggle_agenda",
            "Agenda",
            id="meeting.agenda",
            tooltip="Narrow the agenda to a strip of numbers and timers, or widen it",
        ),
        Binding("ctrl+e", "end_meeting", "End meeting", id="meeting.end"),
        Binding("escape", "leave", "Home", id="meeting.home", tooltip="Back to home"),
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

    def __init__(self, db: Database, clock: Clock, meeting_id: int) -> None:
        super().__init__()
        self.db = db
        self.clock = clock
        self.meeting_id = meeting_id
        self.meeting = meetings.get_meeting(db, meeting_id)
        self.section_rows: SectionRows | None = None
        self.shown_rows: SectionRows | None = None  # the rows as the table shows them
        self.shown_section: int | None = None  # the section whose rows the table holds
        self.shown_text: dict[str, str] = {}
        self.undo_stack: list[tuple[str, Callable[[], None]]] = []
        self.last_item_team: dict[str, str] = {}
        self.busy_since: float | None = None  # when a busy database first refused an entry
        self.pending = EntryQueue()  # entries typed but not saved yet, oldest first
        self.retry_timer: Timer | None = None
        self.warned_unsaved = ""  # what a warning about unsaved entries was last given for
        self.position_to_save: int | None = None  # a move the database has not taken yet
        self.agenda_narrow = False
        self.local_sections: list[meetings.SectionView] | None = None  # timers off the record
        self.detail_long = False  # the detail pane holds more lines than it shows

    # ---------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        yield Static("", id="topbar", markup=False)
        with Horizontal(id="meeting-body"):
            with Vertical(id="agenda"):
                yield Static("Agenda", classes="pane-title")
                for section in self.meeting.sections:
                    yield AgendaRow(section)
                yield Static("", id="agenda-note", markup=False)
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

    @property
    def section(self) -> meetings.SectionView:
        return self.meeting.current

    def reload_meeting(self) -> None:
        self.meeting = meetings.get_meeting(self.db, self.meeting_id)
        if self.local_sections is not None:  # timers kept on screen, not in the database
            self.meeting = dataclasses.replace(self.meeting, sections=self.local_sections)
        if self.position_to_save is not None:  # moved while the database could not be written
            self.meeting = dataclasses.replace(self.meeting, current_position=self.position_to_save)

    def show_meeting(self) -> None:
        status = "ended" if self.meeting.status == "ended" else "running"
        facilitator = (
            f" · facilitator {visible(self.meeting.facilitator)}"
            if self.meeting.facilitator
            else ""
        )
        self.query_one("#topbar", Static).update(
            f"{visible(self.meeting.series)} · {self.meeting.date:%a %d %b %Y} · "
            f"{status}{facilitator}"
        )
        self.tick()
        self.show_section()

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

    def show_section(self, keep_cursor: bool = False, focus_table: bool = True) -> None:
        """Show the current section. Within the same section only what changed is touched,
        so an entry added to a long list repaints one row, not the screen."""
        section = self.section
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
        self.section_rows = rows_for(self.db, self.meeting, section, self.clock.today())
        self.shown_section = section.id
        self.shown_rows = fill_table(table, previous, self.section_rows, self.table_width())
        has_rows = bool(self.section_rows.rows)
        self.set_text("#section-note", self.section_rows.note)
        self.set_text("#empty", "" if has_rows else self.section_rows.empty)
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

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self.section.kind == "review":
            return
        self.action_edit()

    def take_entries(self, texts: list[str], team: str) -> None:
        """Entries typed on the line under the table join the queue with the section they
        were typed in, and the queue is saved in order. Enter on an empty line retries
        what is waiting."""
        section = self.section
        team = team or "marketing"
        self.last_item_team[section.key] = team
        for text in texts:
            if text.strip():
                self.pending.add(PendingEntry(section.id, section.title, text, team))
        self.save_pending()

    def save_pending(self) -> None:
        self.warned_unsaved = ""
        if self.retry_timer is not None:
            self.retry_timer.stop()
            self.retry_timer = None
        if self.position_to_save is not None and self.save_position():
            self.reload_meeting()
            self.tick()
        result = self.pending.flush(self.save_entry)
        if result.saved and any(e.section_id == self.section.id for e in result.saved):
            self.show_section(keep_cursor=True, focus_table=False)
            table = self.query_one("#entries", DataTable)
            table.move_cursor(row=table.row_count - 1)
        if result.refused is not None:
            self.notify(f"{result.error}: {result.refused.text!r}", severity="error", markup=False)
        if result.busy:
            self.wait_for_database()
        else:
            self.busy_since = None
            if result.error and result.refused is None:
                self.notify(
                    f"{result.error}. The entries are kept: press enter on the add line "
                    "to try again.",
                    severity="error",
                    markup=False,
                    timeout=10,
                )
        self.show_pending()

    def save_entry(self, entry: PendingEntry) -> None:
        items.add_item(self.db, entry.section_id, entry.text, team=entry.team, clock=self.clock)

    def wait_for_database(self) -> None:
        """Another huddle holds the write lock: try again shortly, for as long as it takes,
        and say so once (and again if it lasts)."""
        if self.retry_timer is not None:
            return  # a retry is already on its way
        now = time.monotonic()
        if self.busy_since is None:
            self.busy_since = now
            self.notify("Waiting for the database: another huddle is writing…", markup=False)
        elif now - self.busy_since >= forms.BUSY_PATIENCE:
            self.busy_since = now
            self.notify(
                "The database is still busy (another huddle is writing). What you typed "
                "waits on screen and is saved as soon as it is free.",
                severity="warning",
                markup=False,
                timeout=10,
            )
        self.retry_timer = self.set_timer(0.5, self.save_pending)

    def show_pending(self) -> None:
        self.set_text("#pending", self.pending.describe())
        self.set_display("#pending", bool(self.pending))

    def on_quick_add_closed(self, _message: QuickAdd.Closed) -> None:
        self.query_one("#entries", DataTable).focus()

    def on_agenda_row_picked(self, message: AgendaRow.Picked) -> None:
        self.action_go(message.position)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        kinds = APPLIES.get(action)
        if kinds is not None:
            return self.section.kind in kinds
        if action == "undo":
            return True if self.undo_stack else None
        if action in ("toggle_timer", "end_meeting"):
            return self.meeting.status == "running"
        return True

    # ---------------------------------------------------------------- moving

    def action_go(self, position: int) -> None:
        """Move at once. Where the meeting stands is saved too, but a database that cannot
        take the write now (busy, read-only, full) does not keep the facilitator in place:
        the position is saved when it can be."""
        if not 0 <= position < len(self.meeting.sections):
            return
        self.position_to_save = position
        self.save_position()
        self.reload_meeting()
        self.tick()
        self.show_section()

    def save_position(self) -> bool:
        """Whether the position waiting to be saved (if any) is now in the database."""
        if self.position_to_save is None:
            return True
        try:
            meetings.go_to_section(
                self.db, self.meeting_id, self.position_to_save, clock=self.clock
            )
        except DatabaseBusy:
            self.wait_for_database()
            return False
        except DatabaseError:
            # Read-only or full: browsing goes on, and the timer moves along on screen.
            meetings.move_timer(
                self.sections_in_memory(),
                self.position_to_save,
                self.clock.now(),
                running=self.meeting.status == "running",
            )
            return False
        self.position_to_save = None
        return True

    def action_next_section(self) -> None:
        self.action_go(self.meeting.current_position + 1)

    def action_previous_section(self) -> None:
        self.action_go(self.meeting.current_position - 1)

    @guarded
    def action_toggle_timer(self) -> None:
        if self.meeting.status != "running":
            self.notify("This meeting has ended; its timers are stopped.", markup=False)
            return
        note = ""
        try:
            if self.local_sections is not None:
                raise DatabaseError("timers are kept on screen")  # already off the record
            running = meetings.toggle_timer(self.db, self.meeting_id, clock=self.clock)
            self.reload_meeting()
        except DatabaseBusy:
            raise  # the guard says so; pressing t again tries again
        except DatabaseError:
            # Read-only or full: the countdown still runs on screen, just not saved.
            sections = self.sections_in_memory()
            position = self.meeting.current_position
            running = meetings.toggle_section_timer(sections, position, self.clock.now())
            note = " (on screen only: the database cannot be written)"
        self.tick()
        state = "running" if running else "paused"
        self.notify(f"{self.section.title}: timer {state}{note}", markup=False)

    def sections_in_memory(self) -> list[meetings.SectionView]:
        """The timers from now on kept in this screen, not in the database."""
        if self.local_sections is None:
            self.local_sections = [dataclasses.replace(s) for s in self.meeting.sections]
            self.meeting = dataclasses.replace(self.meeting, sections=self.local_sections)
        return self.local_sections

    def action_toggle_agenda(self) -> None:
        self.agenda_narrow = not self.agenda_narrow
        self.query_one("#agenda").set_class(self.agenda_narrow, "-narrow")
        self.tick()
        self.call_after_refresh(self.refit_table)

    def action_leave(self) -> None:
        if not self.holds_unsaved("leave"):
            self.dismiss(None)

    def action_quit_app(self) -> None:
        if not self.holds_unsaved("quit"):
            self.app.exit()

    def holds_unsaved(self, doing: str) -> bool:
        """Entries still waiting for the database keep the facilitator here: leaving would
        lose them. A second try in a row goes anyway, for a database that stays locked."""
        if not self.pending or self.warned_unsaved == doing:
            return False
        self.warned_unsaved = doing
        count = len(self.pending)
        self.notify(
            f"{count} {'entry is' if count == 1 else 'entries are'} still waiting for the "
            f"database. Wait until they are saved, or press the key again to {doing} "
            "without them.",
            severity="warning",
            markup=False,
            timeout=10,
        )
        return True

    def action_end_meeting(self) -> None:
        if self.holds_unsaved("end the meeting"):
            return

        @guarded
        def ended(self: MeetingScreen, yes: bool | None) -> None:
            if not yes:
                return
            meetings.end_meeting(self.db, self.meeting_id, clock=self.clock)
            from screens.summary import SummaryScreen

            self.app.switch_screen(SummaryScreen(self.db, self.clock, self.meeting_id))

        self.app.push_screen(
            ConfirmScreen("End the meeting?", "Timers stop; everything entered stays saved."),
            lambda yes: ended(self, yes),
        )

    # ---------------------------------------------------------------- forms

    def people_and_teams(self) -> tuple[dict[str, str], list[str]]:
        with self.db.read() as session:
            return (
                {p.name: p.team for p in all_people(session)},
                known_teams(session),
            )

    def open_form(
        self,
        title: str,
        fields: list[Field],
        save: Callable[[FormValues], None],
        then: Callable[[], None] | None = None,
    ) -> None:
        people, teams = self.people_and_teams()

        def saved(ok: bool | None) -> None:
            if ok:
                self.show_section(keep_cursor=True)
                if then is not None:
                    then()

        self.app.push_screen(EntryForm(title, fields, save, people=people, teams=teams), saved)

    def due(self, text: str) -> object:
        return parse_date(text, self.clock.today()) if text.strip() else None

    def action_add(self) -> None:
        kind = self.section.kind
        if kind == "items":
            _, teams = self.people_and_teams()
            team = self.last_item_team.get(self.section.key, "marketing")
            self.query_one(QuickAdd).open(teams, team)
        elif kind == "actions":
            self.action_form(None)
        elif kind == "leads":
            self.question_form(None)
        elif kind == "numbers":
            self.metric_form(None)

    def action_add_with_details(self) -> None:
        self.item_form(None)

    def action_edit(self) -> None:
        key = self.selected_key()
        if key is None:
            self.action_add()
            return
        kind = self.section.kind
        if kind == "items":
            self.item_form(key)
        elif kind == "actions":
            self.action_form(key)
        elif kind == "leads":
            self.question_form(key)
        elif kind == "numbers":
            self.value_form(key)

    def item_form(self, item_id: int | None) -> None:
        section = self.section
        current = next((i for i in items.items(self.db, section.id) if i.id == item_id), None)
        _, teams = self.people_and_teams()
        metric_ids = {m.name: m.id for m in metrics.list_metrics(self.db, self.meeting.series_id)}
        current_metric = next(
            (name for name, mid in metric_ids.items() if current and mid == current.metric_id), ""
        )
        default_team = self.last_item_team.get(section.key, "marketing")
        fields = [
            Field(
                "text",
                section.title,
                value=current.text if current else "",
                placeholder="what was said",
            ),
            Field(
                "team",
                "About team",
                kind="choice",
                choices=teams,
                value=current.team if current else default_team,
            ),
            Field(
                "metric",
                "Backed by metric (optional)",
                kind="choice",
                choices=list(metric_ids),
                value=current_metric,
                placeholder="no metric",
            ),
        ]
        if current is None:
            fields.append(
                Field("author", "Said by (optional)", kind="person", default_team="sales")
            )

        def save(form: FormValues) -> None:
            metric_id = metric_ids.get(form["metric"])
            if current is None:
                items.add_item(
                    self.db,
                    section.id,
                    form["text"],
                    team=form["team"] or default_team,
                    author=form["author"],
                    metric_id=metric_id,
                    clock=self.clock,
                )
                self.last_item_team[section.key] = form["team"] or default_team
            else:
                items.update_item(
                    self.db, current.id, text=form["text"], team=form["team"], metric_id=metric_id
                )

        self.open_form(("Add to " if current is None else "Edit: ") + section.title, fields, save)

    def action_form(self, action_id: int | None) -> None:
        current = actions.get_action(self.db, action_id) if action_id is not None else None
        next_meeting = self.meeting.next_date.isoformat()
        fields = [
            Field(
                "text",
                "Action",
                value=current.text if current else "",
                placeholder="what will be done",
            ),
            Field(
                "owner",
                "Owner",
                kind="person",
                value=current.owner if current else "",
                default_team="sales",
            ),
            Field(
                "due",
                f"Due ({DATE_HELP})",
                value=(current.due.isoformat() if current and current.due else "")
                if current
                else next_meeting,
            ),
        ]

        def save(form: FormValues) -> None:
            if not form["owner"].strip():
                raise HuddleError("an action needs an owner (type a name)")
            due = self.due(form["due"])
            if current is None:
                actions.add_action(
                    self.db,
                    meeting_id=self.meeting_id,
                    text=form["text"],
                    owner=form["owner"],
                    owner_team=form.teams["owner"],
                    due=due,
                    clock=self.clock,
                )  # type: ignore[arg-type]
            else:
                actions.update_action(
                    self.db,
                    current.id,
                    text=form["text"],
                    owner=form["owner"],
                    owner_team=form.teams["owner"],
                    due=due,  # type: ignore[arg-type]
                    meeting_id=self.meeting_id,
                    clock=self.clock,
                )

        self.open_form("New action" if current is None else "Edit action", fields, save)

    def question_form(self, question_id: int | None) -> None:
        current = questions.get_question(self.db, question_id) if question_id else None
        labels = leads.lead_labels(self.db)
        if current is not None and current.lead not in labels:
            labels.append(current.lead)  # as the question shows it
        fields = [
            Field(
                "text",
                "Question",
                value=current.text if current else "",
                placeholder="what happened to this lead?",
            ),
            Field(
                "lead",
                "Lead (name, or name (company); → accepts a suggestion)",
                value=current.lead if current else "",
                suggestions=labels,
                known=labels,
                noun="lead",
            ),
            Field(
                "asked_by",
                "Asked by",
                kind="person",
                value=(current.asked_by or "") if current else "",
                default_team="marketing",
            ),
            Field(
                "assignee",
                "Assigned to",
                kind="person",
                value=current.assignee if current else "",
                default_team="sales",
            ),
            Field(
                "due",
                f"Due ({DATE_HELP})",
                value=(current.due.isoformat() if current.due else "")
                if current
                else self.meeting.next_date.isoformat(),
            ),
        ]

        def save(form: FormValues) -> None:
            if not form["assignee"].strip():
                raise HuddleError("a question needs someone to answer it (type a name)")
            due = self.due(form["due"])
            if current is None:
                questions.ask_question(
                    self.db,
                    series_id=self.meeting.series_id,
                    meeting_id=self.meeting_id,
                    text=form["text"],
                    lead=form["lead"],
                    assignee=form["assignee"],
                    asked_by=form["asked_by"] or None,
                    due=due,
                    clock=self.clock,  # type: ignore[arg-type]
                )
            else:
                questions.update_question(
                    self.db,
                    current.id,
                    text=form["text"],
                    lead=form["lead"],
                    assignee=form["assignee"],
                    asked_by=form["asked_by"] or None,
                    due=due,
                    clock=self.clock,  # type: ignore[arg-type]
                )

        self.open_form("Ask about a lead" if current is None else "Edit question", fields, save)

    def value_form(self, metric_id: int) -> None:
        row = next(n for n in metrics.numbers(self.db, self.meeting_id) if n.metric_id == metric_id)
        current = "" if row.value is None else metrics.format_value(row.value).replace(",", "")
        fields = [
            Field(
                "value",
                f"{row.name} this period (empty clears it)",
                value=current,
                placeholder="a number, e.g. 42",
            )
        ]

        def save(form: FormValues) -> None:
            text = form["value"].strip()
            value = metrics.parse_value(text, row.name, row.unit) if text else None
            metrics.record_value(self.db, self.meeting_id, metric_id, value, clock=self.clock)

        self.open_form(f"Numbers: {row.name}", fields, save, then=self.cursor_down)

    def action_edit_metric(self) -> None:
        key = self.selected_key()
        if key is not None:
            self.metric_form(key)

    def metric_form(self, metric_id: int | None) -> None:
        series_id = self.meeting.series_id
        known = metrics.list_metrics(self.db, series_id)
        current = next((m for m in known if m.id == metric_id), None)
        _, teams = self.people_and_teams()
        target = "" if current is None or current.target is None else str(current.target)
        fields = [
            Field(
                "name",
                "Metric",
                value=current.name if current else "",
                placeholder="e.g. Webinar signups",
            ),
            Field(
                "team",
                "Owned by team",
                kind="choice",
                choices=teams,
                value=current.team if current else "marketing",
            ),
            Field(
                "unit",
                "Unit",
                kind="choice",
                choices=list(metrics.UNITS),
                value=current.unit if current else "count",
            ),
            Field(
                "direction",
                "Better when",
                kind="choice",
                choices=list(metrics.DIRECTIONS),
                value=current.direction if current else "higher",
            ),
            Field(
                "target",
                "Target per meeting period (optional)",
                value=target.removesuffix(".0"),
                placeholder="e.g. 120",
            ),
            Field(
                "funnel",
                "Funnel stage (rates are computed between stages)",
                kind="choice",
                choices=["no", "yes"],
                value="yes" if current and current.funnel else "no",
            ),
        ]

        def save(form: FormValues) -> None:
            text = form["target"].strip()
            target_value = metrics.parse_value(text, "target") if text else None
            definition = dict(
                name=form["name"],
                team=form["team"] or "marketing",
                unit=form["unit"] or "count",
                direction=form["direction"] or "higher",
                target=target_value,
                funnel=form["funnel"] == "yes",
            )
            if current is None:
                metrics.add_metric(self.db, series_id, **definition)  # type: ignore[arg-type]
            else:
                metrics.update_metric(self.db, current.id, **definition)  # type: ignore[arg-type]

        self.open_form("New metric" if current is None else f"Metric: {current.name}", fields, save)

    def action_numbers_screen(self) -> None:
        from screens.numbers import NumbersScreen

        self.app.push_screen(NumbersScreen(self.db, self.clock, self.meeting.series_id))

    # ---------------------------------------------------------------- marks and deletes

    @guarded
    def action_mark(self, mark: str) -> None:
        key = self.selected_key()
        if key is None:
            return
        actions.review_action(self.db, self.meeting_id, key, mark, clock=self.clock)
        self.show_section(keep_cursor=True)
        self.cursor_down()

    def cursor_down(self) -> None:
        """After a mark or a number, the next row is the one people talk about next."""
        table = self.query_one("#entries", DataTable)
        if table.cursor_row + 1 < table.row_count:
            table.move_cursor(row=table.cursor_row + 1)

    @guarded
    def action_answer(self) -> None:
        key = self.selected_key()
        if key is None:
            return
        form = answer_form(self.db, self.clock, key, meeting_id=self.meeting_id)
        if isinstance(form, str):
            self.notify(form, severity="warning", markup=False)
            return

        def saved(ok: bool | None) -> None:
            if ok:
                self.show_section(keep_cursor=True)

        self.app.push_screen(form, saved)

    @guarded
    def action_withdraw(self) -> None:
        key = self.selected_key()
        if key is None:
            return
        try:
            questions.withdraw_question(self.db, key)
        except HuddleError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        self.undo_stack.append(("withdrawal", lambda: questions.reopen_question(self.db, key)))
        self.show_section(keep_cursor=True)
        self.refresh_bindings()

    @guarded
    def action_delete(self) -> None:
        key = self.selected_key()
        if key is None:
            return
        kind = self.section.kind
        if kind == "items":
            items.delete_item(self.db, key, clock=self.clock)
            undo = lambda: items.restore_item(self.db, key)  # noqa: E731
        elif kind == "actions":
            actions.delete_action(self.db, key, meeting_id=self.meeting_id, clock=self.clock)
            undo = lambda: actions.restore_action(  # noqa: E731
                self.db, key, meeting_id=self.meeting_id, clock=self.clock
            )
        elif kind == "leads":
            questions.delete_question(self.db, key, clock=self.clock)
            undo = lambda: questions.restore_question(self.db, key)  # noqa: E731
        elif kind == "numbers":
            metrics.retire_metric(self.db, key, clock=self.clock)
            undo = lambda: metrics.restore_metric(self.db, key)  # noqa: E731
        else:
            return
        self.undo_stack.append(("delete", undo))
        self.show_section(keep_cursor=True)
        self.refresh_bindings()
        if kind == "numbers":
            self.notify("Metric retired; its history is kept. Press u to undo.")
        else:
            self.notify("Deleted. Press u to undo.")

    @guarded
    def action_undo(self) -> None:
        if not self.undo_stack:
            return
        what, undo = self.undo_stack.pop()
        undo()
        self.show_section(keep_cursor=True)
        self.refresh_bindings()
        self.notify(f"Undid the {what}.")
