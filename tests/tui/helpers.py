"""Typing into the real App the way a person does."""

from __future__ import annotations

import contextlib
import time
import unicodedata
from typing import Any, TypeVar

from textual import events
from textual.app import App
from textual.keys import KEY_NAME_REPLACEMENTS
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable
from textual.worker import WorkerCancelled

from screens.forms import EntryForm

S = TypeVar("S", bound=Screen[Any])


def key_name(char: str) -> str:
    """The key Textual's own parser names for a typed character (`?` is question_mark)."""
    if char.isalnum():
        return char
    name = unicodedata.name(char, char).lower().replace("-", "_").replace(" ", "_")
    return KEY_NAME_REPLACEMENTS.get(name, name)


async def type_text(pilot: Pilot, text: str) -> None:
    """Each character as a key, queued at once as a quick typist's keys arrive; the App
    hands them on one at a time, each once the one before has settled
    (tui/keys_in_order.py), and this waits until the last has. `pilot.press` waits for the
    whole process to go idle twice per key, 40 ms or more each: a third of the UI tests'
    time went there."""
    driver = pilot.app._driver
    assert driver is not None
    keys = getattr(pilot.app, "keys_in_order", None)
    before = keys.key_number if keys is not None else 0
    for char in text:
        event = events.Key(key_name(char), char)
        event.set_sender(pilot.app)
        driver.send_message(event)
    await keys_handled(pilot, handed=before + len(text))
    await pilot.pause()


# How long a wait for a screen, a line or rows goes on before the test fails: it ends as soon
# as what it waits for is there, so only a loaded machine (CI's two cores running three
# workers) ever needs much of it.
PATIENCE = 10.0


async def wait_for_screen(pilot: Pilot, name: str, seconds: float = PATIENCE) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if type(pilot.app.screen).__name__ == name:
            return
        await pilot.pause(0.02)
    screen = pilot.app.screen
    detail = ""
    if isinstance(screen, EntryForm):
        said = [screen.query_one("#form-error"), *screen.query(".field-error")]
        error = " ".join(str(s.render()) for s in said).strip()[:200]
        detail = f" (form says {error!r}; values {screen.values()})"
    raise AssertionError(f"screen is {type(screen).__name__}, expected {name}{detail}")


async def wait_for_value_line(
    pilot: Pilot, *, open: bool = True, seconds: float = PATIENCE
) -> None:
    """Until the meeting's value line (Numbers) is open with the focus on it, or closed."""
    from screens.widgets.value_line import ValueLine

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        line = pilot.app.screen.query_one(ValueLine)
        if line.visible == open and (line.line.has_focus or not open):
            return
        await pilot.pause(0.02)
    raise AssertionError(f"the value line is not {'open' if open else 'closed'}")


def screen_as(app: App[Any], kind: type[S]) -> S:
    """The app's screen as the `kind` a test has waited for, typed as such; any other
    screen fails here by name."""
    screen = app.screen
    assert isinstance(screen, kind), f"screen is {type(screen).__name__}, expected {kind.__name__}"
    return screen


async def say_yes_to_new(pilot: Pilot, names: list[str]) -> None:
    """Confirm, one question at a time, that each of `names` is a new person or lead."""
    for name in names:
        await wait_for_screen(pilot, "ConfirmScreen")
        question = "".join(str(s.render()) for s in pilot.app.screen.query("Static"))
        assert repr(name) in question, question
        await pilot.press("y")


async def wait_for_rows(pilot: Pilot, table: DataTable[Any], more_than: int = 0) -> None:
    """A table filled by a worker: wait until it holds more than `more_than` rows."""
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        await pilot.pause(0.02)
        if table.row_count > more_than:
            return
    raise AssertionError(f"{table.id} has {table.row_count} rows, expected more than {more_than}")


async def workers_finished(app: App[Any]) -> None:
    """Every worker running now has finished. One that Textual cancelled counts as finished:
    a newer worker of its exclusive group replaced it (the cursor moved on) or its screen
    closed, and the screen drops its answer. `App.workers.wait_for_complete()` raises
    WorkerCancelled for it instead, whenever the replacement starts while the test waits.
    A worker that failed still fails here."""
    for worker in list(app.workers):
        with contextlib.suppress(WorkerCancelled):
            await worker.wait()


async def keys_handled(pilot: Pilot, handed: int = 0) -> None:
    """Every key sent has been handed on and has settled (tui/keys_in_order.py): a key typed
    while a screen's rows were on their way waits for them, outside any worker. `handed`:
    how many keys the App must have handed on by then, all told; keys still in the driver's
    queue are not yet waiting anywhere the App can see."""
    keys = getattr(pilot.app, "keys_in_order", None)
    if keys is None:
        return
    deadline = time.monotonic() + PATIENCE
    while keys.waiting or keys.busy or keys.key_number < handed:
        if time.monotonic() > deadline:
            raise AssertionError(
                f"keys not handled in {PATIENCE:.0f} s: {keys.key_number} of {handed} handed "
                f"on, {len(keys.waiting)} waiting"
            )
        await pilot.pause(0.02)


async def workers_done(pilot: Pilot) -> None:
    """Every key handled, every worker finished and what it sent back drawn: a screen
    loaded."""
    for _ in range(3):  # what a worker draws can start another (a page, then its timeline)
        await keys_handled(pilot)
        await workers_finished(pilot.app)
        await pilot.pause()


def shown_lines(widget: Widget) -> list[str]:
    """What `widget` shows, line by line, as the terminal would."""
    return [widget.render_line(y).text.rstrip() for y in range(widget.size.height)]
