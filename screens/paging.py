"""Tables too big to load whole (every action item, every lead): a worker thread reads one
page, the table shows it, and the next is asked for as the cursor nears the end of those
loaded. History and Leads keep their rows here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from rich.text import Text
from textual.widgets import DataTable

from screens.widgets.fit import TableFit

R = TypeVar("R")
NEAR_END = 10  # rows from the end of those loaded at which the next page is asked for


@dataclass
class Page(Generic[R]):
    """What one load brings back: a page of rows, and (for a new filter) the total."""

    rows: list[R]
    offset: int  # -1: no rows, only the total (or whatever else a screen counts)
    total: int | None = None


class Pages(Generic[R]):
    """The rows loaded so far of one filter, the filter's total, and the table they feed.

    Each new filter (or sort) is a new generation: a thread worker cannot be stopped, so the
    pages of an older one may still arrive, and are dropped."""

    def __init__(self, fit: TableFit, key: Callable[[R], int]) -> None:
        self.fit = fit
        self.key = key
        self.rows: list[R] = []
        self.total = 0
        self.generation = 0
        self.loading_more = False
        self.fitted_for = 0  # the width the columns were chosen for
        # A filter's first page is on its way: the keys typed meanwhile wait for it
        # (tui/keys_in_order.py), or they would act on the rows of the filter before.
        self.rows_coming = False

    def restart(self) -> int:
        """A new filter: forget the rows, and return the generation its pages will carry."""
        self.generation += 1
        self.rows_coming = True
        self.rows = []
        self.total = 0
        self.loading_more = False
        return self.generation

    def current(self, generation: int) -> bool:
        return generation == self.generation

    def add(
        self, table: DataTable[Any], page: Page[R], cells: list[list[Text]], width: int
    ) -> None:
        """Put `page` (whose rows are `cells`) into `table`. The first page clears it and
        chooses the columns for `width`; later pages are cut to match and appended."""
        if page.offset >= 0:
            self.loading_more = False
        if page.offset == 0:
            self.rows_coming = False
            self.fitted_for = width
            cells = self.fit.start(table, cells, width)
            self.rows = []
        elif page.offset > 0:
            cells = self.fit.more(cells)
        for row, line in zip(page.rows, cells, strict=True):
            table.add_row(*line, key=str(self.key(row)))
        self.rows.extend(page.rows)
        if page.total is not None:
            self.total = page.total

    def next_offset(self, cursor_row: int) -> int | None:
        """Where the next page starts, when the cursor has come near the end of the rows
        loaded and there are more; None while one is on its way, or none is left."""
        near_end = cursor_row >= len(self.rows) - NEAR_END
        if near_end and len(self.rows) < self.total and not self.loading_more:
            self.loading_more = True
            return len(self.rows)
        return None

    def at(self, cursor_row: int) -> R | None:
        """The row under the cursor, if any is loaded."""
        if not self.rows:
            return None
        return self.rows[min(max(cursor_row, 0), len(self.rows) - 1)]
