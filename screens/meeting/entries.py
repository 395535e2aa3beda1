"""The add line's entries on their way to the database: a busy database makes them wait
on screen, in order, and nothing typed is lost.

The queue itself (screens/entry_queue.py) knows nothing of screens; this part owns the
retries around it (a busy database, a server away), says each of them once, and keeps the
facilitator from leaving while something typed is still unsaved. A move between sections
the database refused waits on the same retries: the screen hands in what to save first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.screen import Screen
from textual.timer import Timer

from meeting.entries.viewer import Viewer
from meeting.foundations.clock import Clock
from meeting.foundations.views import SectionView
from screens.busy import RETRY_SECONDS, BusyWait
from screens.deferred import deferred
from screens.entry_queue import EntryQueue, PendingEntry
from screens.guard import SERVER_RETRY_SECONDS
from screens.meeting.texts import ShownTexts
from storage.db import Database

if TYPE_CHECKING:
    from meeting.entries import items
else:
    items = deferred("meeting.entries.items")


class AddLine:
    """The entries typed but not saved yet, and the retries that save them."""

    def __init__(
        self,
        screen: Screen[None],
        db: Database,
        clock: Clock,
        texts: ShownTexts,
        *,
        save_first: Callable[[], None],
        saved: Callable[[list[PendingEntry]], None],
    ) -> None:
        self.screen = screen
        self.db = db
        self.clock = clock
        self.texts = texts
        self.save_first = save_first  # what else waits for the database (a move), saved first
        self.saved = saved  # told which entries the database has just taken
        self.busy = BusyWait()  # how long entries have waited for a busy database
        self.pending = EntryQueue()  # entries typed but not saved yet, oldest first
        self.retry_timer: Timer | None = None
        self.server_away = False  # the server could not be reached at the last try
        self.warned_unsaved = ""  # what a warning about unsaved entries was last given for
        self.author: str | None = None  # who types here, if this terminal said
        self.viewer = Viewer()  # the entries saved here are this viewer's to see (the screen says)

    def take(self, section: SectionView, texts: list[str], team: str) -> None:
        """Entries typed on the line under the table join the queue with the section they
        were typed in, and the queue is saved in order. Enter on an empty line retries
        what is waiting."""
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
        self.save_first()
        result = self.pending.flush(self.save_entry)
        if result.saved:
            self.saved(result.saved)
        if result.refused is not None:
            self.screen.notify(
                f"{result.error}: {result.refused.text!r}", severity="error", markup=False
            )
        if result.ended is not None:
            waiting = len(self.pending)
            said = "the entry waiting is" if waiting == 1 else f"the {waiting} entries waiting are"
            self.screen.notify(
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
            self.screen.notify(
                f"The database server is back: {count} waiting "
                f"{'entry' if count == 1 else 'entries'} saved.",
                markup=False,
            )
        if result.busy:
            self.wait_for_database()
        elif not result.gone:
            self.busy.done()
            if result.error and result.refused is None and result.ended is None:
                self.screen.notify(
                    f"{result.error}. The entries are kept: press enter on the add line "
                    "to try again.",
                    severity="error",
                    markup=False,
                    timeout=10,
                )
        self.show_pending()

    def save_entry(self, entry: PendingEntry) -> None:
        self.viewer.wrote.add(  # written here: seen here, also where no author is kept
            items.add_item(
                self.db,
                entry.section_id,
                entry.text,
                team=entry.team,
                author=self.author,
                clock=self.clock,
            )
        )

    def wait_for_database(self) -> None:
        """Another huddle holds the write lock: try again shortly, for as long as it takes,
        and say so once (and again if it lasts)."""
        if self.retry_timer is not None:
            return  # a retry is already on its way
        if not self.busy.waiting:
            self.busy.start_again()
            self.screen.notify("Waiting for the database: another huddle is writing…", markup=False)
        elif self.busy.out_of_patience():
            self.busy.start_again()
            self.screen.notify(
                "The database is still busy (another huddle is writing). What you typed "
                "waits on screen and is saved as soon as it is free.",
                severity="warning",
                markup=False,
                timeout=10,
            )
        self.retry_timer = self.screen.set_timer(RETRY_SECONDS, self.save_pending)

    def wait_for_server(self, reason: str) -> None:
        """The server is away (stopped, restarting, the network down): say so once, keep
        every entry under the table, and try again every few seconds until it is back."""
        if not self.server_away:
            self.server_away = True
            self.screen.notify(
                f"Cannot reach the database server ({reason}): what you typed waits under "
                "the table and is saved, in order, as soon as it is back.",
                severity="warning",
                markup=False,
                timeout=10,
            )
        if self.retry_timer is None:
            self.retry_timer = self.screen.set_timer(SERVER_RETRY_SECONDS, self.save_pending)

    def show_pending(self) -> None:
        self.texts.set("#pending", self.pending.describe())
        self.texts.display("#pending", bool(self.pending))

    def holds_unsaved(self, doing: str) -> bool:
        """Entries still waiting for the database keep the facilitator here: leaving would
        lose them. A second try in a row goes anyway, for a database that stays locked."""
        if not self.pending or self.warned_unsaved == doing:
            return False
        self.warned_unsaved = doing
        count = len(self.pending)
        self.screen.notify(
            f"{count} {'entry is' if count == 1 else 'entries are'} still waiting for the "
            f"database. Wait until they are saved, or press the key again to {doing} "
            "without them.",
            severity="warning",
            markup=False,
            timeout=10,
        )
        return True
