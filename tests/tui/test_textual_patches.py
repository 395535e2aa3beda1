"""The private Textual names huddle relies on are all listed in one place and still there.

Bumping Textual fails here first: the version the list was written for, each name it uses,
and any class of ours that overrides a private Textual name without saying so.
"""

from __future__ import annotations

import ast
import importlib
import importlib.metadata
import inspect
import pkgutil
import re
from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult
from textual.widgets import DataTable

from screens.textual_patches import PATCHES, TEXTUAL_VERSION, RowsKeptTable
from screens.widgets.text_input import TextInput

ROOT = Path(__file__).resolve().parent.parent.parent
PATCHES_MODULE = ROOT / "screens" / "textual_patches.py"


def test_the_installed_and_pinned_textual_is_the_one_the_patches_were_written_for() -> None:
    pinned = re.search(r'"textual==([^"]+)"', (ROOT / "pyproject.toml").read_text("utf-8"))
    assert pinned and pinned.group(1) == TEXTUAL_VERSION, (
        "pyproject.toml pins another Textual: read screens/textual_patches.py, run the test"
        " each patch names, then set TEXTUAL_VERSION there"
    )
    assert importlib.metadata.version("textual") == TEXTUAL_VERSION


def test_every_private_name_the_patches_use_is_still_in_textual() -> None:
    made: dict[object, object] = {
        App: App[None](),
        DataTable: DataTable[Any](),
    }  # __init__ sets some
    gone = [
        f"{getattr(p.owner, '__name__', p.owner)}.{p.name}"
        for p in PATCHES
        if not hasattr(made.get(p.owner, p.owner), p.name)
    ]
    assert gone == []


def textual_classes_of_ours() -> list[type]:
    found: dict[str, type] = {}
    for package in ("screens", "tui"):
        root = importlib.import_module(package)
        for info in pkgutil.walk_packages(root.__path__, f"{package}."):
            module = importlib.import_module(info.name)
            for cls in vars(module).values():
                if (
                    inspect.isclass(cls)
                    and cls.__module__ == module.__name__
                    and any(b.__module__.startswith("textual.") for b in cls.__mro__)
                ):
                    found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return list(found.values())


def test_every_private_textual_name_a_class_of_ours_overrides_is_listed() -> None:
    """A method or property of ours named like one of Textual's private ones replaces it:
    on purpose (then listed), or by accident, after a Textual upgrade added the name."""
    listed = {(p.owner, p.name) for p in PATCHES if p.overridden}
    unlisted = []
    for cls in textual_classes_of_ours():
        made_by_textual = set(vars(type("Probe", cls.__bases__, {})))  # reactives, CSS names
        textual_bases = [b for b in cls.__mro__ if b.__module__.startswith("textual.")]
        for name in set(vars(cls)) - made_by_textual:
            if not name.startswith("_") or name.startswith("__"):
                continue
            owners = [b for b in textual_bases if name in vars(b)]
            if owners and not any((owner, name) in listed for owner in owners):
                unlisted.append(f"{cls.__qualname__}.{name}")
    assert unlisted == [], "list these in screens/textual_patches.py, or rename them"


def private_textual_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("textual"):
            names = [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names if a.name.startswith("textual")]
        else:
            continue
        found += [n for n in names if any(part.startswith("_") for part in n.split("."))]
    return found


def test_only_the_patches_module_imports_textuals_private_modules() -> None:
    found = {
        str(path.relative_to(ROOT)): names
        for folder in ("screens", "tui", "tests")
        for path in (ROOT / folder).rglob("*.py")
        if path != PATCHES_MODULE and (names := private_textual_imports(path))
    }
    assert found == {}
    assert private_textual_imports(PATCHES_MODULE)  # the check sees what it looks for


class OneField(App[None]):
    def __init__(self, value: str) -> None:
        super().__init__()
        self.value = value

    def compose(self) -> ComposeResult:
        yield TextInput(self.value)


async def test_a_control_character_in_a_field_shows_as_a_picture() -> None:
    """TextInput draws its value through Input's private `_value`: a pasted line end, a
    bell or an escape shows as one cell, not lost (Rich drops BEL and CR from text) and
    not sent to the terminal."""
    app = OneField("a\nb\x07c\x1bd")
    async with app.run_test(size=(40, 3)):
        shown = app.query_one(TextInput).render_line(0).text
    assert shown.startswith("a↵b␇c␛d"), repr(shown)


async def test_a_screen_covered_whole_is_laid_out_when_it_shows_again(tmp_path: Path) -> None:
    """Home is not laid out under History (it was, for nothing, on every `h`), not even
    when the terminal is resized meanwhile; it is, at the new size, once it shows again.
    The start form, which home shows through, still lays home out."""
    from meeting.foundations.clock import FixedClock
    from storage.opening import open_database
    from tests.conftest import NOW
    from tests.tui.helpers import wait_for_screen
    from tui.app import HuddleApp

    db = open_database(f"sqlite:///{tmp_path / 'huddle.db'}")
    app = HuddleApp(db, clock=FixedClock(NOW))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.pause()
        home = app.screen
        laid_out: list[object] = []
        original = home._refresh_layout

        def counted(*args: Any, **kwargs: Any) -> None:
            laid_out.append(args)
            original(*args, **kwargs)

        home._refresh_layout = counted  # type: ignore[method-assign]
        await pilot.press("h")
        await wait_for_screen(pilot, "HistoryScreen")
        await pilot.pause()
        assert laid_out == []
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert laid_out == []
        await pilot.press("escape")
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.pause()
        assert laid_out and home.size.width == 80
        laid_out.clear()
        await pilot.press("n")  # the start form: home shows through it, dimmed
        await wait_for_screen(pilot, "EntryForm")
        await pilot.pause()
        assert laid_out
    db.dispose()


async def test_focus_moving_on_a_meeting_repaints_no_whole_screen(tmp_path: Path) -> None:
    """The value line taking focus from the table (and giving it back) repaints those two,
    not every cell of the meeting: Textual's own screen repaints whole on each focus move.
    The focused widget still shows as focused (its style follows focus on its own)."""
    from textual.widgets import DataTable

    from meeting.agenda import meetings
    from meeting.foundations.clock import FixedClock
    from storage.opening import open_database
    from tests.conftest import NOW
    from tests.tui.helpers import wait_for_screen, wait_for_value_line
    from tui.app import HuddleApp

    db = open_database(f"sqlite:///{tmp_path / 'huddle.db'}")
    clock = FixedClock(NOW)
    meeting_id, _ = meetings.start_meeting(
        db, clock=clock, facilitator="Dana", create_series_if_missing=True
    )
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("2")
        await pilot.pause()
        screen = app.screen
        table = screen.query_one("#entries", DataTable)
        assert table.has_focus
        whole: list[object] = []
        original = screen.refresh

        def counted(*regions: Any, **kwargs: Any) -> Any:
            if not regions:
                whole.append(kwargs)
            return original(*regions, **kwargs)

        screen.refresh = counted  # type: ignore[method-assign]
        await pilot.press("enter")
        await wait_for_value_line(pilot)
        assert not table.has_focus
        await pilot.press("escape")
        await wait_for_value_line(pilot, open=False)
        assert table.has_focus
        assert whole == []
    db.dispose()


class Tables(App[None]):
    """A table of ours beside a DataTable filled anew, to draw alike (neither focused)."""

    AUTO_FOCUS = None

    def __init__(self, ours: list[list[str]], theirs: list[list[str]]) -> None:
        super().__init__()
        self.ours = RowsKeptTable(cursor_type="row", zebra_stripes=True)
        self.theirs = DataTable[Any](cursor_type="row", zebra_stripes=True)
        self.rows = {self.ours: ours, self.theirs: theirs}

    def compose(self) -> ComposeResult:
        yield from self.rows

    def on_mount(self) -> None:
        for table, rows in self.rows.items():
            table.styles.height = 13
            for column in ("Metric", "Value", "Target"):
                table.add_column(column, key=column, width=8)
            for n, row in enumerate(rows):
                table.add_row(*row, key=str(n))

    async def drawn_whole(self, pilot: Any) -> None:
        """Every row drawn as the table is now (sized: a resize forgets every drawing)."""
        self.ours.refresh()
        await pilot.pause()
        self.drawn(self.ours)

    def drawn(self, table: DataTable[Any]) -> list[str]:
        """What the table sends the terminal, styles and all."""
        region = table.region.reset_offset
        return [strip.render(self.console) for strip in table.render_lines(region)]


ROWS = [[f"Metric {n}", str(n * 10), "100"] for n in range(12)]


async def test_a_row_updated_in_place_is_drawn_as_a_new_table_would() -> None:
    """update_row changes a row as update_cell would, and forgets that row's drawing only:
    the table drawn whole again (as focus coming back to it does) draws that row's cells."""
    changed = [row[:] for row in ROWS]
    changed[3][1] = "4,250"
    app = Tables(ROWS, changed)
    async with app.run_test(size=(40, 30)) as pilot:
        await app.drawn_whole(pilot)
        ours = app.ours
        cells = ours._cell_render_cache
        drawings = cells.keys  # an LRUCache: no iteration of its own
        before = {key: id(cells[key]) for key in drawings()}
        ours.update_row("3", {"Value": "4,250"})
        ours.refresh()
        await pilot.pause()
        assert app.drawn(ours) == app.drawn(app.theirs)
        drawn_again = {key for key in drawings() if before.get(key) != id(cells[key])}
        assert {(key[0].value, key[1].value) for key in drawn_again} == {
            ("3", "Metric"),
            ("3", "Value"),
            ("3", "Target"),
        }


async def test_a_cursor_move_draws_again_only_the_rows_it_leaves_and_reaches() -> None:
    """Even with the whole table drawn again in the same frame (focus coming back to it, as a
    value is saved and the cursor goes on), rows away from the cursor are not put together
    again."""
    app = Tables(ROWS, ROWS)
    async with app.run_test(size=(40, 30)) as pilot:
        await app.drawn_whole(pilot)
        ours = app.ours
        rows_drawn = set(ours._row_render_cache.keys())
        for table in (ours, app.theirs):
            table.refresh()
            table.move_cursor(row=4)
        await pilot.pause()
        assert app.drawn(ours) == app.drawn(app.theirs)
        drawn_again = {key[0].value for key in set(ours._row_render_cache.keys()) - rows_drawn}
        assert drawn_again == {"0", "4"}  # the row the cursor left, and the one it reached
