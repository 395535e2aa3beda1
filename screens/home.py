"""Home: series, recent meetings, what is open; start or resume a meeting in two keys."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Static

from meeting.agenda import home
from meeting.entries.identity import Me
from meeting.foundations.clock import Clock
from meeting.foundations.statuses import MeetingStatus
from meeting.foundations.text import one_line, visible
from screens.cells import cell
from screens.navigation import (
    ChangeWho,
    OpenExport,
    OpenHistory,
    OpenLeads,
    OpenMeeting,
    OpenNumbers,
    OpenPeople,
    OpenQuestions,
    OpenScorecard,
    go,
)
from screens.textual_patches import CoverableScreen
from screens.widgets.fit import fit_cells
from screens.widgets.footer import Footer
from storage.db import Database

RECENT = 50
TEXT = 200  # longest a name gets before the pane's width is considered
SERIES_PANE = 40  # the series pane's width in app.tcss, before the first layout
SCROLLBAR = 2  # each table keeps room for its vertical scrollbar


class HomeScreen(CoverableScreen):
    PALETTE_NAMESPACE = "home"
    BINDINGS = [
        Binding("n", "start_meeting", "Start meeting", id="home.start"),
        Binding("r", "resume", "Resume", id="home.resume"),
        Binding("enter", "open_meeting", "Open", id="home.open", show=False),
        Binding("g", "numbers", "Numbers", id="home.numbers", tooltip="Numbers over time"),
        Binding(
            "l",
            "questions",
            "Lead questions",
            id="home.questions",
            tooltip="Lead questions across meetings",
        ),
        Binding(
            "h", "history", "History", id="home.history", tooltip="Action items across meetings"
        ),
        Binding("L", "leads", "Leads", id="home.leads", tooltip="Leads and the nurture list"),
        Binding(
            "S",
            "scorecard",
            "Scorecard",
            id="home.scorecard",
            tooltip="Both teams' figures by month or quarter, misses first",
        ),
        Binding(
            "P",
            "people",
            "People",
            id="home.people",
            tooltip="People: rename, change team, merge a duplicate",
        ),
        Binding(
            "x",
            "export",
            "Export",
            id="home.export",
            tooltip="Export the highlighted meeting's minutes to Markdown",
        ),
        Binding(
            "w",
            "who",
            "Who you are",
            id="home.who",
            tooltip="Say who you are: your entries and answers are yours, and so is a "
            "meeting you facilitate",
        ),
        Binding("q", "app.quit", "Quit", id="home.quit"),
    ]

    def __init__(
        self, db: Database, clock: Clock, *, me: Me | None = None, asks_who: bool = False
    ) -> None:
        """`me`: who is at this huddle, if known; `asks_who`: a browser, which says who it
        is (w is offered there, and wherever `me` is known)."""
        super().__init__()
        self.db = db
        self.clock = clock
        self.data: home.HomeSummary | None = None
        self.me = me
        self.asks_who = asks_who

    def compose(self) -> ComposeResult:
        yield Static(self.topbar(), id="topbar", markup=False)
        yield Static("Loading…", id="stats", markup=False)
        yield Static("", id="running", markup=False)
        yield Static("", id="headsups", markup=False)
        with Horizontal(id="home-body"):
            with Vertical(id="series-pane"):
                yield Static("Series", classes="pane-title")
                yield DataTable(id="series", cursor_type="row")
            with Vertical(id="meetings-pane"):
                yield Static("Recent meetings (enter opens)", classes="pane-title")
                yield DataTable(id="meetings", cursor_type="row", zebra_stripes=True)
        yield Static("", id="home-hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#meetings", DataTable).focus()

    def topbar(self) -> str:
        you = f" · you are {visible(self.me.name)}" if self.me is not None else ""
        return f"huddle · sales & marketing sync{you}"

    def show_me(self, me: Me) -> None:
        """Someone said who they are (the first screen, or w)."""
        self.me = me
        self.query_one("#topbar", Static).update(self.topbar())
        self.refresh_bindings()  # w comes

    def on_resize(self) -> None:
        if self.data is not None:
            self.call_after_refresh(self.fill_tables)

    def on_screen_resume(self) -> None:
        """Also sent when the screen first shows: load once, and again on each return."""
        if self.data is None:
            # The summary is a handful of indexed counts (about 20 ms on 100,000 actions):
            # reading it before the first frame shows the data with the screen.
            self.show(home.home_summary(self.db, clock=self.clock))
        else:
            self.load()

    @work(thread=True, exclusive=True, group="home-load")
    def load(self) -> None:
        """Coming back from a meeting: refresh off the UI thread."""
        data = home.home_summary(self.db, clock=self.clock)
        self.app.call_from_thread(self.show, data)

    def show(self, data: home.HomeSummary) -> None:
        could_resume = self.data is not None and self.data.running is not None
        self.data = data
        o = data.overview
        self.query_one("#stats", Static).update(
            f"Open actions {o.open_actions:,} · overdue {o.overdue_actions:,}    "
            f"Unanswered lead questions {o.open_questions:,} · overdue {o.overdue_questions:,}    "
            f"Meetings {o.meetings:,}"
        )
        running = self.query_one("#running", Static)
        if data.running:
            running.update(
                f"▶ Running: {visible(data.running.series)} · {data.running.date}"
                " — press r to resume"
            )
        elif data.planned:
            running.update(self.planned_line(data.planned))
        running.display = data.running is not None or bool(data.planned)
        headsups = self.query_one("#headsups", Static)
        headsups.update(self.headsups_line(data.headsups))
        headsups.display = bool(data.headsups)
        self.fill_tables()
        hint = ""
        if not data.recent:
            hint = (
                "No meetings yet. Press n, then enter, to start one. "
                "To look around first: quit and run `huddle demo`."
            )
        self.query_one("#home-hint", Static).update(hint)
        if could_resume != (data.running is not None):
            self.refresh_bindings()  # r (resume) comes or goes

    def fill_tables(self) -> None:
        """Both tables fitted to their panes: names cut with an ellipsis rather than the
        table scrolling sideways. The recent meetings' series goes first when narrow (the
        series table beside it names them), or when they are all of one series."""
        if self.data is None:
            return
        series = self.query_one("#series", DataTable)
        rows = [[cell(n, TEXT), Text(c), Text(str(count))] for n, c, count in self.data.series]
        header = ["Name", "Cadence", "Meetings"]
        pane = self.query_one("#series-pane").size.width or SERIES_PANE
        names = [name for name, _, _ in self.data.series]
        self.fill(series, header, rows, [True, False, False], pane - SCROLLBAR, [], names)
        recent = self.data.recent
        rows = [
            [
                Text(row.date.isoformat()),
                cell(row.series, TEXT),
                Text(row.status, style="bold green" if row.status == MeetingStatus.RUNNING else ""),
                cell(row.facilitator or "", TEXT),
            ]
            for row in recent
        ]
        one_series = len({row.series for row in recent}) <= 1
        width = self.query_one("#meetings-pane").size.width or self.app.size.width - pane
        self.fill(
            self.query_one("#meetings", DataTable),
            ["Date", "Series", "Status", "Facilitator"],
            rows,
            [False, True, False, True],
            width - SCROLLBAR,
            [1],
            [str(row.id) for row in recent],
            vacant=[1] if one_series else [],
        )

    @staticmethod
    def fill(
        table: DataTable[Any],
        header: list[str],
        rows: list[list[Text]],
        flexible: list[bool],
        available: int,
        optional: list[int],
        keys: list[str] | None,
        vacant: list[int] | None = None,
    ) -> None:
        """Refill `table` with the columns that fit, keeping the highlighted row: by its
        key, so a meeting another terminal starts (a new top row) does not move enter or
        `x` onto another meeting; by its place when that row is gone."""
        shown, widths, fitted = fit_cells(header, rows, flexible, available, optional, vacant)
        cursor = table.cursor_row
        was = None
        if keys and 0 <= cursor < table.row_count:
            was = table.coordinate_to_cell_key(Coordinate(cursor, 0)).row_key.value
        table.clear(columns=True)
        for n, i in enumerate(shown):
            table.add_column(header[i], key=header[i], width=widths[n])
        for index, cells in enumerate(fitted):
            table.add_row(*cells, key=keys[index] if keys else None)
        if keys and was in keys:
            cursor = keys.index(was)
        if fitted:
            table.move_cursor(row=min(max(cursor, 0), len(fitted) - 1), animate=False)

    def headsups_line(self, running: list[tuple[str, str, dt.date]]) -> str:
        """What runs now, one line per heads-up, the soonest to end first."""
        shown = [
            f"⚑ {one_line(visible(text), 70)} ({visible(team)}, until {ends:%a %d %b})"
            for text, team, ends in running[:3]
        ]
        if len(running) > 3:
            shown.append(f"  and {len(running) - 3} more: huddle headsup list")
        return "Running now:\n" + "\n".join(shown)

    def planned_line(self, planned: list[tuple[str, dt.date]]) -> str:
        today = [name for name, day in planned if day == self.clock.today()]
        if today:
            return f"Planned for today: {visible(today[0])} — press n, then enter, to start it"
        return "Next: " + ", ".join(f"{visible(name)} · {day:%a %d %b}" for name, day in planned)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resume":
            return self.data is not None and self.data.running is not None
        if action == "who":  # a terminal that did not say who it is stays as it was
            return self.me is not None or self.asks_who
        return True

    def footer_keep(self) -> tuple[str, ...]:
        """Where someone said who they are, a narrow footer keeps the key that changes it."""
        return ("home.who",) if self.me is not None or self.asks_who else ()

    def open_meeting_screen(self, meeting_id: int) -> None:
        go(self, OpenMeeting(meeting_id))

    def action_numbers(self) -> None:
        go(self, OpenNumbers())

    def action_questions(self) -> None:
        go(self, OpenQuestions())

    def action_leads(self) -> None:
        go(self, OpenLeads())

    def action_people(self) -> None:
        go(self, OpenPeople())

    def action_export(self) -> None:
        table = self.query_one("#meetings", DataTable)
        if not table.row_count:
            self.notify("No meetings to export yet.")
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        assert key is not None  # each row of the meetings table has its meeting's id as key
        go(self, OpenExport(int(key)))

    def action_scorecard(self) -> None:
        go(self, OpenScorecard())

    def action_history(self) -> None:
        go(self, OpenHistory())

    def action_resume(self) -> None:
        if self.data and self.data.running:
            self.open_meeting_screen(self.data.running.id)

    def action_open_meeting(self) -> None:
        table = self.query_one("#meetings", DataTable)
        if table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            assert key is not None  # each row of the meetings table has its meeting's id as key
            self.open_meeting_screen(int(key))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "meetings" and event.row_key.value is not None:
            self.open_meeting_screen(int(event.row_key.value))
        elif event.data_table.id == "series" and self.data:
            self.action_start_meeting(self.data.series[event.cursor_row][0])

    def action_start_meeting(self, series: str | None = None) -> None:
        from screens.start_form import start_form  # forms load on first use

        started: list[tuple[int, bool]] = []  # (meeting id, whether it was created now)

        def done(ok: bool | None) -> None:
            if ok and started:
                meeting_id, fresh = started[0]
                if not fresh:  # another terminal started it, maybe since home was drawn
                    self.notify(
                        "This series already has a meeting running: you joined it "
                        "(ctrl+e there ends it, to start another).",
                        markup=False,
                    )
                self.post_message(OpenMeeting(meeting_id, take_attendance=fresh))

        me = self.me.name if self.me is not None else None
        self.app.push_screen(start_form(self.db, self.clock, self.data, series, started, me), done)

    def action_who(self) -> None:
        go(self, ChangeWho())
