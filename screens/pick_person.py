"""Pick a person from the list: who you are (a browser's first screen, and `w` on home),
and whom a meeting is handed to (`H`). Type to filter, arrows to choose, enter picks.

Adding oneself is offered only for who you are, and only as options that say so ("Add
“Zed” to sales"), shown once a name is typed that nobody has: enter on an empty field never
adds anyone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from meeting.foundations.text import visible
from screens.guard import REFUSED
from screens.widgets.text_input import TextInput

Result = TypeVar("Result")


@dataclass(frozen=True)
class Picked:
    """A name from the list, or a new person (`team` set) to add."""

    name: str
    team: str | None = None


class PickPerson(ModalScreen[Result | None]):
    """The list of people to pick from; `choose` turns the pick into the result (and may
    refuse it, in one line, the picker staying open). Escape gives None."""

    DEFAULT_CSS = """
    PickPerson { align: center middle; }
    PickPerson #pick-filter { margin: 1 0; background: $boost; }
    PickPerson OptionList { height: auto; max-height: 12; border: none; padding: 0; }
    PickPerson #pick-empty { color: $text-muted; }
    PickPerson #pick-error { color: $error; text-style: bold; height: auto; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="pick.cancel"),
        Binding("down", "move(1)", "Down", show=False, id="pick.down"),
        Binding("up", "move(-1)", "Up", show=False, id="pick.up"),
    ]

    def __init__(
        self,
        title: str,
        people: dict[str, str],
        choose: Callable[[Picked], Result],
        *,
        detail: str = "",
        teams: list[str] | None = None,
        escape_does: str = "cancels",
    ) -> None:
        """`people`: name -> team, in the order shown. `teams`: someone new may add
        themselves to one of these (None: only the list)."""
        super().__init__()
        self.title_text = title
        self.people = people
        self.choose = choose
        self.detail = detail
        self.teams = teams
        self.escape_does = escape_does
        self.shown: list[Picked] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box"):
            yield Static(self.title_text, id="form-title", markup=False)
            if self.detail:
                yield Static(self.detail, markup=False)
            yield TextInput(placeholder="type to filter", id="pick-filter", compact=True)
            yield OptionList(id="pick-list")
            yield Static("", id="pick-empty", markup=False)
            yield Static("", id="pick-error", markup=False)
            yield Static(
                f"type to filter · ↑↓ choose · enter picks · escape {self.escape_does}",
                id="form-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        self.query_one("#pick-list", OptionList).can_focus = False  # typing stays in the filter
        self.fill("")
        self.say("")
        self.query_one("#pick-filter", Input).focus()

    def options(self, typed: str) -> list[Picked]:
        """The people whose name holds what is typed; and, for someone new, adding them."""
        wanted = typed.strip().lower()
        found = [Picked(name) for name in self.people if wanted in name.lower()]
        if self.teams and wanted and wanted not in {name.lower() for name in self.people}:
            found += [Picked(typed.strip(), team) for team in self.teams]
        return found

    def fill(self, typed: str) -> None:
        self.shown = self.options(typed)
        listed = self.query_one("#pick-list", OptionList)
        listed.clear_options()
        listed.add_options([Option(self.label(p)) for p in self.shown])
        listed.display = bool(self.shown)
        if self.shown:
            listed.highlighted = 0
        empty = ""
        if not self.shown:
            empty = "Nobody matches." if self.people else "Nobody is on the list yet."
            if self.teams:
                empty += " Type your name to add yourself."
        self.query_one("#pick-empty", Static).update(empty)
        self.query_one("#pick-empty", Static).display = bool(empty)

    def label(self, picked: Picked) -> Text:
        if picked.team is not None:
            return Text(f"+ Add “{visible(picked.name)}” to {visible(picked.team)}")
        return Text(f"{visible(picked.name)}  ({visible(self.people[picked.name])})")

    def on_input_changed(self, event: Input.Changed) -> None:
        self.say("")
        self.fill(event.value)

    def action_move(self, step: int) -> None:
        listed = self.query_one("#pick-list", OptionList)
        if self.shown:
            at = listed.highlighted if listed.highlighted is not None else -step
            listed.highlighted = max(0, min(len(self.shown) - 1, at + step))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.pick(self.query_one("#pick-list", OptionList).highlighted)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.pick(event.option_index)

    def pick(self, index: int | None) -> None:
        if index is None or not 0 <= index < len(self.shown):
            self.app.bell()  # nothing highlighted: nothing is picked, nobody is added
            return
        try:
            result = self.choose(self.shown[index])
        except REFUSED as exc:
            self.say(" ".join(str(exc).split()))
            return
        self.dismiss(result)

    def say(self, error: str) -> None:
        said = self.query_one("#pick-error", Static)
        said.update(error)
        said.display = bool(error)

    def action_cancel(self) -> None:
        self.dismiss(None)
