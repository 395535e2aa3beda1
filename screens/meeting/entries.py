"""The add line's entries on their way to the database: a busy database makes them wait
on screen, in order, and nothing typed is lost."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen
from textual.widgets import DataTable

from meeting.entries import items
from screens.busy import RETRY_SECONDS, BusyWait
from screens.entry_queue import PendingEntry
from screens.guard import SERVER_RETRY_SECONDS

if TYPE_CHECKING:
    from textual.timer import Timer

    from meeting.foundations.clock import Clock
    from meeting.foundations.views import SectionView
    from screens.entry_queue import EntryQueue
    from storage.db import Database


class EntryQueueing(Screen[None]):
    """The meeting screen's part that saves what is typed on the add line."""

    if TYPE_CHECKING:  # what the meeting screen this is part of provides
        db: Database
        clock: Clock
        last_item_team: dict[str, str]
        busy: BusyWait  # how long entries have waited for a busy database
        pending: EntryQueue  # entries typed but not saved yet, oldest first
        retry_timer: Timer | None
        server_away: bool  # the server could not be reached at the last try
        warned_unsaved: str  # what a warning about unsaved entries was last given for

        @property
        def section(self) -> SectionView: ...
        def after_move_saved(self) -> None: ...
        def show_section(self, keep_cursor: bool = False, focus_table: bool = True) -> None: ...
        def set_text(self, selector: str, text: str) -> None: ...
        def set_display(self, selector: str, shown: bool) -> None: ...

    def take_entries(self, texts: list[str], team: str) -> None:
        """Entries typed on the line under the table join the queue with the section they
        were typed in, and the queue is saved in order. Enter on an empty line retries
        what is waiting."""
        section = self.section
        team = team or "marketing"
        self.last_item_team[section.key] = team
        for text in texts:
            if text.strip():
                self.pending.add(PendingEntry(section.id, section.title, text, team))
        typed = any(text.strip() for text in texts)  # enter on an empty line: try now
        if typed and self.server_away and self.retry_timer is not None:
            self.show_pending()  # it joins the queue; the next try saves it, typing goes on
            return
        self.save_pending()

    def save_pending(self) -> None:
        self.warned_unsaved = ""
        if self.retry_timer is not None:
            self.retry_timer.stop()
            self.retry_timer = None
        self.after_move_saved()
        result = self.pending.flush(self.save_entry)
        if result.saved and any(e.section_id == self.section.id for e in result.saved):
            self.show_section(keep_cursor=True, focus_table=False)
            table = self.query_one("#entries", DataTable)
            table.move_cursor(row=table.row_count - 1)
        if result.refused is not None:
            self.notify(f"{result.error}: {result.refused.text!r}", severity="error", markup=False)
        if result.ended is not None:
            waiting = len(self.pending)
            said = "the entry waiting is" if waiting == 1 else f"the {waiting} entries waiting are"
            self.notify(
                result.ended.on_screen(f"and {said} saved"),
                severity="warning",
                markup=False,
                timeout=10,
            )
        if result.gone:
            self.wait_for_server(result.gone)
        elif self.server_away:  # back: say so once, with what was saved meanwhile
            self.server_away = False
            count = len(result.saved)
            self.notify(
                f"The database server is back: {count} waiting "
                f"{'entry' if count == 1 else 'entries'} saved.",
                markup=False,
            )
        if result.busy:
            self.wait_for_database()
        elif not result.gone:
            self.busy.done()
            if result.error and result.refused is None and result.ended is None:
                self.notify(
                    f"{result.error}. The entries are kept: press enter on the add line "
                    "to try again.",
                    severity="error",
                    markup=False,
                    timeout=10,
                )
        self.show_pending()

    def save_entry(self, entry: PendingEntry) -> None:
        items.add_item(self.db, entry.section_id, entry.text, team=entry.team, clock=self.clock)

    def wait_for_database(self) -> None:
        """Another huddle holds the write lock: try again shortly, for as long as it takes,
        and say so once (and again if it lasts)."""
        if self.retry_timer is not None:
            return  # a retry is already on its way
        if not self.busy.waiting:
            self.busy.start_again()
            self.notify("Waiting for the database: another huddle is writing…", markup=False)
        elif self.busy.out_of_patience():
            self.busy.start_again()
            self.notify(
                "The database is still busy (another huddle is writing). What you typed "
                "waits on screen and is saved as soon as it is free.",
                severity="warning",
                markup=False,
                timeout=10,
            )
        self.retry_timer = self.set_timer(RETRY_SECONDS, self.save_pending)

    def wait_for_server(self, reason: str) -> None:
        """The server is away (stopped, restarting, the network down): say so once, keep
        every entry under the table, and try again every few seconds until it is back."""
        if not self.server_away:
            self.server_away = True
            self.notify(
                f"Cannot reach the database server ({reason}): what you typed waits under "
                "the table and is saved, in order, as soon as it is back.",
                severity="warning",
                markup=False,
                timeout=10,
            )
        if self.retry_timer is None:
            self.retry_timer = self.set_timer(SERVER_RETRY_SECONDS, self.save_pending)

    def show_pending(self) -> None:
        self.set_text("#pending", self.pending.describe())
        self.set_display("#pending", bool(self.pending))

    def holds_unsaved(self, doing: str) -> bool:
        """Entries still waiting for the database keep the facilitator here: leaving would
        lose them. A second try in a row goes anyway, for a database that stays locked."""
        if not self.pending or self.warned_unsaved == doing:
            return False
        self.warned_unsaved = doing
        count = len(self.pending)
        self.notify(
            f"{count} {'entry is' if count == 1 else 'entries are'} still waiting for the "
            f"database. Wait until they are saved, or press the key again to {doing} "
            "without them.",
            severity="warning",
            markup=False,
            timeout=10,
        )
        return True
