"""Every private Textual name huddle uses, in one place, each with why and what checks it.

Textual's public API does nearly everything: key and paste handlers are plain `on_key` and
`on_paste` (Textual calls one handler per class down the MRO and `prevent_default()` skips
the base classes'), bindings, reactives, `render_line`. What it does not offer is done here
and nowhere else, and each use is listed in PATCHES: the Textual name, where huddle relies
on it, why no public API does the job, and the test that fails if Textual changes it.

Written for Textual TEXTUAL_VERSION, which pyproject.toml pins exactly. tests/tui/
test_textual_patches.py fails when the installed Textual is another version, when a name
listed here is gone from it, and when a class of ours overrides a private Textual name not
listed here: bumping Textual means reading this list and running the tests it names.

This lives in screens/, the lowest layer that knows Textual, so both the widgets
(screens/) and the App (tui/) take their private uses from here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual._types import SegmentLines
from textual.app import App
from textual.cache import LRUCache
from textual.coordinate import Coordinate
from textual.geometry import Size
from textual.message_pump import MessagePump
from textual.notifications import Notification
from textual.reactive import Reactive
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Input, _footer
from textual.widgets.data_table import ColumnKey, RowKey

FooterKey = _footer.FooterKey  # the key widget Textual's Footer is made of

TEXTUAL_VERSION = "8.2.8"

__all__ = [
    "PATCHES",
    "TEXTUAL_VERSION",
    "CoverableScreen",
    "FooterKey",
    "RowsKeptTable",
    "close_messages_now",
    "drop_from_every_strip",
    "first_error",
    "forward_key",
    "notifications",
    "record_error",
]


@dataclass(frozen=True)
class Patch:
    """One private Textual name huddle relies on."""

    owner: object  # the Textual class (or module) that holds `name`
    name: str
    used_by: str  # where huddle uses it
    why: str  # and why no public API does the job
    test: str  # the test that fails if Textual changes it
    bug: str = ""  # a Textual behaviour worked around, with its upstream issue if known
    overridden: bool = False  # a method or property huddle's subclass replaces


# ------------------------------------------------------------------ an unhandled error


def record_error(app: App[Any], error: Exception) -> None:
    """What App._handle_exception does first: the exit code, and the error `run_test`
    raises again for a test to see."""
    app._return_code = 1
    if app._exception is None:
        app._exception = error
        app._exception_event.set()


def close_messages_now(app: App[Any]) -> None:
    """End the app at once, as Textual's own error path does, without the traceback it
    would print (`App.exit` would queue the exit behind the messages still waiting)."""
    app._close_messages_no_wait()


# ------------------------------------------------------------------ keys in order


def forward_key(widget: Widget, key: events.Key) -> None:
    """Hand `key` to `widget` as the App hands a key to the focused widget: marked as
    forwarded, so that when it bubbles back up the App does not route it a second time.
    Posting it (`post_message`) would leave it unmarked and the App would send it on
    again."""
    widget._forward_event(key)


# ------------------------------------------------------------------ the terminal guard

_render = Strip.render
_unsafe = re.compile("(?!)")  # matches nothing until drop_from_every_strip says what


def _safe_render(self: Strip, console: Console) -> str:
    unsafe = _unsafe
    if self._render_cache is None and any(
        unsafe.search(segment.text) for segment in self._segments if not segment.control
    ):
        self._segments = [
            segment
            if segment.control
            else Segment(unsafe.sub("", segment.text), segment.style, segment.control)
            for segment in self._segments
        ]
    return _render(self, console)


def drop_from_every_strip(unsafe: re.Pattern[str]) -> None:
    """Before any line of the screen becomes terminal output, drop what `unsafe` matches
    from its text segments (not from Textual's own control segments). Idempotent."""
    global _unsafe
    _unsafe = unsafe
    Strip.render = _safe_render  # type: ignore[method-assign]  # patching Textual's Strip on purpose


# ------------------------------------------------------------------ a screen under another


class CoverableScreen(Screen[None]):
    """A screen that others cover whole: History, Leads or a meeting over home, a summary
    over a meeting. Textual lays out and draws the screen under a new one when the new one
    gets its first size, in case it shows through; under an opaque screen that is every
    widget of home laid out and drawn for nothing, about a third of opening History. It is
    laid out when it shows again instead: Textual checks its size as it resumes."""

    # Textual repaints the whole screen when focus moves (`focused` is a repainting reactive),
    # though what focus changes, the focused and blurred widgets' styles, is refreshed on its
    # own: on a meeting, a value's line taking focus from the table sent the terminal every
    # cell of the screen twice per number typed.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    def _screen_resized(self, size: Size) -> None:
        top = self.app.screen
        if top is not self and top.styles.background.a == 1:
            return
        super()._screen_resized(size)


# ------------------------------------------------------------------ a table's rows


class RowsKeptTable(DataTable[Any]):
    """A table that draws again only the rows that changed. DataTable draws every visible
    row again when any one cell changes (its drawings are keyed on a count of all updates)
    and, with a row cursor, when the cursor moves (each row's drawing is keyed on where the
    cursor is): on a meeting's Numbers, each value typed drew 17 rows of 7 cells again."""

    def update_row(self, row_key: str, cells: dict[str, Any]) -> None:
        """Put `cells` (by column key) in the row and forget its drawing only. The columns
        keep their widths (the caller has checked), so no other row changes."""
        key = RowKey(row_key)
        index = self._row_locations.get(key)
        if index is None:
            raise KeyError(row_key)
        row = self._data[key]
        for column, value in cells.items():
            row[ColumnKey(column)] = value
        drawings: tuple[LRUCache[Any, Any], ...] = (self._cell_render_cache, self._row_render_cache)
        for drawn in drawings:
            keys = drawn.keys()  # an LRUCache: no iteration of its own
            for stale in [cached for cached in keys if cached[0] == key]:
                drawn.discard(stale)
        self._row_renderable_cache.discard((self._update_count, index))
        self._line_cache.clear()  # lines are put together from the rows' drawings: cheap
        self.refresh_row(index)

    def _render_line_in_row(
        self,
        row_key: RowKey,
        line_no: int,
        base_style: Style,
        cursor_location: Coordinate,
        hover_location: Coordinate,
    ) -> tuple[SegmentLines, SegmentLines]:
        """A row neither the cursor nor the mouse is on is drawn the same wherever they
        are: asked for as such, its drawing is found again instead of made again."""
        if self.cursor_type == "row":
            row = self._row_locations.get(row_key)
            row = -1 if row is None else row  # the header's
            if cursor_location.row != row:
                cursor_location = ELSEWHERE
            if hover_location.row != row:
                hover_location = ELSEWHERE
        return super()._render_line_in_row(
            row_key, line_no, base_style, cursor_location, hover_location
        )


ELSEWHERE = Coordinate(-2, -2)  # on no row, the header's (-1) included


# ------------------------------------------------------------------ for tests


def notifications(app: App[Any]) -> list[Notification]:
    """The notifications the app is showing: what a test reads to see what was said."""
    return list(app._notifications)


def first_error(app: App[Any]) -> Exception | None:
    """The first error no handler caught, as record_error kept it."""
    return app._exception


# ------------------------------------------------------------------ the list

CRASH_TESTS = (
    "tests/tui/test_crash_report.py::test_a_crash_prints_one_line_and_logs_no_locals_or_password"
    " and tests/tui/test_damaged.py"
)
KEY_ORDER_TESTS = (
    "tests/tui/test_fast_input.py::test_keys_right_after_a_and_escape_go_where_focus_went"
    " and ::test_ten_entries_in_one_burst_are_ten_rows"
)
FOOTER_TEST = "tests/tui/test_fit.py::test_a_narrow_footer_keeps_the_sections_own_keys"
GUARD_TEST = (
    "tests/tui/test_hostile_text.py::test_the_terminal_guard_drops_control_characters_left_in_text"
)

TABLE_TESTS = (
    "tests/tui/test_textual_patches.py::test_a_row_updated_in_place_is_drawn_as_a_new_table_would"
    " and ::test_a_cursor_move_draws_again_only_the_rows_it_leaves_and_reaches"
)

PATCHES: tuple[Patch, ...] = (
    Patch(
        DataTable,
        "_render_line_in_row",
        "RowsKeptTable, the base of the meeting's SectionTable",
        "DataTable keys each row's drawing on the cursor's place: a cursor move draws every"
        " visible row again. No public option says a row away from the cursor looks the same.",
        TABLE_TESTS,
        overridden=True,
    ),
    *(
        Patch(
            DataTable,
            name,
            "RowsKeptTable.update_row",
            "update_cell forgets every row's drawing (it counts updates, and every drawing is"
            " keyed on the count); no public call changes one row and forgets its drawing only.",
            TABLE_TESTS,
        )
        for name in (
            "_data",
            "_row_locations",
            "_update_count",
            "_cell_render_cache",
            "_row_render_cache",
            "_row_renderable_cache",
            "_line_cache",
        )
    ),
    Patch(
        Screen,
        "_default_focused",
        "CoverableScreen.focused, the base of HomeScreen and MeetingScreen",
        "A reactive declared again (to stop its repaint) makes its default's private name"
        " again; Textual offers no public way to make a reactive of its own stop repainting.",
        "tests/tui/test_textual_patches.py::test_focus_moving_on_a_meeting_repaints_no_whole_screen",
        overridden=True,
    ),
    Patch(
        Screen,
        "_screen_resized",
        "CoverableScreen, the base of HomeScreen and MeetingScreen",
        "Textual lays out every screen that may show through a new one when the new one is"
        " first sized, the one under an opaque screen included; no public hook says not to.",
        "tests/tui/test_textual_patches.py::test_a_screen_covered_whole_is_laid_out_when_it_shows_again",
        overridden=True,
    ),
    Patch(
        App,
        "_handle_exception",
        "tui.app.HuddleApp._handle_exception",
        "Textual has no public hook for an error no handler caught; its own prints a"
        " traceback with local variables (a password among them). huddle shows a damaged"
        " database on a screen, says a refused background read in one line, and ends any"
        " other error with one line naming a log file.",
        CRASH_TESTS,
        bug="a public hook was asked for in Textualize/textual#2818 (closed); none in 8.2.8",
        overridden=True,
    ),
    Patch(
        App,
        "_return_code",
        "record_error",
        "The exit code 1 App._handle_exception sets; App.exit would also queue the exit.",
        CRASH_TESTS,
    ),
    Patch(
        App,
        "_exception",
        "record_error, first_error (tests)",
        "The first error, which run_test raises again so a test sees the crash.",
        CRASH_TESTS,
    ),
    Patch(
        App,
        "_exception_event",
        "record_error",
        "Wakes run_test when the first error is recorded.",
        CRASH_TESTS,
    ),
    Patch(
        MessagePump,
        "_close_messages_no_wait",
        "close_messages_now",
        "Ends the app at once, as Textual's own error path does, without its traceback.",
        CRASH_TESTS,
    ),
    Patch(
        Widget,
        "_forward_event",
        "forward_key, from tui.app.HuddleApp.on_key",
        "A key that bubbles up from a widget that lost focus after it arrived is handed to"
        " the widget that has focus now, marked as forwarded so the App does not route it"
        " again; no public call marks an event forwarded.",
        KEY_ORDER_TESTS,
        bug="Textual delivers each key to the widget focused when it arrives, and runs"
        " bindings only once the key has bubbled to the App: keys typed right after one"
        " that moves focus land in the old widget. No upstream issue found.",
    ),
    Patch(
        Strip,
        "render",
        "drop_from_every_strip, from tui.terminal.guard",
        "The one place every line passes on its way to the terminal. Line filters"
        " (App.get_line_filters) are documented as internal and are applied to widget"
        " content only.",
        GUARD_TEST,
        overridden=True,
    ),
    Patch(Strip, "_segments", "drop_from_every_strip", "The strip's text, cleaned.", GUARD_TEST),
    Patch(
        Strip,
        "_render_cache",
        "drop_from_every_strip",
        "first_error",
        "A strip already rendered is clean: it is not searched again.",
        GUARD_TEST,
    ),
    Patch(
        Input,
        "_value",
        "screens.widgets.text_input.TextInput._value",
        "What Input draws and measures: a pasted line end or control character is drawn as"
        " a one-cell picture. A highlighter comes too late: Rich's Text has already dropped"
        " BEL, BS, CR and the like by then.",
        "tests/tui/test_textual_patches.py::test_a_control_character_in_a_field_shows_as_a_picture",
        overridden=True,
    ),
    Patch(
        _footer,
        "FooterKey",
        "RowsKeptTable",
        "FooterKey, in screens.widgets.footer.Footer.compose and tests",
        "The key widget Textual's Footer is made of and styles; textual.widgets does not"
        " export it.",
        FOOTER_TEST,
    ),
    Patch(
        App,
        "_notifications",
        "notifications, in tests",
        "What the app said; no public accessor (toasts show later, and go).",
        "tests/tui/test_export.py",
    ),
    Patch(
        Footer,
        "bindings_changed",
        "screens.widgets.footer.Footer.bindings_changed",
        "No underscore, but not documented: Textual's Footer subscribes it to the screen's"
        " bindings_updated_signal. huddle's Footer merges those calls into one rebuild and"
        " keeps its own `bindings_ready` (Textual's compose reads the private"
        " `_bindings_ready`, which huddle's compose does not).",
        FOOTER_TEST,
        overridden=True,
    ),
)
