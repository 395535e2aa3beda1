"""What every section kind has: a table of rows, and the keys it answers to.

A kind is one class in one file of this package. The meeting screen asks the current
section's kind for its rows and hands it the keys, so adding a kind (agreements, a retro
column with votes) touches no other file than this package's registry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Protocol

from rich.text import Text

from meeting.foundations.text import visible

if TYPE_CHECKING:
    from textual.binding import Binding

    from meeting.entries.action_rows import ActionRow
    from meeting.entries.writing import Viewer
    from meeting.foundations.clock import Clock
    from meeting.foundations.views import MeetingView, SectionView
    from screens.form_fields import Field, FormValues
    from screens.forms import EntryForm
    from storage.db import Database

TEXT = 200  # longest a cell gets before the pane's width is considered; the detail shows all

HIT = {True: Text("✓ hit", style="green"), False: Text("✗ miss", style="bold red")}


@dataclass
class Row:
    key: str
    cells: list[Text]
    detail: str  # the whole entry, shown under the table for the highlighted row
    rank: int = 0  # what "sort by votes" orders by, highest first
    under: str = ""  # the key of the row it stays under, sorted or not (an entry's theme)


@dataclass
class SectionRows:
    columns: list[str]
    rows: list[Row]
    empty: str
    note: str = ""  # a line under the table, e.g. the funnel's conversion rates
    flexible: tuple[str, ...] = ()  # typed-text columns that give up width to fit the pane
    optional: tuple[str, ...] = ()  # columns to leave out, in order, when the pane is narrow
    widths: list[int] | None = None  # once fitted to a pane: each column's width
    mark_column: int | None = None  # where a row marked with space shows its mark


@dataclass
class Undo:
    """How to take back what a key just did, and what to tell the facilitator."""

    what: str  # "delete", "withdrawal": said as "Undid the …"
    run: Callable[[], None]
    said: str = ""


class SectionHost(Protocol):
    """What a kind may ask of the meeting it is shown in (screens/meeting/kind_host.py)."""

    db: Database
    clock: Clock
    last_item_team: dict[str, str]  # per section key: the team the last entry was about
    last_voter: str  # who the vote form offers first: votes come in runs from one person
    ranked: set[int]  # sections shown sorted by votes
    me: str | None  # who is at this terminal, if it said: the forms' "who" starts there
    viewer: Viewer  # what this terminal may see of entries written alone, and its own
    marked: set[int]  # entries marked with space, to group (this section's, until it changes)

    @property
    def meeting(self) -> MeetingView: ...

    @property
    def section(self) -> SectionView: ...

    def teams(self) -> list[str]: ...

    def open_form(
        self,
        title: str,
        fields: list[Field],
        save: Callable[[FormValues], None],
        then: Callable[[], None] | None = None,
    ) -> None: ...

    def show_form(self, form: EntryForm, then: Callable[[], None] | None = None) -> None: ...

    def open_value_line(
        self,
        label: str,
        value: str,
        save: Callable[[str], None],
        then: Callable[[], None] | None = None,
    ) -> None: ...

    def open_quick_add(self, teams: list[str], team: str) -> None: ...

    def show_section(self, keep_cursor: bool = False, focus_table: bool = True) -> None: ...

    def cursor_down(self) -> None: ...

    def warn(self, text: str) -> None: ...

    def say(self, text: str) -> None: ...

    def select_key(self, key: int) -> None: ...


class SectionKind:
    """One kind of agenda section. Subclasses set `name` and `keys`, and override what
    their keys do; the screen offers only the keys a kind lists."""

    name: ClassVar[str]
    # Which of the meeting screen's shared actions apply: add, add_with_details, edit, delete.
    keys: ClassVar[frozenset[str]] = frozenset()
    # Keys of this kind only; their action is `section('method', args…)`.
    bindings: ClassVar[tuple[Binding, ...]] = ()
    # The binding ids a narrow footer keeps first, before the screen's general keys;
    # by default adding (where a kind offers it) and the kind's own keys.
    main_keys: ClassVar[tuple[str, ...]] = ()
    # Whether its rows take a value typed on a line under the table (Numbers): the line's
    # room is kept while the section shows, so opening it moves nothing.
    value_line: ClassVar[bool] = False

    def footer_keys(self) -> tuple[str, ...]:
        if self.main_keys:
            return self.main_keys
        add = ("meeting.add",) if "add" in self.keys else ()
        return (*add, *(binding.id for binding in self.bindings if binding.id))

    def rows(
        self, db: Database, meeting: MeetingView, section: SectionView, today: dt.date
    ) -> SectionRows:
        raise NotImplementedError

    def rows_for(
        self,
        db: Database,
        meeting: MeetingView,
        section: SectionView,
        clock: Clock,
        viewer: Viewer,
    ) -> SectionRows:
        """The rows as `viewer` may see them: the same for everyone, but in a kind whose
        entries can be written alone (items)."""
        return self.rows(db, meeting, section, clock.today())

    def offers(self, action: str) -> bool:
        return action in self.keys

    def add(self, host: SectionHost) -> None:
        """`a`, and enter on an empty section."""

    def add_with_details(self, host: SectionHost) -> None:
        """`A`: every field of a new entry."""

    def edit(self, host: SectionHost, key: int) -> None:
        """`e` and enter on the highlighted row."""

    def delete(self, host: SectionHost, key: int) -> Undo | None:
        """Delete: what to call to take it back."""
        return None


def by_rank(rows: list[Row]) -> list[Row]:
    """Highest rank first, ties in the order shown; a row kept `under` another follows it."""
    below: dict[str, list[Row]] = {}
    for row in rows:
        if row.under:
            below.setdefault(row.under, []).append(row)
    tops = sorted((row for row in rows if not row.under), key=lambda row: -row.rank)
    return [shown for top in tops for shown in (top, *below.get(top.key, []))]


def due_cell(due: dt.date | None, overdue: bool) -> Text:
    if due is None:
        return Text("–")
    return Text(due.isoformat(), style="bold red" if overdue else "")


def action_detail(row: ActionRow) -> str:
    due = row.due.isoformat() if row.due else "no due date"
    who = f"{visible(row.owner)} ({visible(row.team)})"
    return f"{visible(row.text)}\n— {who}, due {due}, {row.status}"
