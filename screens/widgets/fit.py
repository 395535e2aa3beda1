"""Tables that fit the terminal without cutting a value in the middle.

Short values (dates, states, outcomes, money, counts) always show whole: their columns take
the width of their widest cell. Only the columns that hold typed text (an entry, a question,
an answer, a name) give up width, and what they cut ends in an ellipsis; the detail pane
shows the whole text.
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable

from meeting.foundations.text import word_end

CELL_PADDING = 2  # DataTable pads each cell by one on either side
NARROWEST = 8  # a text column never gets narrower than this, to stay readable
COMFORTABLE = 20  # optional columns make way while a text column would get less


def fit_widths(natural: list[int], flexible: list[bool], available: int) -> list[int]:
    """Each column's width. Fixed columns get their natural width; flexible ones share what
    is left, in proportion to their natural width, each at least NARROWEST (or its natural
    width, if smaller). When even that does not fit, the table scrolls sideways instead of
    cutting a value."""
    room = available - CELL_PADDING * len(natural)
    fixed = sum(w for w, flex in zip(natural, flexible, strict=True) if not flex)
    wanted = sum(w for w, flex in zip(natural, flexible, strict=True) if flex)
    left = room - fixed
    if wanted <= left:
        return list(natural)
    widths = list(natural)
    flex_columns = [i for i, flex in enumerate(flexible) if flex]
    # Hand out the room to the flexible columns, smallest first, so a short column that
    # fits keeps its natural width and the long ones share the rest.
    for n, i in enumerate(sorted(flex_columns, key=lambda i: natural[i])):
        share = max(left // (len(flex_columns) - n), 0)
        widths[i] = max(min(natural[i], share), min(natural[i], NARROWEST))
        left -= widths[i]
    return widths


def room(table: DataTable[Any], rows: int, fallback: int) -> int:
    """Cells `table` has across for its columns: its width (`fallback` before it is laid
    out), less its vertical scrollbar's when its rows and header outgrow its height."""
    width = table.size.width or fallback
    if rows + 1 > table.size.height:
        width -= table.styles.scrollbar_size_vertical
    return width


def cut(text: Text, width: int) -> Text:
    """`text` in at most `width` cells, cut after a word when one ends near there, an
    ellipsis marking the cut."""
    if text.cell_len <= width:
        return text
    shown = text.copy()
    shown.truncate(max(width - 1, 0))
    kept = len(shown.plain)
    end = word_end(text.plain, kept)
    if end < kept:  # right_crop(0) would drop everything
        shown.right_crop(kept - end)
    shown.append("…")
    return shown


def least_width(natural: list[int], flexible: list[bool], text: int = NARROWEST) -> int:
    """The narrowest a table of these columns gets without cutting a short value, each
    text column given at least `text` cells (or its whole width, if less)."""
    return sum(
        (min(w, text) if flex else w) + CELL_PADDING
        for w, flex in zip(natural, flexible, strict=True)
    )


def columns_to_show(
    natural: list[int],
    flexible: list[bool],
    optional: list[int],
    available: int,
    vacant: list[int] | None = None,
) -> list[int]:
    """Which columns to show: all, unless text would be cut; then the vacant ones (no row
    has a value there) go first. Then, while the text columns would be squeezed below a
    comfortable width, the optional ones (whose text the detail pane also shows) go, in
    the order given."""
    shown = list(range(len(natural)))
    for column in vacant or []:
        if sum(natural[i] + CELL_PADDING for i in shown) <= available:
            break
        shown.remove(column)
    for column in (c for c in optional if c in shown):
        widths, flex = [natural[i] for i in shown], [flexible[i] for i in shown]
        if least_width(widths, flex, COMFORTABLE) <= available:
            break
        shown.remove(column)
    return shown


def fit_cells(
    header: list[str],
    rows: list[list[Text]],
    flexible: list[bool],
    available: int,
    optional: list[int] | None = None,
    vacant: list[int] | None = None,
) -> tuple[list[int], list[int], list[list[Text]]]:
    """The columns to show, their widths, and the rows cut to them."""
    natural = [cell_len(h) for h in header]
    for cells in rows:
        for i, value in enumerate(cells):
            natural[i] = max(natural[i], value.cell_len)
    shown = columns_to_show(natural, flexible, optional or [], available, vacant)
    if len(shown) < len(header):
        natural = [natural[i] for i in shown]
        flexible = [flexible[i] for i in shown]
        rows = [[cells[i] for i in shown] for cells in rows]
    widths = fit_widths(natural, flexible, available)
    cut_columns = [i for i, (w, n) in enumerate(zip(widths, natural, strict=True)) if w < n]
    if not cut_columns:
        return shown, widths, rows
    fitted = []
    for cells in rows:
        line = list(cells)
        for i in cut_columns:
            line[i] = cut(line[i], widths[i])
        fitted.append(line)
    return shown, widths, fitted


class TableFit:
    """Columns and widths for a DataTable filled in pages: the first page (or the whole
    list) chooses them for the width the table has, and later pages are cut to match."""

    def __init__(
        self,
        header: list[str],
        flexible: tuple[str, ...],
        optional: tuple[str, ...],
        keys: list[str] | None = None,
    ) -> None:
        self.header = header
        self.keys = keys or header
        self.flexible = [h in flexible for h in header]
        self.optional = [header.index(h) for h in optional]
        self.shown: list[int] = list(range(len(header)))
        self.widths: list[int] = []

    def start(
        self, table: DataTable[Any], rows: list[list[Text]], available: int
    ) -> list[list[Text]]:
        """Clear `table`, give it the columns that fit, and return `rows` fitted to them."""
        self.shown, self.widths, fitted = fit_cells(
            self.header, rows, self.flexible, available, self.optional
        )
        table.clear(columns=True)
        # Widths given, not measured by the table later: the first frame is already right.
        for n, i in enumerate(self.shown):
            table.add_column(self.header[i], key=self.keys[i], width=self.widths[n])
        return fitted

    def more(self, rows: list[list[Text]]) -> list[list[Text]]:
        """Another page, cut to the columns and widths the first one chose."""
        fitted = []
        for cells in rows:
            line = [cells[i] for i in self.shown]
            for n, i in enumerate(self.shown):
                if self.flexible[i]:
                    line[n] = cut(line[n], self.widths[n])
            fitted.append(line)
        return fitted
