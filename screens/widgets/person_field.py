"""A name typed once and remembered: known names complete, new ones get a team.

The team list takes tab focus whether or not the name is known, so `Priya tab tab`
always lands on the next field; for a known name the list shows the team on record and
does not open (the People screen changes a person's team).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import var
from textual.suggester import SuggestFromList
from textual.widgets import Input, Select

from screens.widgets.choice import Choice
from screens.widgets.text_input import TextInput


class TeamChoice(Choice):
    """The team beside a name: locked to the team on record while the name is known."""

    DEFAULT_CSS = """
    TeamChoice.-locked { opacity: 0.7; }  /* as a disabled list looks */
    """

    locked: var[bool] = var(False, toggle_class="-locked")

    def validate_expanded(self, expanded: bool) -> bool:
        return expanded and not self.locked

    def action_show_overlay(self) -> None:
        if self.locked:
            self.app.bell()
            return
        super().action_show_overlay()


class PersonField(Horizontal):
    """Input with completion of known names, and the person's team beside it.

    For a known name the team shows what is on record; for a new name it is the team
    the person will be remembered with.
    """

    DEFAULT_CSS = """
    PersonField { height: auto; }
    PersonField Input { width: 1fr; }
    PersonField Select { width: 16; margin-left: 1; }
    """

    def __init__(
        self,
        people: dict[str, str],
        teams: list[str],
        *,
        value: str = "",
        default_team: str = "sales",
        placeholder: str = "name",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id, classes="person-field")
        self.people = {name.lower(): (name, team) for name, team in people.items()}
        self.teams = teams if default_team in teams else [*teams, default_team]
        self.default_team = default_team
        self._value = value
        self._placeholder = placeholder

    def compose(self) -> ComposeResult:
        yield TextInput(
            self._value,
            placeholder=self._placeholder,
            suggester=SuggestFromList([n for n, _ in self.people.values()], case_sensitive=False),
            classes="person-name",
            compact=True,
        )
        yield TeamChoice(
            [(Text(team), team) for team in self.teams],
            value=self.default_team,
            allow_blank=False,
            compact=True,
            classes="person-team",
        )

    def on_mount(self) -> None:
        self._sync_team(self._value)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._sync_team(event.value)

    def _sync_team(self, name: str) -> None:
        select = self.query_one(TeamChoice)
        known = self.people.get(name.strip().lower())
        if known is not None:
            team = known[1]
            if team not in self.teams:
                self.teams.append(team)
                select.set_options([(Text(t), t) for t in self.teams])
            select.value = team
        select.locked = known is not None

    @property
    def name_value(self) -> str:
        return self.query_one(Input).value

    @property
    def team_value(self) -> str:
        value = self.query_one(Select).value
        return value if isinstance(value, str) else self.default_team

    def focus(self, scroll_visible: bool = True) -> PersonField:
        self.query_one(Input).focus(scroll_visible)
        return self
