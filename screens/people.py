"""People: who is on the list, in which team, and what they have open; rename, move to
another team, merge a duplicate, add someone."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static

from meeting.entries.people import roster
from meeting.entries.people_changes import (
    PersonRow,
    add_person,
    list_people,
    merge_check,
    merge_people,
    rename_person,
    set_team,
)
from meeting.foundations.clock import Clock
from screens.cells import cell
from screens.confirmations import ConfirmScreen
from screens.form_fields import Field, FormValues
from screens.forms import EntryForm
from screens.guard import guarded
from screens.widgets.fit import TableFit
from screens.widgets.footer import Footer
from storage.db import Database

COLUMNS = ("Name", "Team", "Open actions", "Questions to answer")


class PeopleScreen(Screen[None]):
    PALETTE_NAMESPACE = "people"
    BINDINGS = [
        Binding("a", "add", "Add", id="people.add", tooltip="Add someone"),
        Binding("e", "edit", "Edit", id="people.edit", tooltip="Rename, or change team"),
        Binding(
            "m",
            "merge",
            "Merge",
            id="people.merge",
            tooltip="Merge the highlighted person into another (a typo'd duplicate)",
        ),
        Binding("escape", "close", "Back", id="people.back"),
    ]

    def __init__(self, db: Database, clock: Clock) -> None:
        super().__init__()
        self.db = db
        self.clock = clock
        self.rows: list[PersonRow] = []
        self.fit = TableFit(list(COLUMNS), flexible=("Name",), optional=())

    def compose(self) -> ComposeResult:
        yield Static("People", id="topbar", markup=False)
        yield Static("", id="people-state", markup=False)
        yield DataTable(id="people", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#people", DataTable).focus()
        self.load()

    @work(thread=True, exclusive=True, group="people")
    def load(self) -> None:
        rows = list_people(self.db)
        self.app.call_from_thread(self.show, rows)

    def show(self, rows: list[PersonRow]) -> None:
        if not self.is_attached:
            return
        self.rows = rows
        noun = "person" if len(rows) == 1 else "people"
        self.query_one("#people-state", Static).update(f"{len(rows)} {noun}")
        table = self.query_one("#people", DataTable)
        cursor = table.cursor_row
        cells = [
            [
                cell(p.name, 40),
                cell(p.team, 20),
                Text(str(p.open_actions or "")),
                Text(str(p.open_questions or "")),
            ]
            for p in rows
        ]
        width = max(self.app.size.width - 4, 20)
        for person, line in zip(rows, self.fit.start(table, cells, width), strict=True):
            table.add_row(*line, key=person.name)
        if rows:
            table.move_cursor(row=min(cursor, len(rows) - 1))

    def selected(self) -> PersonRow | None:
        if not self.rows:
            return None
        table = self.query_one("#people", DataTable)
        return self.rows[min(max(table.cursor_row, 0), len(self.rows) - 1)]

    def on_data_table_row_selected(self, _event: DataTable.RowSelected) -> None:
        self.action_edit()

    def open_form(
        self, title: str, fields: list[Field], save: Callable[[FormValues], None]
    ) -> None:
        known = roster(self.db)
        form = EntryForm(title, fields, save, people=known.teams_of, teams=known.teams)
        self.app.push_screen(form, self.reload_if_saved)

    def reload_if_saved(self, saved: bool | None) -> None:
        if saved:
            self.load()

    def action_add(self) -> None:
        fields = [
            Field("name", "Name", placeholder="e.g. Priya Nair"),
            Field("team", "Team", kind="choice", choices=roster(self.db).teams, value="sales"),
        ]

        def save(form: FormValues) -> None:
            add_person(self.db, form["name"], form["team"] or "sales")

        self.open_form("Add someone", fields, save)

    def action_edit(self) -> None:
        person = self.selected()
        if person is None:
            return
        fields = [
            Field("name", "Name", value=person.name),
            Field("team", "Team", kind="choice", choices=roster(self.db).teams, value=person.team),
        ]

        def save(form: FormValues) -> None:
            name = person.name
            if form["name"].strip() != name:
                rename_person(self.db, name, form["name"])
                name = form["name"].strip()
            if form["team"] and form["team"] != person.team:
                set_team(self.db, name, form["team"])

        self.open_form(f"Edit: {person.name}", fields, save)

    def action_merge(self) -> None:
        person = self.selected()
        if person is None:
            return
        others = [p.name for p in self.rows if p.name != person.name]
        fields = [
            Field(
                "into",
                f"Merge {person.name} into (everything of theirs follows; → accepts)",
                suggestions=others,
                placeholder="the right person's name",
            )
        ]

        chosen: list[tuple[str, str, int]] = []

        def check(form: FormValues) -> None:
            chosen.append(merge_check(self.db, person.name, form["into"]))

        def confirm(ok: bool | None) -> None:
            if not ok or not chosen:
                return
            gone, kept, moving = chosen[-1]
            noun = "action item" if moving == 1 else "action items"
            self.app.push_screen(
                ConfirmScreen(
                    f"Merge {gone} into {kept}?",
                    f"{gone}'s {moving} {noun}, questions, entries and meetings become "
                    f"{kept}'s, and {gone} leaves the list. This cannot be undone.",
                ),
                lambda yes: self.merge(gone, kept) if yes else None,
            )

        known = roster(self.db)
        form = EntryForm(
            f"Merge {person.name}", fields, check, people=known.teams_of, teams=known.teams
        )
        self.app.push_screen(form, confirm)

    @guarded
    def merge(self, gone: str, kept: str) -> None:
        moved = merge_people(self.db, gone, kept, clock=self.clock)
        noun = "action item" if moved == 1 else "action items"
        self.notify(f"Merged {gone} into {kept} ({moved} {noun} moved)", markup=False)
        self.load()

    def action_close(self) -> None:
        self.dismiss(None)
