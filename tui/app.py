"""The Textual App: stylesheet, global keys, command palette, and the first screen."""

from __future__ import annotations

import gc
from collections.abc import Mapping
from contextlib import suppress
from pathlib import Path
from typing import Any

from textual import events, on
from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.worker import WorkerFailed as TextualWorkerFailed

from meeting.entries.identity import Me, browser_id, chosen_by
from meeting.foundations.clock import Clock, clock_from_env, use_team_zone
from screens.damaged import WorkerFailed
from screens.deferred import load_deferred
from screens.guard import REFUSED, guarded, tell
from screens.home import HomeScreen
from screens.navigation import (
    ChangeWho,
    FirstFrame,
    MeetingEnded,
    OpenExport,
    OpenHistory,
    OpenLeads,
    OpenMeeting,
    OpenNumbers,
    OpenPeople,
    OpenQuestions,
    OpenScorecard,
)
from screens.textual_patches import close_messages_now, record_error
from screens.time_up import TimeUp
from storage.db import Database
from tui.commands import ScreenCommands
from tui.keys_in_order import KeysInOrder, Probe
from tui.personal import mailing_of, settings_at_start
from tui.terminal import guard

guard()  # no text a widget draws can reach the terminal as a control sequence

HELP = Path(__file__).with_name("help.md")
WARM_UP_AFTER = 0.3  # seconds after the first frame: home's footer is drawn by then

# Keys on home that only look (History, Leads, lead questions, help), leave, or open a meeting
# (each loads it once its first frame is painted) do not need the ORM; nor keys typed on other
# screens (a filter).
LOOKING_KEYS = frozenset({"h", "L", "l", "question_mark", "f1", "q", "ctrl+q", "escape", "enter"})


class HuddleApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "huddle"
    COMMANDS = App.COMMANDS | {ScreenCommands}
    BINDINGS = [
        Binding("f1,question_mark", "help", "Help", id="app.help"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", show=False),
    ]

    def __init__(
        self,
        db: Database,
        *,
        clock: Clock | None = None,
        meeting_id: int | None = None,
        me: Me | None = None,
        browser: str | None = None,
    ) -> None:
        """`me`: who is at this huddle (`--as`); `browser`: the id `huddle serve` gives the
        browser this app runs for, which is asked who it is the first time."""
        super().__init__()
        self.db = db
        self.clock = clock or clock_from_env(runs=True)
        with suppress(Exception):  # an unreadable database is shown by the first screen
            use_team_zone(db)  # every date on screen is on the team's calendar
        self.start_meeting_id = meeting_id
        personal, self.settings_notices = settings_at_start()  # the personal settings file
        self.time_up = TimeUp(bell=personal.bell)  # a section's time running out, rung once
        self.send_to, self.smtp_config = personal.send_to(), personal.smtp()
        self.me = me
        self.browser = browser_id(browser)  # anything else is a terminal
        if me is None and self.browser is not None:
            with suppress(Exception):  # unreadable: asked, and the choice says what is wrong
                self.me = chosen_by(db, self.browser)
        self.frozen = False  # start-up objects kept out of the garbage collector's passes
        self.damage_shown = False
        self.preloading = False
        self.crash_report = ""  # an unexpected error, in one line (tui.crash)
        self.keys_in_order = KeysInOrder(self, self.hand_on)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.Paste) and not event.is_forwarded:
            if not self.keys_in_order.must_wait(event):
                await self.hand_on(event)
            return
        await super().on_event(event)

    async def hand_on(self, event: events.Key | events.Paste) -> None:
        """A key (or a paste) to the widget with focus, once the keys before it settled."""
        if isinstance(event, events.Key):
            event.sent_to = self.focused  # type: ignore[attr-defined]  # our own mark on Textual's Key
            if event.key not in LOOKING_KEYS and isinstance(self.screen, HomeScreen):
                self.load_orm()
        await super().on_event(event)
        self.keys_in_order.handed_on()

    async def on_probe(self, probe: Probe) -> None:
        await self.keys_in_order.returned(probe)

    async def on_key(self, event: events.Key) -> None:
        if self.keys_in_order.refocused(event):
            event.prevent_default()  # App's own handler would run its bindings here
            return
        # A key the screen keeps from its bindings (the meeting's refusals of facilitator keys).
        refuse_key = getattr(self.screen, "refuse_key", None)
        if refuse_key is not None and refuse_key(event.key):
            event.prevent_default()
        # otherwise Textual goes on to App's own handler (bindings), as for every key

    async def run_action(
        self,
        action: Any,
        default_namespace: DOMNode | None = None,
        namespaces: Mapping[str, DOMNode] | None = None,
    ) -> bool:
        """Every key's action, on every screen: a refusal (the server gone, a busy or
        read-only database, a bad value) is said in one line and the screen goes on."""
        try:
            return await super().run_action(action, default_namespace, namespaces)
        except REFUSED as exc:
            tell(self, exc)
            return True

    def _handle_exception(self, error: Exception) -> None:
        """A database found damaged mid-way (a corrupted page, an I/O error) ends on a
        screen that says so and what to do, not on a traceback. A screen's read in the
        background that the database refused (the server gone) is said in one line. Any
        other error ends the app with one line naming a log file (tui.crash): never a
        traceback with its local variables, a password among them, on the terminal.
        Textual has no public hook for this (screens.textual_patches)."""
        if self.report_damage(error):
            return
        cause = error.error if isinstance(error, TextualWorkerFailed) else error
        if isinstance(error, TextualWorkerFailed) and isinstance(cause, REFUSED):
            tell(self, cause)  # a worker is not a screen's message loop: the app goes on
            return
        from tui.crash import crash_line, secrets_of

        record_error(self, error)  # exit code 1; what run_test raises again, for a test to see
        self.bell()
        # Said by run_app once the terminal is given back: a line Rich would cut at the
        # terminal's width, and the log file's path must be whole.
        self.crash_report = crash_line(cause, secrets_of(self.db.url))
        close_messages_now(self)

    def on_worker_failed(self, message: WorkerFailed) -> None:
        """A screen's worker that may fail quietly (the history pages) still reports a
        damaged database."""
        self.report_damage(message.error)

    def report_damage(self, error: BaseException) -> bool:
        """Show the damaged-database screen for `error` if that is what it means."""
        damage = database_damage(error)
        if damage is None:
            return False
        if not self.damage_shown:
            from screens.damaged import DamagedScreen
            from storage.db import shown_url
            from storage.files import damaged

            self.damage_shown = True
            message = damaged(shown_url(self.db.url), damage)
            self.call_later(self.push_screen, DamagedScreen(message))
        return True

    def get_default_screen(self) -> HomeScreen:
        """Home is the bottom of the stack: no blank screen to compose first."""
        return HomeScreen(self.db, self.clock, me=self.me, asks_who=self.browser is not None)

    def on_mount(self) -> None:
        for notice in [*self.db.notices, *self.settings_notices]:  # db's also on stderr
            self.notify(notice, severity="warning", markup=False, timeout=15)
        if self.me is None and self.browser is not None:
            self.ask_who(first=True)  # nothing can be done in a browser as nobody
        elif self.start_meeting_id is not None:
            self.on_open_meeting(OpenMeeting(self.start_meeting_id))

    def on_change_who(self, _message: ChangeWho) -> None:
        self.ask_who(first=False)

    def ask_who(self, *, first: bool) -> None:
        """Who are you? A browser's first screen (escape there quits: nothing can be done
        as nobody), and w on home. A browser's answer is kept for its next visits."""
        from meeting.entries.identity import add_me, me_named, remember_browser
        from meeting.entries.people import roster
        from screens.pick_person import Picked, PickPerson

        def choose(picked: Picked) -> Me:
            if picked.team is not None:
                me = add_me(self.db, picked.name, picked.team)
            else:
                me = me_named(self.db, picked.name)
            if self.browser is not None:
                remember_browser(self.db, self.browser, me, clock=self.clock)
            return me

        def chosen(me: Me | None) -> None:
            if me is None:
                if first:
                    self.exit()
                return
            self.me = me
            for screen in self.screen_stack:
                if isinstance(screen, HomeScreen):
                    screen.show_me(me)
            if first and self.start_meeting_id is not None:
                self.on_open_meeting(OpenMeeting(self.start_meeting_id))

        known = roster(self.db)
        kept = "this browser" if self.browser is not None else "this huddle, until it quits"
        picker = PickPerson(
            "Who are you?",
            known.teams_of,
            choose,
            detail=f"Your entries, votes and answers are recorded as yours. Kept for {kept}; "
            "w on home changes it.",
            teams=known.teams,
            escape_does="quits" if first else "cancels",
        )
        self.push_screen(picker, chosen)

    # ------------------------------------------------------------ where screens lead
    # Screens post these messages (screens/navigation.py); only here is a screen built.

    def on_open_meeting(self, message: OpenMeeting) -> None:
        from screens.meeting import MeetingScreen

        screen = MeetingScreen(self.db, self.clock, message, self.me)
        if message.replace:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def on_meeting_ended(self, message: MeetingEnded) -> None:
        from screens.summary import SummaryScreen

        mailing = mailing_of(self.send_to, self.smtp_config, self.me.name if self.me else None)
        self.switch_screen(SummaryScreen(self.db, self.clock, message.meeting_id, mailing))

    def on_open_numbers(self, message: OpenNumbers) -> None:
        from screens.numbers import NumbersScreen

        self.push_screen(NumbersScreen(self.db, self.clock, message.series_id))

    def on_open_questions(self, _message: OpenQuestions) -> None:
        from screens.questions import QuestionsScreen

        self.push_screen(QuestionsScreen(self.db, self.clock, me=self.me.name if self.me else None))

    def on_open_leads(self, _message: OpenLeads) -> None:
        from screens.leads import LeadsScreen

        self.push_screen(LeadsScreen(self.db, self.clock, me=self.me.name if self.me else None))

    def on_open_people(self, _message: OpenPeople) -> None:
        from screens.people import PeopleScreen

        self.push_screen(PeopleScreen(self.db, self.clock))

    def on_open_scorecard(self, _message: OpenScorecard) -> None:
        from screens.scorecard import ScorecardScreen

        self.push_screen(ScorecardScreen(self.db, self.clock))

    def on_open_history(self, _message: OpenHistory) -> None:
        from screens.history import HistoryScreen

        self.push_screen(HistoryScreen(self.db, self.clock))

    def on_open_export(self, message: OpenExport) -> None:
        """The export form, then where the file went; in a browser (`huddle serve`) the
        file goes to the browser's downloads, since the server's disk is not the reader's."""
        from screens.export_form import export_form

        if self.is_web:
            self.deliver_minutes(message.meeting_id)
            return
        written: list[Path] = []

        def done(ok: bool | None) -> None:
            if ok and written:
                self.notify(f"Minutes written to {written[0]}", markup=False)

        self.push_screen(export_form(self.db, self.clock, message.meeting_id, written), done)

    @guarded
    def deliver_minutes(self, meeting_id: int) -> None:
        import io

        from meeting.reports.file_names import meeting_file_name
        from meeting.reports.minutes import minutes_markdown

        name = meeting_file_name(self.db, meeting_id)
        text = minutes_markdown(self.db, meeting_id, today=self.clock.today())
        self.deliver_text(io.StringIO(text), save_filename=name, mime_type="text/markdown")
        self.notify(f"Minutes sent to your browser as {name}", markup=False)

    def on_ready(self) -> None:
        """What start-up loaded lives as long as the app: keep it out of the collector's way,
        so a full collection during a meeting walks only what came after (a keystroke would
        otherwise wait about 100 ms behind one)."""
        gc.freeze()
        self.frozen = True
        self.set_timer(WARM_UP_AFTER, self.warm_up)

    def warm_up(self) -> None:
        """The meeting screen's own modules (no ORM, under 1 MiB), imported while home is
        being read: `enter` then builds the screen without importing it (20-40 ms). History's
        too made no difference the runner could see."""
        self.run_worker(warm_up_imports, thread=True, group="preload", exit_on_error=False)

    @on(FirstFrame)  # a meeting is on screen, read without the ORM; or a key heading there
    def load_orm(self, _message: FirstFrame | None = None) -> None:
        if not self.preloading:
            import sqlalchemy.orm  # noqa: F401  (half imported in a thread, it breaks Core reads)

            self.preloading = True
            self.run_worker(self.preload, thread=True, group="preload", exit_on_error=False)

    def preload(self) -> None:
        """The ORM, for screens read without it (storage.tables): a key that needs it sooner
        waits for this import (screens/deferred.py), keys kept in order."""
        import screens.meeting  # noqa: F401  (it names the modules load_deferred imports)

        load_deferred()
        if self.frozen:  # not once the app has ended (tests run many apps in one process)
            gc.freeze()

    def on_unmount(self) -> None:
        self.frozen = False
        gc.unfreeze()

    def action_help(self) -> None:
        from screens.help import HelpScreen  # the Markdown widget is slow to import

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(HELP.read_text(encoding="utf-8")))


def warm_up_imports() -> None:
    import screens.meeting  # noqa: F401  (only to have it imported)


def database_damage(error: BaseException) -> BaseException | None:
    """The SQLite error behind `error` when it means the file itself is unusable."""
    import sqlite3

    cause = getattr(error, "error", None) or error  # a worker's failure wraps it
    cause = getattr(cause, "orig", None) or cause
    if not isinstance(cause, sqlite3.DatabaseError):
        return None
    if isinstance(cause, sqlite3.IntegrityError):
        return None  # a rule of ours, not damage
    text = str(cause).lower()
    if any(word in text for word in ("malformed", "not a database", "disk i/o", "corrupt")):
        return cause
    return None
