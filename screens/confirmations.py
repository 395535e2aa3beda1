"""The questions a form asks before it saves: yes or no, and which text to keep when
someone saved the same entry in another terminal meanwhile."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from meeting.foundations.errors import ChangedMeanwhile
from meeting.foundations.text import visible


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question before something is added, removed or ended: only y says yes.
    Enter says no, like n and escape: it is what a fast typist presses next (a name
    typed, enter to save, enter again), and a typo must not become a person that way."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,enter,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__(classes="confirm")
        self.question = question
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box"):
            yield Static(self.question, id="form-title", markup=False)
            if self.detail:
                yield Static(self.detail, markup=False)
            yield Static("y: yes    n / enter / escape: no", id="form-hint", markup=False)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


@contextmanager
def edit_over(seen: dict[str, str]) -> Iterator[None]:
    """Around an edit's save: when someone saved another text meanwhile, a later "save
    mine" counts theirs as seen (`seen["text"]`, what the edit passes as `was`)."""
    try:
        yield
    except ChangedMeanwhile as exc:
        theirs = exc.theirs
        exc.accept_theirs_as_seen = lambda: seen.update(text=theirs)
        raise


class ChangedScreen(ModalScreen[str | None]):
    """Both texts of an entry edited in two terminals at once, to choose from."""

    BINDINGS = [
        Binding("m", "choose('mine')", "Save mine", id="changed.mine"),
        Binding("t", "choose('theirs')", "Keep theirs", id="changed.theirs"),
        Binding("escape", "choose(None)", "Back to editing", id="changed.back"),
    ]

    def __init__(self, theirs: str, mine: str) -> None:
        super().__init__(classes="confirm")
        self.theirs = theirs
        self.mine = mine

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box"):
            yield Static("Changed in another terminal meanwhile", id="form-title", markup=False)
            yield Static(Text("Theirs, saved: ") + Text(visible(self.theirs), style="bold"))
            yield Static(Text("Yours, not saved: ") + Text(visible(self.mine), style="bold"))
            yield Static(
                "m: save yours over theirs    t: keep theirs    escape: back to editing",
                id="form-hint",
                markup=False,
            )

    def action_choose(self, choice: str | None) -> None:
        self.dismiss(choice)
