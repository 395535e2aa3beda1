"""What a section kind may ask of the meeting it is shown in, and what its keys leave
behind between one key and the next.

A kind (screens/sections/) opens forms and the add line, moves the cursor and says things;
it also remembers a little: the team the last entry was about, who voted last, which
sections are sorted by votes, and what its keys did, to undo. The meeting screen hands a
kind this part (a `SectionHost`) rather than itself, so a kind reaches only what is here.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.screen import Screen

from meeting.entries.identity import Me
from meeting.entries.viewer import Viewer
from meeting.foundations.clock import Clock
from meeting.foundations.teams import TEAMS
from meeting.foundations.views import MeetingView, SectionView
from screens.deferred import deferred
from screens.form_fields import Field, FormValues
from screens.forms import EntryForm
from screens.meeting.keys import WRITING_ALONE
from screens.meeting.section_pane import SectionPane
from screens.meeting.writing import Seeing, WritingAlone
from screens.sections import SectionKind, Undo, kind_of
from screens.widgets.quick_add import QuickAdd
from screens.widgets.value_line import ValueLine
from storage.db import Database
from storage.errors import ServerGone

if TYPE_CHECKING:
    from meeting.entries import people
else:
    people = deferred("meeting.entries.people")


class KindHost:
    """The current section's kind at work: its keys, the forms they open, their undo."""

    def __init__(
        self,
        screen: Screen[None],
        db: Database,
        clock: Clock,
        pane: SectionPane,
        *,
        meeting: Callable[[], MeetingView],
        show_section: Callable[..., None],
    ) -> None:
        self.screen = screen
        self.db = db
        self.clock = clock
        self.pane = pane
        self.shown_meeting = meeting  # the meeting as the screen shows it now
        self.show_section = show_section  # (keep_cursor=False, focus_table=True)
        self.last_item_team: dict[str, str] = {}  # per section key: the last entry's team
        self.last_voter = ""  # who the vote form offers first: votes come in runs
        self.ranked: set[int] = set()  # sections shown sorted by votes
        self.known_teams: list[str] = list(TEAMS)  # the add line's teams, as last read
        self.undo_stack: list[Undo] = []
        self.me: str | None = None  # who is at this terminal, if it said: forms offer them
        self.viewer = Viewer()  # what it may see of entries written alone (seen_as)
        self.marked = pane.marked  # entries marked with space, shown by the pane
        self.seen_as(None)

    def seen_as(self, me: Me | None, *parts: Seeing) -> str | None:
        """Who is at this terminal: the forms offer their name (returned), and they, with
        the `parts` that read and save entries, see entries written alone as theirs."""
        self.me = me.name if me is not None else None
        show = functools.partial(self.show_section, keep_cursor=True)
        self.writing = WritingAlone(self.db, me, self.shown_meeting, show, self.say)
        for part in (self, *parts):
            part.viewer = self.writing.viewer
        return self.me

    @property
    def meeting(self) -> MeetingView:
        return self.shown_meeting()

    @property
    def section(self) -> SectionView:
        return self.meeting.current

    @property
    def kind(self) -> SectionKind:
        return kind_of(self.section.kind)

    # ---------------------------------------------------------------- what kinds ask for

    def teams(self) -> list[str]:
        """The teams to offer; with the server away, those read last (the add line opens
        and takes entries all the same)."""
        with contextlib.suppress(ServerGone):
            self.known_teams = people.roster(self.db).teams
        return self.known_teams

    def open_form(
        self,
        title: str,
        fields: list[Field],
        save: Callable[[FormValues], None],
        then: Callable[[], None] | None = None,
    ) -> None:
        known = people.roster(self.db)
        form = EntryForm(title, fields, save, people=known.teams_of, teams=known.teams)
        self.show_form(form, then)

    def show_form(self, form: EntryForm, then: Callable[[], None] | None = None) -> None:
        # The cursor follows the entry, not the row number: an edit can re-sort the list
        # (a review action given a later due date moves down), and the next key (x)
        # must not land on the action that took its place.
        key = self.pane.selected_key()

        def saved(ok: bool | None) -> None:
            if ok:
                self.show_section(keep_cursor=True)
                if key is not None:
                    self.select_key(key)
                if then is not None:
                    then()

        self.screen.app.push_screen(form, saved)

    def open_value_line(
        self,
        label: str,
        value: str,
        save: Callable[[str], None],
        then: Callable[[], None] | None = None,
    ) -> None:
        key = self.pane.selected_key()  # as after a form: the cursor follows the row
        section_id = self.section.id

        def saved() -> None:
            self.show_section(keep_cursor=True)
            if self.section.id != section_id:  # the meeting moved on meanwhile
                return
            if key is not None:
                self.select_key(key)
            if then is not None:
                then()

        self.screen.query_one(ValueLine).open(label, value, save, saved)

    def open_quick_add(self, teams: list[str], team: str) -> None:
        self.screen.query_one(QuickAdd).open(teams, team)

    def cursor_down(self) -> None:
        self.pane.cursor_down()

    def warn(self, text: str) -> None:
        self.screen.notify(text, severity="warning", markup=False)

    def say(self, text: str) -> None:
        self.screen.notify(text, markup=False)

    def select_key(self, key: int) -> None:
        self.pane.select_key(key)

    # ---------------------------------------------------------------- keys, by kind

    def add(self) -> None:
        self.kind.add(self)

    def add_with_details(self) -> None:
        self.kind.add_with_details(self)

    def edit(self) -> None:
        key = self.pane.selected_key()
        if key is None:
            self.kind.add(self)
        else:
            self.kind.edit(self, key)

    def delete(self) -> None:
        key = self.pane.selected_key()
        if key is not None:
            self.keep_undo(self.kind.delete(self, key))

    def section_key(self, method: str, *args: str) -> None:
        """A key of the current kind only (mark, answer, withdraw, edit the metric); the
        writing-alone keys are about the section, not a row: its writing part's."""
        if method in WRITING_ALONE:
            self.writing.key(method)
            return
        key = self.pane.selected_key()
        if key is not None:
            self.keep_undo(getattr(self.kind, method)(self, key, *args))

    def keep_undo(self, undo: Undo | None) -> None:
        if undo is None:
            return
        self.undo_stack.append(undo)
        self.show_section(keep_cursor=True)
        self.screen.refresh_bindings()
        if undo.said:
            self.screen.notify(undo.said, markup=False)

    def undo(self) -> None:
        if not self.undo_stack:
            return
        undo = self.undo_stack.pop()
        undo.run()
        self.show_section(keep_cursor=True)
        self.screen.refresh_bindings()
        self.screen.notify(f"Undid the {undo.what}.", markup=False)
