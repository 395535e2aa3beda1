"""The meeting's table: a section's rows fitted to the pane and updated in place."""

from __future__ import annotations

import dataclasses

from rich.style import Style
from textual.widget import PseudoClasses, Widget

from screens.sections.base import SectionRows
from screens.textual_patches import RowsKeptTable
from screens.widgets.fit import fit_cells


class SectionTable(RowsKeptTable):
    """The section's table. While a row's value is typed on the line under it (the value
    line marks it `-typed-row`), it is drawn as focused: it looks the same (app.tcss), so
    focus moving to the line, and back as the value is saved, finds every row already
    drawn: only the row saved and the cursor's next one are drawn again (RowsKeptTable)."""

    _drawn_with: tuple[Style, PseudoClasses] | None = None  # what its rows are drawn under
    _was_typed = False  # whether `-typed-row` was on at the last restyle

    def get_pseudo_class_state(self) -> PseudoClasses:
        state = super().get_pseudo_class_state()
        return state._replace(focus=True) if self.has_class("-typed-row") else state

    def notify_style_update(self) -> None:
        """DataTable forgets every drawn row on any restyle, the move of focus included.
        A restyle while `-typed-row` is on, or the one as it goes (the table has its focus
        back by then), that leaves the table's style as it was keeps them."""
        looks = (self.rich_style, self.get_pseudo_class_state())
        typed = self.has_class("-typed-row")
        around_typing, self._was_typed = typed or self._was_typed, typed
        if around_typing and looks == self._drawn_with:
            Widget.notify_style_update(self)
            return
        self._drawn_with = looks
        super().notify_style_update()


def fit_to(rows: SectionRows, available: int) -> SectionRows:
    """`rows` as shown in `available` cells: long text cut, short values whole. Columns no
    row fills (no votes yet, no actions made) make way first, so the text gets the width."""
    flexible = [column in rows.flexible for column in rows.columns]
    vacant = [
        i
        for i in range(len(rows.columns))
        if rows.rows and not any(r.cells[i].plain.strip() for r in rows.rows)
    ]
    optional = [rows.columns.index(column) for column in rows.optional]
    shown, widths, cells = fit_cells(
        rows.columns, [r.cells for r in rows.rows], flexible, available, optional, vacant
    )
    return dataclasses.replace(
        rows,
        columns=[rows.columns[i] for i in shown],
        rows=[dataclasses.replace(r, cells=c) for r, c in zip(rows.rows, cells, strict=True)],
        widths=widths,
    )


def fill_table(
    table: SectionTable,
    previous: SectionRows | None,
    rows: SectionRows,
    available: int,
) -> SectionRows:
    """Show `rows` fitted to `available` cells, touching only what changed since
    `previous` (what the table shows now) when it holds the same section: adding the
    201st entry adds one row, not 201. Returns what the table shows."""
    rows = fit_to(rows, available)
    if (
        previous is None
        or previous.columns != rows.columns
        or previous.widths != rows.widths
        or not _appends(previous, rows)
    ):
        table.clear(columns=True)
        # Widths given, not measured by the table when it is next idle: a frame drawn
        # before then (opening a meeting straight from the command line) is already right.
        for column, width in zip(rows.columns, rows.widths or [], strict=True):
            table.add_column(column, key=column, width=width)
        for row in rows.rows:
            table.add_row(*row.cells, key=row.key)
        return rows
    before = {row.key: row for row in previous.rows}
    keys = {row.key for row in rows.rows}
    for key in before.keys() - keys:
        table.remove_row(key)
    for row in rows.rows:
        old = before.get(row.key)
        if old is None:
            table.add_row(*row.cells, key=row.key)
        elif old.cells != row.cells:
            changed = {
                column: now
                for column, was, now in zip(rows.columns, old.cells, row.cells, strict=True)
                if was != now
            }
            table.update_row(row.key, changed)
    return rows


def _appends(previous: SectionRows, rows: SectionRows) -> bool:
    """Whether `rows` is `previous` with rows removed, changed, or added at the end."""
    old_keys = {row.key for row in previous.rows}
    kept = [row.key for row in rows.rows if row.key in old_keys]
    kept_keys = set(kept)
    if kept != [row.key for row in previous.rows if row.key in kept_keys]:
        return False
    positions = {row.key: i for i, row in enumerate(rows.rows)}
    last_kept = max((positions[key] for key in kept), default=-1)
    return all(positions[row.key] > last_kept for row in rows.rows if row.key not in kept_keys)
