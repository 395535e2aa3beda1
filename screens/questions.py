"""Lead questions across meetings: filter by state, assignee, asker, lead and overdue;
answer or withdraw from here; figures per assignee underneath."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.widgets import Checkbox, DataTable, Input, Select, Static

from meeting.entries import question_figures
from meeting.entries.question_rows import QuestionRow, names_to_choose, question_rows
from meeting.foundations.clock import Clock
from meeting.foundations.errors import HuddleError
from meeting.foundations.number_format import format_share
from meeting.foundations.statuses import QuestionStatus
from screens.cells import cell
from screens.deferred import deferred
from screens.guard import guarded, tell
from screens.navigation import FirstFrame
from screens.question_forms import answer_form
from screens.widgets.fit import TableFit
from screens.widgets.footer import Footer
from screens.widgets.ticks import TickBox
from storage.db import Database
from storage.errors import DatabaseError

if TYPE_CHECKING:
    from meeting.entries import questions
else:
    questions = deferred("meeting.entries.questions")  # the ORM: names matched, answers given

STATES = tuple(QuestionStatus)


@dataclass
class Filters:
    status: str | None = QuestionStatus.OPEN
    assignee: str | None = None
    asked_by: str | None = None
    lead: str | None = None
    overdue: bool = False

    def describe(self) -> str:
        parts = [f"state {self.status or 'any'}"]
        parts += [
            f"{k} {v}"
            for k, v in (
                ("assignee", self.assignee),
                ("asked by", self.asked_by),
                ("lead", self.lead),
            )
            if v
        ]
        if self.overdue:
            parts.append("overdue only")
        return "Showing: " + ", ".join(parts)


COLUMNS = (
    "#",
    "Lead",
    "Question",
    "Asked by",
    "Assigned",
    "Due",
    "Age",
    "Carried",
    "State",
    "Answer",
)


class QuestionsScreen(Screen[None]):
    PALETTE_NAMESPACE = "questions"
    BINDINGS = [
        Binding(
            "r",
            "answer",
            "Answer",
            id="questions.answer",
            tooltip="Answer the highlighted question",
        ),
        Binding(
            "w",
            "withdraw",
            "Withdraw",
            id="questions.withdraw",
            tooltip="Withdraw the highlighted question",
        ),
        Binding(
            "o",
            "toggle_overdue",
            "Overdue",
            id="questions.overdue",
            tooltip="Show only overdue questions, or all",
        ),
        Binding("c", "clear", "Clear filters", id="questions.clear"),
        Binding("escape", "close", "Back", id="questions.back"),
    ]

    def __init__(self, db: Database, clock: Clock, *, me: str | None = None) -> None:
        """`me`: who is at this huddle, if it said: answers given here are theirs."""
        super().__init__()
        self.db = db
        self.clock = clock
        self.me = me
        self.filters = Filters()
        self.rows: list[QuestionRow] = []
        self.painted = False
        self.asked = 0  # reads asked for
        self.answered = 0  # the last of them whose rows (or refusal) came back
        self.fitted_for = 0  # the width the columns were chosen for
        self.fit = TableFit(
            list(COLUMNS),
            flexible=("Lead", "Question", "Asked by", "Assigned", "Answer"),
            optional=("Carried", "Answer", "Asked by", "Age"),
        )

    def compose(self) -> ComposeResult:
        yield Static("Lead questions", id="topbar", markup=False)
        with Horizontal(id="question-filters"):
            yield Select(
                [(Text(s), s) for s in STATES],
                value=QuestionStatus.OPEN,
                prompt="any state",
                id="filter-state",
                compact=True,
            )
            yield Select([], prompt="any assignee", id="filter-assignee", compact=True)
            yield Select([], prompt="anyone asking", id="filter-asker", compact=True)
            yield Input(placeholder="lead (enter filters)", id="filter-lead", compact=True)
            yield TickBox("overdue", id="filter-overdue", compact=True)
        yield Static("", id="filter-state-line", markup=False)
        with Vertical(id="questions-body"):
            yield DataTable(id="questions", cursor_type="row", zebra_stripes=True)
            yield Static("", id="question-detail", markup=False)
            yield Static("Per assignee", classes="pane-title")
            yield DataTable(id="figures", cursor_type="none", show_cursor=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#questions", DataTable)
        self.fit.start(table, [], self.table_width())
        figures = self.query_one("#figures", DataTable)
        figures.add_columns(
            "Assignee",
            "Open",
            "Overdue",
            "Answered",
            "Median days to answer",
            "Answered by due date",
        )
        table.focus()
        self.load()
        self.load_choices()

    @work(thread=True, group="question-choices", exit_on_error=False)
    def load_choices(self) -> None:
        """Who the filters offer, and the leads the lead filter suggests."""
        names, leads = names_to_choose(self.db)
        self.app.call_from_thread(self.show_choices, names, leads)

    def show_choices(self, names: list[str], leads: list[str]) -> None:
        if not self.is_attached:
            return
        people = [(Text(name), name) for name in names]
        self.query_one("#filter-assignee", Select).set_options(people)
        self.query_one("#filter-asker", Select).set_options(people)
        self.query_one("#filter-lead", Input).suggester = SuggestFromList(
            leads, case_sensitive=False
        )

    # ---------------------------------------------------------------- filters

    def on_select_changed(self, event: Select.Changed) -> None:
        value = event.value if isinstance(event.value, str) else None
        if event.select.id == "filter-state":
            self.filters.status = value
        elif event.select.id == "filter-assignee":
            self.filters.assignee = value
        elif event.select.id == "filter-asker":
            self.filters.asked_by = value
        self.load()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.filters.lead = event.value.strip() or None
        self.query_one("#questions", DataTable).focus()
        self.load()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self.filters.overdue = event.value
        self.load()

    def action_toggle_overdue(self) -> None:
        box = self.query_one("#filter-overdue", Checkbox)
        box.value = not box.value

    def action_clear(self) -> None:
        self.query_one("#filter-state", Select).clear()
        self.query_one("#filter-assignee", Select).clear()
        self.query_one("#filter-asker", Select).clear()
        self.query_one("#filter-lead", Input).value = ""
        self.query_one("#filter-overdue", Checkbox).value = False
        self.filters = Filters(status=None)
        self.load()

    # ---------------------------------------------------------------- data

    @property
    def rows_coming(self) -> bool:
        """Rows asked for are on their way: keys typed meanwhile wait for them
        (tui/keys_in_order.py)."""
        return self.answered != self.asked

    def load(self) -> None:
        self.asked += 1  # an earlier read still on its way is dropped when it comes
        self.read_rows(self.asked)

    @work(thread=True, exclusive=True, group="questions")
    def read_rows(self, asked: int) -> None:
        today = self.clock.today()
        try:
            try:
                rows, error = self.rows_of(self.filters, today), ""
            except HuddleError as exc:  # a name nobody has: said on the state line
                rows, error = [], str(exc)
            figures = question_figures.question_figures(question_rows(self.db), today)
        except DatabaseError as exc:  # the server away, say: said once, and the keys go on
            self.app.call_from_thread(self.refused, exc, asked)
            return
        self.app.call_from_thread(self.show, rows, figures, error, asked)

    def rows_of(self, filters: Filters, today: dt.date) -> list[QuestionRow]:
        if filters.assignee or filters.asked_by or filters.lead:  # names to match
            return questions.list_questions(
                self.db,
                today=today,
                status=filters.status,
                assignee=filters.assignee,
                asked_by=filters.asked_by,
                lead=filters.lead,
                overdue=filters.overdue,
            )
        # The first frame among them: read without the ORM.
        overdue_on = today if filters.overdue else None
        return question_rows(self.db, status=filters.status, overdue_on=overdue_on)

    def refused(self, exc: DatabaseError, asked: int) -> None:
        if asked == self.asked and self.is_attached:
            self.answered = asked
            line = self.query_one("#filter-state-line", Static)
            line.update(" ".join(str(exc).split()))
            line.set_class(True, "-error")
            tell(self, exc)

    @staticmethod
    def cells(q: QuestionRow, today: dt.date) -> list[Text]:
        overdue = q.is_overdue(today)
        state = q.outcome if q.status == QuestionStatus.ANSWERED else q.status
        return [
            Text(str(q.id)),
            cell(q.lead, 60),
            cell(q.text, 200),
            cell(q.asked_by or "", 60),
            cell(q.assignee, 60),
            Text(q.due.isoformat() if q.due else "–", style="bold red" if overdue else ""),
            Text(f"{q.age_days(today)}d"),
            Text(f"{q.carried}×" if q.carried else ""),
            Text(state or "", style="green" if q.status == QuestionStatus.ANSWERED else ""),
            cell(q.answer or "", 200),
        ]

    def table_width(self) -> int:
        return max(self.app.size.width - 6, 20)  # less padding and the scrollbar

    def on_resize(self) -> None:
        if self.rows and self.table_width() != self.fitted_for:
            self.load()

    def show(
        self,
        rows: list[QuestionRow],
        figures: list[question_figures.AssigneeFigures],
        error: str,
        asked: int,
    ) -> None:
        if asked != self.asked or not self.is_attached:
            return  # asked for again since, or closed
        self.rows = rows
        self.answered = asked
        if not self.painted:  # read without the ORM: the App loads it now, in the background
            self.painted = True
            self.call_after_refresh(self.post_message, FirstFrame())
        today = self.clock.today()
        line = self.query_one("#filter-state-line", Static)
        noun = "question" if len(rows) == 1 else "questions"
        line.update(error or f"{self.filters.describe()} · {len(rows)} {noun}")
        line.set_class(bool(error), "-error")
        table = self.query_one("#questions", DataTable)
        cursor = table.cursor_row
        self.fitted_for = self.table_width()
        lines = self.fit.start(table, [self.cells(q, today) for q in rows], self.fitted_for)
        for q, line_cells in zip(rows, lines, strict=True):
            table.add_row(*line_cells, key=str(q.id))
        if rows:
            table.move_cursor(row=min(cursor, len(rows) - 1))
        figure_table = self.query_one("#figures", DataTable)
        figure_table.clear()
        for f in figures:
            figure_table.add_row(
                cell(f.assignee, 20),
                Text(str(f.open)),
                Text(str(f.overdue), style="bold red" if f.overdue else ""),
                Text(str(f.answered)),
                Text("" if f.median_days_to_answer is None else f"{f.median_days_to_answer}d"),
                Text(format_share(f.answered_by_due)),
            )
        self.show_detail()

    def selected(self) -> QuestionRow | None:
        table = self.query_one("#questions", DataTable)
        if not self.rows:
            return None
        return self.rows[min(table.cursor_row, len(self.rows) - 1)]

    def show_detail(self) -> None:
        from meeting.foundations.text import visible

        row = self.selected()
        detail = ""
        if row is not None:
            asker = visible(row.asker)
            detail = f"{visible(row.text)}\n— {visible(row.lead)}, asked by {asker}"
            if row.answer:
                detail += f"\nAnswer ({row.outcome}): {visible(row.answer)}"
        self.query_one("#question-detail", Static).update(detail)

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    # ---------------------------------------------------------------- actions

    def action_answer(self) -> None:
        row = self.selected()
        if row is None:
            return
        form = answer_form(self.db, self.clock, row.id, meeting_id=None, by=self.me)
        if isinstance(form, str):
            self.notify(form, severity="warning", markup=False)
            return
        self.app.push_screen(form, self.reload_if_saved)

    @guarded
    def action_withdraw(self) -> None:
        row = self.selected()
        if row is None:
            return
        try:
            questions.withdraw_question(self.db, row.id)
        except HuddleError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        self.notify(f"Question {row.id} withdrawn.")
        self.load()

    def action_close(self) -> None:
        self.dismiss(None)

    def reload_if_saved(self, saved: bool | None) -> None:
        if saved:
            self.load()
