"""The floor for huddle's interactive scenarios: a bare Textual app reading the same
database with SQLAlchemy Core and plain SQL, showing what huddle shows on each key.

    python bare_app.py home DB       home figures; enter opens the latest meeting, l the open
                                     lead questions, h the action-item history (/ filters)
    python bare_app.py meeting DB [METRIC...]
                                     a section of 200 entries (a adds one) and six numbers
                                     and any METRIC more (enter types a value), saved as
                                     they are typed

No ORM, no domain layer, no stylesheet: only the queries and the widgets a person sees.
"""

from __future__ import annotations

import datetime as dt
import sys

from sqlalchemy import create_engine, event, text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Input, Static

TODAY = dt.date.today().isoformat()

HOME = {
    "meetings": "SELECT count(*) FROM meeting",
    "recent": "SELECT m.id, m.date, s.name, m.status, p.name FROM meeting m"
    " JOIN series s ON s.id = m.series_id LEFT JOIN person p ON p.id = m.facilitator_id"
    " ORDER BY m.date DESC, m.id DESC LIMIT 50",
    "series": "SELECT s.name, s.cadence, count(m.id) FROM series s"
    " LEFT JOIN meeting m ON m.series_id = s.id GROUP BY s.id ORDER BY s.name",
    "actions": "SELECT sum(status = 'open'), sum(status = 'open' AND due < :today)"
    " FROM actionitem WHERE deleted_at IS NULL",
    "questions": "SELECT sum(status = 'open'), sum(status = 'open' AND due < :today)"
    " FROM leadquestion WHERE deleted_at IS NULL",
}
SECTIONS = "SELECT position, title FROM section WHERE meeting_id = :id ORDER BY position"
MEETING_ACTIONS = (
    "SELECT a.text, p.name, p.team, a.due, a.status FROM actionitem a"
    " JOIN person p ON p.id = a.owner_id WHERE a.meeting_id = :id AND a.deleted_at IS NULL"
)
QUESTIONS = (
    "SELECT q.id, l.name, q.text, asker.name, who.name, q.due, q.status FROM leadquestion q"
    " JOIN lead l ON l.id = q.lead_id JOIN person who ON who.id = q.assignee_id"
    " LEFT JOIN person asker ON asker.id = q.asked_by_id"
    " WHERE q.status = 'open' AND q.deleted_at IS NULL ORDER BY q.due, q.id"
)
PAGE = (
    "SELECT a.id, a.text, p.name, p.team, a.due, a.status, m.date,"
    " (SELECT count(*) FROM actionevent e WHERE e.action_id = a.id AND e.kind = 'carried')"
    " FROM actionitem a JOIN person p ON p.id = a.owner_id JOIN series s ON s.id = a.series_id"
    " LEFT JOIN meeting m ON m.id = a.meeting_id WHERE a.deleted_at IS NULL {owner}"
    " ORDER BY a.due, a.id LIMIT 100"
)
FIGURES = (
    "SELECT a.owner_id, count(*), sum(a.status = 'open'),"
    " sum(a.status = 'open' AND a.due < :today), sum(a.status = 'done'),"
    " sum(a.status = 'done' AND (a.due IS NULL OR date(substr(a.closed_at, 1, 19)) <= a.due)),"
    " sum(a.status = 'dropped') FROM actionitem a WHERE a.deleted_at IS NULL {owner}"
    " GROUP BY a.owner_id"
)
MEDIANS = (
    "SELECT key, avg(days) FROM (SELECT key, days,"
    " row_number() OVER (PARTITION BY key ORDER BY days) AS rank,"
    " count(*) OVER (PARTITION BY key) AS n FROM (SELECT a.owner_id AS key,"
    " julianday(a.closed_at) - julianday(a.created_at) AS days FROM actionitem a"
    " WHERE a.deleted_at IS NULL AND a.status = 'done' AND a.closed_at IS NOT NULL {owner}))"
    " WHERE rank IN ((n + 1) / 2, (n + 2) / 2) GROUP BY key"
)
BY_OWNER = "AND a.owner_id = (SELECT id FROM person WHERE lower(name) = lower(:owner))"


def engine_for(path: str):  # type: ignore[no-untyped-def]
    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def durable(conn, _record):  # type: ignore[no-untyped-def]
        conn.isolation_level = None
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")

    return engine


class MeetingView(Screen[None]):
    BINDINGS = [Binding("escape", "app.pop_screen", "Home"), Binding("R", "noop", "Reopen")]

    def __init__(self, title: str, sections: list, rows: list) -> None:  # type: ignore[type-arg]
        super().__init__()
        self.heading, self.sections, self.rows = title, sections, rows

    def compose(self) -> ComposeResult:
        yield Static(self.heading)
        yield Static("\n".join(f"  {n} {title}" for n, title in self.sections))
        yield DataTable()
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Action", "Owner", "Team", "Due", "Status")
        table.add_rows([tuple(map(str, row)) for row in self.rows])

    def action_noop(self) -> None:
        pass


class QuestionsView(Screen[None]):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back"), Binding("r", "noop", "Answer")]

    def __init__(self, rows: list) -> None:  # type: ignore[type-arg]
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        yield Static(f"Showing: state open · {len(self.rows)} questions")
        yield DataTable()
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("#", "Lead", "Question", "Asked by", "Assigned", "Due", "State")
        table.add_rows([tuple(map(str, row)) for row in self.rows])

    def action_noop(self) -> None:
        pass


class HistoryView(Screen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("slash", "filter", "Filters"),
        Binding("d", "noop", "Done"),
    ]

    def __init__(self, engine) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.engine = engine
        self.owner = ""
        self.shown = 0

    def compose(self) -> ComposeResult:
        yield Static("Action items across meetings")
        yield Input(placeholder="owner")
        yield Static("", id="state")
        yield DataTable(id="page")
        yield DataTable(id="figures")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#page", DataTable).add_columns(
            "#", "Action", "Owner", "Team", "Due", "Status", "Made in", "Carried"
        )
        self.query_one("#page", DataTable).focus()
        self.load()

    def load(self) -> None:
        self.load_page(self.owner)
        self.load_figures(self.owner)

    @work(thread=True, exclusive=True, group="page")
    def load_page(self, owner: str) -> None:
        params = {"owner": owner}
        with self.engine.connect() as conn:
            rows = conn.execute(text(PAGE.format(owner=BY_OWNER if owner else "")), params).all()
        self.app.call_from_thread(self.show_page, owner, rows)

    @work(thread=True, exclusive=True, group="figures")
    def load_figures(self, owner: str) -> None:
        params = {"owner": owner, "today": TODAY}
        where = BY_OWNER if owner else ""
        with self.engine.connect() as conn:
            names = dict(conn.execute(text("SELECT id, name FROM person")).all())
            counts = conn.execute(text(FIGURES.format(owner=where)), params).all()
            medians = dict(conn.execute(text(MEDIANS.format(owner=where)), params).all())
        self.app.call_from_thread(self.show_figures, owner, names, counts, medians)

    def show_page(self, owner: str, rows: list) -> None:  # type: ignore[type-arg]
        table = self.query_one("#page", DataTable)
        table.clear()
        table.add_rows([tuple(map(str, row)) for row in rows])
        self.shown = len(rows)
        described = f"owner {owner}" if owner else "none"
        self.query_one("#state", Static).update(f"Filters: {described} · {len(rows)} of … items")

    def show_figures(self, owner: str, names: dict, counts: list, medians: dict) -> None:  # type: ignore[type-arg]
        table = self.query_one("#figures", DataTable)
        table.clear(columns=True)
        table.add_columns(
            "Owner", "Open", "Overdue", "On time", "Late", "Dropped", "Done", "Median"
        )
        total = 0
        for key, count, open_, overdue, done, timely, dropped in counts:
            total += count
            median = medians.get(key)
            shown = f"{median:.1f}d" if median else ""
            table.add_row(names[key], open_, overdue, timely, done - timely, dropped, done, shown)
        described = f"owner {owner}" if owner else "none"
        self.query_one("#state", Static).update(
            f"Filters: {described} · {self.shown} of {total:,} items"
        )

    def action_filter(self) -> None:
        self.set_focus(self.query_one(Input))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.owner = event.value.strip()
        self.query_one("#page", DataTable).focus()
        self.load()

    def action_noop(self) -> None:
        pass


class Home(App[None]):
    CSS = (
        "#series { height: auto; max-height: 8; } #recent { height: 1fr; }"
        " #page { height: 1fr; } #figures { height: 12; } QuestionsView DataTable,"
        " MeetingView DataTable { height: 1fr; }"
    )
    BINDINGS = [
        Binding("n", "noop", "Start meeting"),
        Binding("r", "noop", "Resume"),
        Binding("enter", "open", "Open", show=False),
        Binding("l", "questions", "Lead questions"),
        Binding("h", "history", "History"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, path: str) -> None:
        super().__init__()
        self.engine = engine_for(path)

    def compose(self) -> ComposeResult:
        yield Static("", id="overview")
        yield DataTable(id="series")
        yield DataTable(id="recent", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        with self.engine.connect() as conn:
            found = {
                name: conn.execute(text(sql), {"today": TODAY}).all() for name, sql in HOME.items()
            }
        (open_a, overdue_a), (open_q, overdue_q) = found["actions"][0], found["questions"][0]
        self.query_one("#overview", Static).update(
            f"Open actions {open_a or 0:,} · overdue {overdue_a or 0:,}    Unanswered lead "
            f"questions {open_q or 0:,} · overdue {overdue_q or 0:,}    "
            f"Meetings {found['meetings'][0][0]:,}"
        )
        series = self.query_one("#series", DataTable)
        series.add_columns("Name", "Cadence", "Meetings")
        series.add_rows([tuple(map(str, row)) for row in found["series"]])
        recent = self.query_one("#recent", DataTable)
        recent.add_columns("Date", "Series", "Status", "Facilitator")
        self.recent = found["recent"]
        recent.add_rows([tuple(map(str, row[1:])) for row in self.recent])
        recent.focus()

    def action_open(self) -> None:
        meeting_id, date, series, status, facilitator = self.recent[0]
        with self.engine.connect() as conn:
            sections = conn.execute(text(SECTIONS), {"id": meeting_id}).all()
            rows = conn.execute(text(MEETING_ACTIONS), {"id": meeting_id}).all()
        title = f"{series} · {date} · {status} · facilitator {facilitator}"
        self.push_screen(MeetingView(title, sections, rows))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "recent":
            self.action_open()

    def action_questions(self) -> None:
        with self.engine.connect() as conn:
            rows = conn.execute(text(QUESTIONS)).all()
        self.push_screen(QuestionsView(rows))

    def action_history(self) -> None:
        self.push_screen(HistoryView(self.engine))

    def action_noop(self) -> None:
        pass


class ValueForm(ModalScreen[str]):
    def __init__(self, metric: str) -> None:
        super().__init__()
        self.metric = metric

    def compose(self) -> ComposeResult:
        yield Static(f"{self.metric} this period (empty clears it)")
        yield Input(placeholder="a number")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)


class Meeting(App[None]):
    """A section of entries with an add line, and a table of numbers, both saved at once."""

    CSS = (
        "#add-line { height: 1; } #add-line Static { width: auto; } #add { width: 1fr; }"
        " DataTable { height: 1fr; }"
    )

    BINDINGS = [
        Binding("a", "add", "Add"),
        Binding("2", "numbers", "Numbers"),
        Binding("4", "entries", "What's broken"),
        Binding("escape", "leave", "Close", show=False),
    ]

    def __init__(self, path: str, extra: list[str]) -> None:
        super().__init__()
        self.extra = extra
        self.engine = engine_for(path)
        with self.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA journal_mode = WAL")
            conn.exec_driver_sql(
                "CREATE TABLE IF NOT EXISTS entry (id INTEGER PRIMARY KEY, text TEXT, team TEXT)"
            )
            conn.exec_driver_sql(
                "CREATE TABLE IF NOT EXISTS number (metric TEXT PRIMARY KEY, value REAL)"
            )
            self.entries = conn.exec_driver_sql("SELECT text, team FROM entry").all()

    def compose(self) -> ComposeResult:
        yield Static("4. What's broken", id="title")
        yield DataTable(id="entries")
        yield DataTable(id="numbers", cursor_type="row")
        with Horizontal(id="add-line"):
            yield Static("Add: ")
            yield Input(placeholder="type what was said", id="add", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        entries = self.query_one("#entries", DataTable)
        entries.add_columns("About", "Entry")
        entries.add_rows([(team, entry) for entry, team in self.entries])
        numbers = self.query_one("#numbers", DataTable)
        numbers.add_column("Metric")
        numbers.add_column("Value", key="value")
        for metric in ("Leads", "MQLs", "SQLs", "Demos", "Closed-won", "Revenue", *self.extra):
            numbers.add_row(metric, "–", key=metric)
        numbers.display = False
        entries.focus()

    def action_add(self) -> None:
        self.query_one("#add", Input).focus()

    def action_leave(self) -> None:
        self.query_one("#entries").focus()

    def action_numbers(self) -> None:
        self.query_one("#title", Static).update("2. Numbers")
        self.query_one("#entries").display = False
        self.query_one("#numbers").display = True
        self.query_one("#numbers").focus()

    def action_entries(self) -> None:
        self.query_one("#title", Static).update("4. What's broken")
        self.query_one("#numbers").display = False
        self.query_one("#entries").display = True

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "add":
            return
        with self.engine.begin() as conn:
            conn.execute(
                text("INSERT INTO entry (text, team) VALUES (:text, 'sales')"),
                {"text": event.value},
            )
        table = self.query_one("#entries", DataTable)
        table.add_row("sales", event.value)
        table.move_cursor(row=table.row_count - 1)
        event.input.value = ""

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id != "numbers":
            return
        metric = str(event.row_key.value)

        def save(value: str | None) -> None:
            if not value:
                return
            with self.engine.begin() as conn:
                conn.execute(
                    text("INSERT OR REPLACE INTO number (metric, value) VALUES (:m, :v)"),
                    {"m": metric, "v": float(value)},
                )
            table = self.query_one("#numbers", DataTable)
            table.update_cell(metric, "value", value)
            table.move_cursor(row=table.cursor_row + 1)

        self.push_screen(ValueForm(metric), save)


if __name__ == "__main__":
    mode, database = sys.argv[1], sys.argv[2]
    if mode == "home":
        Home(database).run()
    else:
        Meeting(database, sys.argv[3:]).run()
