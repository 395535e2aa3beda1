"""History's lower pane: the selected item's timeline, and beside it the completion figures
per owner or per team. It sizes itself to the terminal and reads the timeline in a thread;
the screen hands it the row and the figures it has."""

from __future__ import annotations

from functools import partial

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.geometry import Size
from textual.widgets import DataTable, Static

from meeting.entries.action_rows import ActionRow
from meeting.foundations.clock import local_day
from meeting.foundations.text import visible
from meeting.reads import history
from meeting.reads.timeline import timeline
from screens.history_rows import FIGURE_COLUMNS, figure_cells
from storage.db import Database

FIGURES_FROM = 110  # columns from which the figures show beside the timeline


def timeline_view(title: str, dated: list[tuple[str, str]]) -> RenderableType:
    """The item, then each event's date beside its text: a long text wraps within its
    own column, so a date never ends a line alone with its text on the next."""
    events = Table.grid(padding=(0, 2))
    events.add_column(no_wrap=True)
    events.add_column(ratio=1, overflow="fold")
    for day, text in dated:
        events.add_row(day, Text(text))
    return Group(Text(title, style="bold"), events)


class HistoryPane(Horizontal):
    """The timeline of the item asked for last, and the figures grouped by `by`."""

    def __init__(self, db: Database) -> None:
        super().__init__(id="history-lower")
        self.db = db
        self.by = "owner"  # or "team": what the figures are per
        self.timeline_of: int | None = None  # the action whose timeline was asked for last

    def compose(self) -> ComposeResult:
        yield Static("", id="timeline", markup=False)
        yield DataTable(id="history-figures", cursor_type="none", show_cursor=False)

    def fit(self, terminal: Size) -> None:
        """The timeline and figures give their room to the table on a short terminal, so at
        least ten items show at 80x24. On a narrow one the figures step aside: beside them
        the timeline would be a column a word wide."""
        self.styles.height = min(12, max(3, terminal.height - 19))
        self.query_one("#history-figures").display = terminal.width >= FIGURES_FROM

    def switch_by(self) -> None:
        """Figures per team after per owner, and back; the screen reads them again."""
        self.by = "team" if self.by == "owner" else "owner"

    def show_figures(self, figures: list[history.Figures]) -> None:
        table = self.query_one("#history-figures", DataTable)
        table.clear(columns=True)
        table.add_columns(self.by.title(), *FIGURE_COLUMNS)
        for f in figures:
            table.add_row(*figure_cells(f))

    def show_timeline(self, row: ActionRow | None) -> None:
        """The row's timeline; no row: no item matches the filters."""
        if row is None:
            self.query_one("#timeline", Static).update("No action items match these filters.")
            return
        self.timeline_of = row.id
        # The screen's worker, as the pages are: a newer read cancels the one still running,
        # and closing the screen stops it.
        self.screen.run_worker(
            partial(self.load_timeline, row),
            name="load_timeline",
            group="history-timeline",
            exclusive=True,
            thread=True,
        )

    def load_timeline(self, row: ActionRow) -> None:
        """In a worker thread."""
        events = timeline(self.db, row.id)
        title = (
            f"#{row.id} {visible(row.text)} · {visible(row.owner)} ({visible(row.team)})"
            f" · {visible(row.series)}"
        )
        dated = [(f"{local_day(event.at):%Y-%m-%d}", visible(event.describe())) for event in events]
        self.app.call_from_thread(self.show_timeline_text, row.id, timeline_view(title, dated))

    def show_timeline_text(self, action_id: int, text: RenderableType) -> None:
        # The cursor may have moved on while it loaded: a thread worker cannot be stopped.
        if not self.closing() and action_id == self.timeline_of:
            self.query_one("#timeline", Static).update(text)

    def closing(self) -> bool:
        """Whether the pane has gone, or is going with its screen: a worker's answer can
        arrive after its widgets were removed."""
        return not self.is_attached or not self.query("#timeline")
