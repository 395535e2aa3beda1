"""The current section's side of the meeting screen: its table, the lines around it and the
detail pane under it.

Each repaint touches only what changed: a row added to a long list repaints one row, a
cursor moving within short entries does not lay the screen out. What the table shows (its
rows, fitted to the pane, and which section they belong to) is kept here to compare with.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.screen import Screen
from textual.widgets import Static

from meeting.entries.viewer import Viewer
from meeting.foundations.clock import Clock
from meeting.foundations.text import one_line, visible
from meeting.foundations.views import MeetingView
from screens.meeting.texts import ShownTexts
from screens.section_table import SectionTable, fill_table
from screens.sections import SectionKind, SectionRows
from screens.sections.base import by_rank
from screens.widgets.quick_add import QuickAdd
from screens.widgets.value_line import ValueLine
from storage.db import Database

DETAIL_LINES = 5  # the detail pane's height (app.tcss), less its border
ENDED_EMPTY = "Nothing here. The meeting has ended: R reopens it, to add what was missed."


class SectionPane:
    """The current section's rows, as read and as the table shows them."""

    def __init__(self, screen: Screen[None], db: Database, clock: Clock, texts: ShownTexts) -> None:
        self.screen = screen
        self.db = db
        self.clock = clock
        self.texts = texts
        self.section_rows: SectionRows | None = None
        self.shown_rows: SectionRows | None = None  # the rows as the table shows them
        self.shown_section: int | None = None  # the section whose rows the table holds
        self.shown_phase: tuple[str, bool] | None = None  # its writing phase, as shown
        self.shown_detail: str | None = None
        self.detail_long = False  # the detail pane holds more lines than it shows
        self.viewer = Viewer()  # who looks: the screen says (entries written alone)
        self.marked: set[int] = set()  # rows marked with space (the kind host's, shared)

    @property
    def table(self) -> SectionTable:
        return self.screen.query_one("#entries", SectionTable)

    def show(
        self,
        meeting: MeetingView,
        kind: SectionKind,
        *,
        ended: bool,
        by_votes: bool,
        keep_cursor: bool,
        focus_table: bool,
    ) -> bool:
        """Show the meeting's current section, of `kind`: whether its keys may differ from
        those shown before (another section, or the same one's writing phase changed).
        Within the same section only what changed is touched, so an entry added to a long
        list repaints one row, not the screen."""
        section = meeting.current
        # Read first: a server gone away leaves the screen as it was, not half changed.
        section_rows = kind.rows_for(self.db, meeting, section, self.clock, self.viewer)
        new_section = self.shown_section != section.id
        other_keys = new_section or self.shown_phase != (section.phase, section.anonymous)
        self.shown_phase = (section.phase, section.anonymous)
        table = self.table
        # Hidden while the section had no rows, the table gave its focus away (to the
        # detail pane): shown again, it takes it back unless someone is typing.
        hidden = not table.display
        if new_section:
            self.marked.clear()  # marks are for grouping within one section
            self.screen.query_one(QuickAdd).display = False  # it belongs to where it opened
            self.screen.query_one(ValueLine).belongs_here(kind.value_line and not ended)
            # As the meeting was started: a template edited since changes no meeting held.
            hint = "\n".join(visible(line) for line in section.hint.splitlines())
            self.texts.set("#section-title", f"{section.position + 1}. {one_line(section.title)}")
            self.texts.set("#section-hint", hint)
        cursor = table.cursor_row if keep_cursor else 0
        previous = None if new_section else self.shown_rows
        self.section_rows = section_rows
        if by_votes:
            self.section_rows.rows = by_rank(self.section_rows.rows)
        self.show_marks(section_rows)
        self.shown_section = section.id
        self.shown_rows = fill_table(table, previous, self.section_rows, self.table_width())
        has_rows = bool(self.section_rows.rows)
        self.texts.set("#section-note", self.section_rows.note)
        empty = ENDED_EMPTY if ended else self.section_rows.empty
        self.texts.set("#empty", "" if has_rows else empty)
        self.texts.display("#section-note", bool(self.section_rows.note))
        self.texts.display("#empty", not has_rows)
        self.texts.display("#entries", has_rows)
        if has_rows:
            table.move_cursor(row=min(cursor, len(self.section_rows.rows) - 1))
            if focus_table or (hidden and not self.typing()):
                table.focus()
        self.show_detail()
        return other_keys

    def typing(self) -> bool:
        """Whether the focus is on the add line (its text or its team) or a value's line."""
        focused = self.screen.focused
        lines = (self.screen.query_one(QuickAdd), self.screen.query_one(ValueLine))
        return focused is not None and any(line in focused.ancestors for line in lines)

    def show_marks(self, rows: SectionRows) -> None:
        """A row marked with space (to group it) shows a mark before its text."""
        column = rows.mark_column
        if column is None or not self.marked:
            return
        for row in rows.rows:
            if int(row.key) in self.marked:  # after an indent (an entry in a theme)
                text = row.cells[column]
                at = len(text.plain) - len(text.plain.lstrip(" └"))
                row.cells[column] = text[:at] + Text("● ", style="bold yellow") + text[at:]

    def table_width(self) -> int:
        """Cells the table has across: the pane beside the agenda, less its scrollbar."""
        pane = self.screen.query_one("#section-pane").size.width
        if pane == 0:  # not laid out yet: the screen less the agenda's width
            agenda = self.screen.query_one("#agenda")
            width = self.screen.app.size.width
            pane = width - (agenda.outer_size.width or 32 if agenda.display else 0)
        return max(pane - 3, 20)

    def refit(self) -> None:
        """The pane's width changed (terminal resized, agenda narrowed): fit the columns."""
        if self.section_rows is not None:
            self.shown_rows = fill_table(
                self.table, self.shown_rows, self.section_rows, self.table_width()
            )

    def selected_key(self) -> int | None:
        table = self.table
        if not self.section_rows or not self.section_rows.rows:
            return None
        index = min(table.cursor_row, len(self.section_rows.rows) - 1)
        return int(self.section_rows.rows[index].key)

    def select_key(self, key: int) -> None:
        """Put the cursor back on an entry that may have moved (sorted by votes)."""
        rows = self.section_rows.rows if self.section_rows else []
        index = next((i for i, row in enumerate(rows) if row.key == str(key)), None)
        if index is not None:
            self.table.move_cursor(row=index)

    def cursor_down(self) -> None:
        """After a mark or a number, the next row is the one people talk about next."""
        table = self.table
        if table.cursor_row + 1 < table.row_count:
            table.move_cursor(row=table.cursor_row + 1)

    def cursor_to_last(self) -> None:
        table = self.table
        table.move_cursor(row=table.row_count - 1)

    def show_detail(self) -> None:
        detail = ""
        if self.section_rows and self.section_rows.rows:
            index = self.table.cursor_row
            index = min(max(index, 0), len(self.section_rows.rows) - 1)
            detail = self.section_rows.rows[index].detail
        self.show_detail_text(detail)

    def show_detail_text(self, text: str) -> None:
        """The highlighted entry, whole: the pane scrolls when it is longer than the pane.
        Most entries fit its five lines; those repaint without laying the screen out."""
        if self.shown_detail == text:
            return
        widget = self.screen.query_one("#detail", Static)
        width = max(widget.size.width or self.table_width(), 10)
        lines = sum(max(1, -(-cell_len(line) // width)) for line in text.split("\n"))
        was_long = self.detail_long
        self.detail_long = lines > DETAIL_LINES
        self.shown_detail = text
        widget.update(text, layout=self.detail_long or was_long)
        self.screen.query_one("#detail-pane").scroll_home(animate=False)
