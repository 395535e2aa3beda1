"""The line at the bottom of a list section where people type entries one after another:
enter saves and clears it for the next, escape goes back to the table."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Select, Static

from meeting.people import TEAMS
from screens.widgets.text_input import TextInput


class QuickAdd(Horizontal):
    BINDINGS = [Binding("escape", "close", "Done adding", id="quick_add.close")]

    class Submitted(Message):
        def __init__(self, quick_add: QuickAdd, text: str, team: str) -> None:
            self.quick_add = quick_add
            self.text = text
            self.team = team
            super().__init__()

    class Closed(Message):
        pass

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.teams: list[str] = list(TEAMS)
        self.return_to: Widget | None = None  # what had focus when the line opened

    def compose(self) -> ComposeResult:
        yield Static("Add:", classes="quick-label")
        yield TextInput(
            placeholder="type what was said, enter saves", id="quick-text", compact=True
        )
        yield Select(
            [(Text(t), t) for t in TEAMS], allow_blank=False, id="quick-team", compact=True
        )

    def open(self, teams: list[str], team: str) -> None:
        select = self.query_one("#quick-team", Select)
        if teams != self.teams:
            self.teams = list(teams)
            select.set_options([(Text(t), t) for t in teams])
        select.value = team if team in teams else teams[0]
        self.display = True
        focused = self.screen.focused
        if focused is not None and self not in focused.ancestors_with_self:
            self.return_to = focused
        self.query_one("#quick-text", Input).focus()

    @property
    def value(self) -> str:
        return self.query_one("#quick-text", Input).value

    def clear(self) -> None:
        self.query_one("#quick-text", Input).value = ""

    @property
    def team(self) -> str:
        value = self.query_one("#quick-team", Select).value
        return value if isinstance(value, str) else ""

    @on(Input.Submitted, "#quick-text")
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(self, event.value, self.team))

    def action_close(self) -> None:
        """Hide the line and give focus back at once: a key typed right after escape (an
        arrow, say) belongs to the table, not to the line that is going away."""
        self.display = False
        if self.screen.focused is not None and self in self.screen.focused.ancestors:
            self.screen.set_focus(self.return_to)
        self.post_message(self.Closed())
