"""Who is here: marked at the start of a meeting and any time from its agenda. Each mark
is saved the moment it is made."""

from __future__ import annotations

import contextlib

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import SelectionList, Static
from textual.widgets.selection_list import Selection

from meeting.agenda.attendance import Presence, mark_present, presence, start_from_last_time
from meeting.foundations.errors import HuddleError, MeetingClosed
from meeting.foundations.text import visible
from screens.widgets.ticks import TickList
from storage.db import Database
from storage.errors import DatabaseError


class AttendanceScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    AttendanceScreen { align: center middle; }
    AttendanceScreen SelectionList { height: auto; max-height: 20; }
    """
    BINDINGS = [Binding("escape,ctrl+s", "close", "Done", id="attendance.done")]

    def __init__(self, db: Database, meeting_id: int, *, from_last_time: bool = False) -> None:
        """`from_last_time`: a meeting just started, so who came last time starts ticked."""
        super().__init__()
        self.db = db
        self.meeting_id = meeting_id
        self.carried: list[str] = []
        if from_last_time:
            with contextlib.suppress(DatabaseError):  # a busy database: tick by hand
                self.carried = start_from_last_time(db, meeting_id)
        self.people: list[Presence] = presence(db, meeting_id)

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box"):
            yield Static("Who is here?", id="form-title", markup=False)
            if not self.people:
                yield Static(
                    "Nobody is on the list yet: add people with P on home, or huddle people add.",
                    markup=False,
                )
            yield TickList(
                *(
                    Selection(Text(f"{visible(p.name)}  ({visible(p.team)})"), p.name, p.present)
                    for p in self.people
                ),
                id="attendance",
            )
            if self.carried:
                yield Static(
                    "Ticked: who came last time. Untick who is missing.",
                    id="attendance-carried",
                    markup=False,
                )
            yield Static(
                "space / enter: present or not (saved at once)    escape: done",
                id="form-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        self.update_title()

    def update_title(self) -> None:
        here = len(self.query_one(SelectionList).selected)
        self.query_one("#form-title", Static).update(
            f"Who is here? {here} of {len(self.people)} marked present"
        )

    def on_selection_list_selection_toggled(
        self, event: SelectionList.SelectionToggled[str]
    ) -> None:
        listed = event.selection_list
        name = event.selection.value
        present = name in listed.selected
        try:
            mark_present(self.db, self.meeting_id, name, present)
        except (HuddleError, DatabaseError) as exc:
            with listed.prevent(SelectionList.SelectionToggled):
                listed.toggle(name)  # the screen shows what the database holds
            said = f"{exc} (press the key again to retry)"
            if isinstance(exc, MeetingClosed):  # ended in another terminal meanwhile
                said = exc.on_screen()
            self.notify(said, severity="error", markup=False)
        self.update_title()

    def action_close(self) -> None:
        self.dismiss(None)
