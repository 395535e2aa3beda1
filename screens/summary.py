"""Shown when a meeting ends: how the time went and what it produced."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static

from meeting.agenda.meetings import reopen_meeting
from meeting.foundations.clock import Clock
from meeting.foundations.text import counted, visible
from meeting.reports.summary import summarise
from screens.cells import cell
from screens.guard import guarded
from screens.navigation import OpenExport, OpenMeeting, go
from screens.widgets.agenda import clock_text
from screens.widgets.footer import Footer
from storage.db import Database


class SummaryScreen(Screen[None]):
    PALETTE_NAMESPACE = "summary"
    BINDINGS = [
        Binding("escape,enter,h", "home", "Home", id="summary.home"),
        Binding("o", "open_meeting", "Open meeting", id="summary.open"),
        Binding(
            "R",
            "reopen",
            "Reopen",
            id="summary.reopen",
            tooltip="Run this meeting again, to add what was missed",
        ),
        Binding(
            "x",
            "export",
            "Export minutes",
            id="summary.export",
            tooltip="Export the minutes to Markdown",
        ),
    ]

    def __init__(self, db: Database, clock: Clock, meeting_id: int) -> None:
        super().__init__()
        self.db = db
        self.clock = clock
        self.meeting_id = meeting_id
        self.summary = summarise(db, meeting_id)  # read once, before the layout

    def compose(self) -> ComposeResult:
        summary = self.summary
        yield Static(
            f"Meeting ended · {visible(summary.series)} · {summary.date}", id="topbar", markup=False
        )
        with VerticalScroll(id="summary"):
            lines = [
                f"{counted(summary.minutes, 'minute')}; planned "
                f"{sum(s.timebox_seconds for s in summary.sections) // 60}."
            ]
            if summary.attendees:
                lines.append(
                    "Attendees: "
                    + ", ".join(f"{visible(n)} ({visible(t)})" for n, t in summary.attendees)
                )
            yield Static("\n".join(lines), markup=False)
            timing: DataTable[Text] = DataTable(
                id="summary-sections", cursor_type="none", show_cursor=False
            )
            timing.add_columns("Section", "Entries", "Time", "Timebox")
            for s in summary.sections:
                over = s.elapsed_seconds > s.timebox_seconds
                timing.add_row(
                    cell(s.title),
                    Text(str(s.entries)),
                    Text(clock_text(s.elapsed_seconds), style="bold red" if over else ""),
                    Text(clock_text(s.timebox_seconds)),
                )
            yield timing
            marks = ", ".join(f"{count} {mark}" for mark, count in summary.review_marks.items())
            yield Static(
                f"Review: {marks or 'nothing carried over'}\n"
                f"Numbers: {summary.metrics_recorded} of {summary.metrics_total} metrics recorded\n"
                f"Lead questions: {summary.questions_raised} raised, "
                f"{summary.questions_answered} answered, {summary.questions_open} still open\n"
                f"New action items: {len(summary.new_actions)}",
                markup=False,
            )
            new_actions: DataTable[Text] = DataTable(id="summary-actions", cursor_type="row")
            new_actions.add_columns("Action", "Owner", "Due")
            for a in summary.new_actions:
                new_actions.add_row(
                    cell(a.text), cell(a.owner, 20), Text(a.due.isoformat() if a.due else "–")
                )
            yield new_actions
        yield Footer()

    def action_home(self) -> None:
        self.dismiss(None)

    def action_export(self) -> None:
        go(self, OpenExport(self.meeting_id))

    @guarded
    def action_reopen(self) -> None:
        reopen_meeting(self.db, self.meeting_id, clock=self.clock)
        go(self, OpenMeeting(self.meeting_id, replace=True))

    def action_open_meeting(self) -> None:
        go(self, OpenMeeting(self.meeting_id, replace=True))
