"""The line at the bottom of a list section where people type entries one after another:
enter saves and clears it for the next, escape goes back to the table."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Select, Static

from meeting.foundations.teams import TEAMS
from screens.widgets.text_input import TextInput, split_lines


class LineInput(TextInput):
    """Enter ends exactly one entry: the line is emptied in the same handler that reads it,
    so keys already on their way (a text expander, a paste without bracketed paste, a remote
    terminal flushing its buffer) start the next entry instead of joining this one."""

    # Set by the line this input belongs to, and called at once rather than by message:
    # the line is emptied, the entry saved and the table grown in one handler, so keys
    # keep their order and the screen is drawn once.
    close_line: Callable[[], None] | None = None
    enter_texts: Callable[[list[str]], None] | None = None

    async def on_key(self, event: events.Key) -> None:
        # Enter is handled here, in the order keys reach this widget. As a binding it would
        # run only after the key bubbled up to the app, and characters typed after it would
        # already be on the line.
        if self.screen.focused is self and event.key in ("enter", "escape"):
            event.stop()
            event.prevent_default()
            if event.key == "enter":
                await self.action_submit()
            elif self.close_line is not None:
                self.close_line()  # now, so the keys after escape reach the table

    async def action_submit(self) -> None:
        text = self.value
        self.value = ""
        if self.enter_texts is not None:
            self.enter_texts([text])

    def on_paste(self, event: events.Paste) -> None:
        """Several pasted lines are several entries, as if each was typed and entered; what
        follows the last line end (nothing, when the paste ends with one) stays on the line
        to go on typing, before what was after the cursor. One line is typed in as usual."""
        event.stop()
        event.prevent_default()
        lines = split_lines(event.text)
        if len(lines) <= 1:
            super().on_paste(event)
            return
        before, after = self.value[: self.cursor_position], self.value[self.cursor_position :]
        *ended, rest = lines
        self.value = rest + after
        self.cursor_position = len(rest)
        texts = [line for line in [before + ended[0], *ended[1:]] if line.strip()]
        if texts and self.enter_texts is not None:
            self.enter_texts(texts)


class QuickAdd(Horizontal):
    DEFAULT_CSS = """
    QuickAdd {
        height: 1;
        margin-top: 1;
    }
    QuickAdd .quick-label {
        width: 5;
        color: $accent;
    }
    QuickAdd #quick-text {
        width: 1fr;
    }
    QuickAdd #quick-team {
        width: 16;
        margin-left: 1;
    }
    """
    BINDINGS = [Binding("escape", "close", "Done adding", id="quick_add.close")]

    class Closed(Message):
        pass

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.teams: list[str] = list(TEAMS)
        self.return_to: Widget | None = None  # what had focus when the line opened
        # Set by the screen: saves what was typed, in the handler of the key that ended it.
        self.save_entries: Callable[[list[str], str], None] | None = None

    def compose(self) -> ComposeResult:
        yield Static("Add:", classes="quick-label")
        yield LineInput(
            placeholder="type what was said, enter saves", id="quick-text", compact=True
        )
        yield Select(
            [(Text(t), t) for t in TEAMS], allow_blank=False, id="quick-team", compact=True
        )

    def on_mount(self) -> None:
        line = self.query_one(LineInput)
        line.close_line = self.action_close
        line.enter_texts = self.entered

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
        # Focus now, not after the next refresh as focus() does: keys typed right after
        # `a` are already on their way and belong on the line.
        self.screen.set_focus(self.query_one("#quick-text", Input))

    @property
    def value(self) -> str:
        return self.query_one("#quick-text", Input).value

    def clear(self) -> None:
        self.query_one("#quick-text", Input).value = ""

    @property
    def team(self) -> str:
        value = self.query_one("#quick-team", Select).value
        return value if isinstance(value, str) else ""

    def entered(self, texts: list[str]) -> None:
        if self.save_entries is not None:
            self.save_entries(texts, self.team)

    def action_close(self) -> None:
        """Hide the line and give focus back at once: a key typed right after escape (an
        arrow, say) belongs to the table, not to the line that is going away."""
        self.display = False
        if self.screen.focused is not None and self in self.screen.focused.ancestors:
            self.screen.set_focus(self.return_to)
        self.post_message(self.Closed())
