"""Every action item of every meeting: filter, sort, read each item's timeline, and see
completion figures per owner or team. Queries run in worker threads; the table is fed a page
at a time, so years of weekly meetings open at once."""

from __future__ import annotations

import functools
from dataclasses import replace
from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.timer import Timer
from textual.widgets import Checkbox, DataTable, Input, Select, Static
from textual.worker import Worker, WorkerState

from meeting.entries.action_rows import ActionRow
from meeting.foundations.clock import Clock
from meeting.foundations.dates import parse_date
from meeting.foundations.errors import HuddleError
from meeting.foundations.statuses import ActionStatus
from meeting.foundations.text import counted
from meeting.reads import history
from screens.damaged import WorkerFailed
from screens.form_fields import Field, FormValues
from screens.forms import EntryForm
from screens.guard import SERVER_RETRY_SECONDS, guarded
from screens.history_filters import DATE_INPUTS, HistoryFilters
from screens.history_pane import HistoryPane
from screens.history_rows import COLUMNS, Page, action_cells
from screens.paging import Pages
from screens.widgets.fit import TableFit
from screens.widgets.footer import Footer, named_key
from storage.db import Database
from storage.errors import DatabaseError, ServerGone

key = functools.partial(named_key, "history")


class HistoryScreen(Screen[None]):
    PALETTE_NAMESPACE = "history"
    AUTO_FOCUS = "#history"  # a key typed right after `h` is the table's, not the owner box's
    BINDINGS = [
        key("s", "next_sort", "Sort", "sort", "Sort by the next column"),
        key("r", "reverse", "Reverse", "reverse", "Reverse the sort"),
        key("o", "toggle_overdue", "Overdue", "overdue", "Show only overdue items, or all"),
        key("c", "clear", "Clear filters", "clear"),
        key("f", "toggle_figures", "By owner/team", "figures", "Figures per owner or per team"),
        key("d", "done", "Done", "done", "Mark the item done"),
        key("e", "edit", "Edit", "edit", "Edit the item: text, owner, due date"),
        key("R", "reopen", "Reopen", "reopen", "Open a done or dropped item again"),
        key("m", "comment", "Comment", "comment", "Add a comment to the item's timeline"),
        key(
            "slash",
            "filters",
            "Filters",
            "filters",
            "Go to the filters (tab moves between them, enter applies)",
        ),
        key("escape", "close", "Back", "back"),
    ]

    def __init__(self, db: Database, clock: Clock) -> None:
        super().__init__()
        self.db = db
        self.clock = clock
        self.filter = history.ActionFilter()
        self.sort = "due"
        self.descending = False
        self.retry_timer: Timer | None = None  # the server was away: look again shortly
        self.lower = HistoryPane(db)  # the selected item's timeline, the figures
        self.filters = HistoryFilters()
        fit = TableFit(
            [label for _, label in COLUMNS],
            flexible=("Action", "Owner"),
            optional=("Carried", "Made in", "Team", "Age"),
            keys=[key for key, _ in COLUMNS],
        )
        self.pages: Pages[ActionRow] = Pages(fit, lambda row: row.id)

    @property
    def rows(self) -> list[ActionRow]:
        return self.pages.rows

    @property
    def total(self) -> int:
        return self.pages.total

    # ---------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        yield Static("Action items across meetings", id="topbar", markup=False)
        yield self.filters
        yield Static("", id="history-state", markup=False)
        with Vertical(id="history-body"):
            yield DataTable(id="history", cursor_type="row", zebra_stripes=True)
            yield self.lower
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#history", DataTable)
        for key, label in COLUMNS:
            table.add_column(label, key=key)
        table.focus()
        self.lower.fit(self.app.size)
        self.reload()

    async def show_filters(self) -> None:
        if self.closing():  # left before its first page came
            return
        if await self.filters.fill():
            self.load_choices()

    @work(thread=True, group="history-choices", exit_on_error=False)
    def load_choices(self) -> None:
        """Who, which teams and which series the filters offer."""
        choices = history.filter_choices(self.db)
        self.app.call_from_thread(self.show_choices, choices.people, choices.teams, choices.series)

    def show_choices(self, people: list[str], teams: list[str], series: list[str]) -> None:
        if self.closing():
            return
        owner = self.query_one("#filter-owner", Input)
        owner.suggester = SuggestFromList(people, case_sensitive=False)
        self.query_one("#filter-team", Select).set_options([(Text(t), t) for t in teams])
        self.query_one("#filter-series", Select).set_options([(Text(s), s) for s in series])

    def on_resize(self) -> None:
        self.lower.fit(self.app.size)
        if self.rows and self.table_width() != self.pages.fitted_for:
            self.reload()  # columns chosen again for the new width

    @property
    def rows_coming(self) -> bool:
        """A filter's first page is on its way: keys typed meanwhile wait for it."""
        return self.pages.rows_coming

    def table_width(self) -> int:
        return max(self.app.size.width - 6, 20)  # less padding and the scrollbar

    # ---------------------------------------------------------------- loading

    def reload(self, *, quietly: bool = False) -> None:
        generation = self.pages.restart()
        if not quietly:  # a retry keeps saying why the items are not there
            self.query_one("#history-state", Static).update("Loading…")
        self.load_page(generation, self.filter, 0)
        self.load_figures(generation, self.filter)

    @work(thread=True, group="history-page", exit_on_error=False)
    def load_page(self, generation: int, flt: history.ActionFilter, offset: int) -> None:
        try:
            rows = history.list_actions(
                self.db,
                flt,
                today=self.clock.today(),
                sort=self.sort,
                descending=self.descending,
                offset=offset,
                limit=history.PAGE,
            )
            self.app.call_from_thread(self.show_page, generation, Page(rows, offset))
        except (HuddleError, DatabaseError) as exc:
            gone = isinstance(exc, ServerGone)
            self.app.call_from_thread(self.show_error, generation, str(exc), retry=gone)

    @work(thread=True, group="history-figures", exit_on_error=False)
    def load_figures(self, generation: int, flt: history.ActionFilter) -> None:
        """Beside the page, not after it: the rows answer at once, and the figures (one
        grouped query, whose sum is the total) take the other core meanwhile."""
        try:
            figures = history.action_figures(
                self.db, flt, today=self.clock.today(), by=self.lower.by
            )
            total = sum(f.total for f in figures)
            self.app.call_from_thread(
                self.show_page, generation, Page([], -1, total=total, figures=figures)
            )
        except (HuddleError, DatabaseError) as exc:
            gone = isinstance(exc, ServerGone)
            self.app.call_from_thread(self.show_error, generation, str(exc), retry=gone)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.post_message(WorkerFailed(event.worker.error))

    def show_error(self, generation: int, message: str, *, retry: bool = False) -> None:
        if not self.pages.current(generation) or self.closing():
            return
        self.call_after_refresh(self.show_filters)
        self.pages.rows_coming = False  # none are: the keys go on to the rows shown
        state = self.query_one("#history-state", Static)
        state.update(message)
        state.add_class("-error")
        if retry and self.retry_timer is None:  # the server away: look again by itself
            self.retry_timer = self.set_timer(SERVER_RETRY_SECONDS, self.retry)

    def retry(self) -> None:
        self.retry_timer = None
        if not self.closing():
            self.reload(quietly=True)

    def show_page(self, generation: int, page: Page) -> None:
        if not self.pages.current(generation) or self.closing():
            return
        table = self.query_one("#history", DataTable)
        today = self.clock.today()
        cells = [action_cells(row, today) for row in page.rows]
        self.pages.add(table, page, cells, self.table_width())
        if page.figures is not None:
            self.lower.show_figures(page.figures)
        self.show_state()
        if page.offset == 0 and not page.rows:
            self.show_timeline()  # says none match; a first row's highlight shows its own
        if page.offset == 0:
            self.call_after_refresh(self.show_filters)  # once the page is on screen

    def show_state(self) -> None:
        arrow = "↓" if self.descending else "↑"
        label = dict(COLUMNS)[self.sort]
        state = self.query_one("#history-state", Static)
        state.remove_class("-error")
        total = counted(self.total, "item") if self.total or not self.rows else "… items"
        state.update(
            f"Filters: {self.filter.describe()} · {len(self.rows):,} of {total} · "
            f"sorted by {label} {arrow}"
        )

    def selected(self) -> ActionRow | None:
        return self.pages.at(self.query_one("#history", DataTable).cursor_row)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id != "history":
            return
        self.show_timeline()
        offset = self.pages.next_offset(event.cursor_row)
        if offset is not None:
            self.load_page(self.pages.generation, self.filter, offset)

    def show_timeline(self) -> None:
        self.lower.show_timeline(self.selected())

    def closing(self) -> bool:
        """Whether the screen has closed, or is closing: a worker's answer can arrive after
        its widgets were removed (and before the screen itself is detached)."""
        return not self.is_attached or self.lower.closing()

    # ---------------------------------------------------------------- filters

    def set_filter(self, **changes: Any) -> None:
        self.filter = replace(self.filter, **changes)
        self.reload()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        key = (event.input.id or "").removeprefix("filter-")
        value = event.value.strip() or None
        if key in DATE_INPUTS:
            try:
                parsed = parse_date(value, self.clock.today()) if value else None
            except HuddleError as exc:
                self.show_error(self.pages.generation, f"{DATE_INPUTS[key]}: {exc}")
                return
            self.set_filter(**{key: parsed})
        elif key in ("owner", "search"):
            self.set_filter(**{key: value})
        self.set_focus(self.query_one("#history", DataTable))

    def on_select_changed(self, event: Select.Changed) -> None:
        key = (event.select.id or "").removeprefix("filter-")
        value = event.value if isinstance(event.value, str) else None
        if getattr(self.filter, key, None) != value:
            self.set_filter(**{key: value})

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        if self.filter.overdue != event.value:
            self.set_filter(overdue=event.value)

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        key = str(event.column_key.value)
        if key == self.sort:
            self.descending = not self.descending
        else:
            self.sort, self.descending = key, False
        self.reload()

    def action_next_sort(self) -> None:
        keys = [key for key, _ in COLUMNS]
        self.sort = keys[(keys.index(self.sort) + 1) % len(keys)]
        self.descending = False
        self.reload()

    def action_reverse(self) -> None:
        self.descending = not self.descending
        self.reload()

    async def action_toggle_overdue(self) -> None:
        await self.show_filters()
        box = self.query_one("#filter-overdue", Checkbox)
        box.value = not box.value

    async def action_clear(self) -> None:
        await self.show_filters()
        for widget in self.query(Input):
            widget.value = ""
        for select in self.query(Select):
            select.clear()
        self.query_one("#filter-overdue", Checkbox).value = False
        self.filter = history.ActionFilter()
        self.reload()

    def action_toggle_figures(self) -> None:
        self.lower.switch_by()
        self.reload()

    async def action_filters(self) -> None:
        await self.show_filters()
        self.set_focus(self.query_one("#filter-owner", Input))  # now: keys queued behind / follow

    # ---------------------------------------------------------------- changes

    @guarded
    def action_done(self) -> None:
        row = self.selected()
        if row is None:
            return
        from meeting.entries import actions  # changes load the ORM; looking does not

        try:
            actions.set_status(self.db, row.id, ActionStatus.DONE, clock=self.clock)
        except HuddleError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        self.notify(f"Action {row.id} done.")
        self.reload()

    def action_edit(self) -> None:
        row = self.selected()
        if row is not None:
            from screens.sections.actions import action_form

            form = action_form(self.db, self.clock, None, row.id)
            self.app.push_screen(form, self.reload_if_saved)

    @guarded
    def action_reopen(self) -> None:
        row = self.selected()
        if row is None:
            return
        if row.status == ActionStatus.OPEN:
            self.notify(f"Action {row.id} is open already.", markup=False)
            return
        from meeting.entries import actions

        actions.set_status(self.db, row.id, ActionStatus.OPEN, clock=self.clock)
        self.notify(f"Action {row.id} is open again.", markup=False)
        self.reload()

    def reload_if_saved(self, saved: bool | None) -> None:
        if saved:
            self.reload()

    def action_comment(self) -> None:
        row = self.selected()
        if row is None:
            return

        def save(form: FormValues) -> None:
            from meeting.entries import actions

            actions.comment_action(self.db, row.id, form["text"], clock=self.clock)

        form = EntryForm(
            f"Comment on #{row.id}",
            [Field("text", "Comment", placeholder="e.g. slipped: waiting for legal")],
            save,
        )
        self.app.push_screen(form, lambda ok: self.show_timeline() if ok else None)

    def action_close(self) -> None:
        self.dismiss(None)
