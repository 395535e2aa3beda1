"""What the TUI shows instead of a traceback when the database turns out to be damaged."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from meeting.foundations.text import visible
from screens.widgets.footer import Footer


class WorkerFailed(Message):
    """A screen's worker that is allowed to fail quietly failed: the app decides whether
    the error means a damaged database."""

    def __init__(self, error: BaseException) -> None:
        self.error = error
        super().__init__()


class DamagedScreen(Screen[None]):
    BINDINGS = [Binding("q,escape,ctrl+q", "app.quit", "Quit", id="damaged.quit")]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        yield Static("huddle cannot go on with this database", id="topbar", markup=False)
        with Vertical(id="damaged"):
            yield Static(visible(self.message), markup=False)
            yield Static(
                "\nNothing more was written to it. Quit, check the file, and restore the "
                "latest backup if the check finds damage:\n\n"
                "    huddle db check\n"
                '    cp BACKUP "$(huddle db path)"',
                markup=False,
            )
        yield Footer()
