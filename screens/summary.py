"""Shown when a meeting ends: how the time went and what it produced."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static

from meeting.agenda.meetings import reopen_meeting
from meeting.foundations.clock import Clock
from meeting.foundations.errors import HuddleError
from meeting.foundations.text import counted, visible
from meeting.reports.emailing import EmailPlan, plan_email, send_email
from meeting.reports.mail import SmtpSettings
from meeting.reports.posting import ChatPlan, plan_chat, post_summary
from meeting.reports.summary import summarise
from screens.cells import cell
from screens.confirmations import ConfirmScreen
from screens.guard import guarded, tell
from screens.navigation import OpenExport, OpenMeeting, go
from screens.widgets.agenda import clock_text
from screens.widgets.footer import Footer
from storage.db import Database


@dataclass
class Mailing:
    """Whom this person emails the minutes to from here (`huddle config set send_minutes`),
    and through which server; `problem` says why there is none."""

    wanted: list[str] = field(default_factory=list)
    settings: SmtpSettings | None = None
    problem: str = ""
    by: str | None = None


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
        Binding(
            "s",
            "send",
            "Email minutes",
            id="summary.send",
            tooltip="Email the minutes to those the line above names (asks first)",
        ),
    ]

    def __init__(
        self, db: Database, clock: Clock, meeting_id: int, mailing: Mailing | None = None
    ) -> None:
        super().__init__()
        self.db = db
        self.clock = clock
        self.meeting_id = meeting_id
        self.summary = summarise(db, meeting_id)  # read once, before the layout
        self.mailing = mailing or Mailing()
        self.plan: EmailPlan | None = None
        self.chat: ChatPlan | None = None
        self.mail_line = "\n".join(line for line in (self.read_plan(), self.read_chat()) if line)

    def read_chat(self) -> str:
        """Whether `s` posts the summary to the series' chat: its webhook set, not yet
        posted there."""
        try:
            chat = plan_chat(self.db, self.meeting_id)
        except HuddleError:  # no webhook: the series does not post
            return ""
        if chat.posted_at is not None:
            return f"Chat: the summary is in {visible(chat.series)}'s {chat.service} channel."
        self.chat = chat
        return f"Chat: s posts the summary to {visible(chat.series)}'s {chat.service} channel."

    def read_plan(self) -> str:
        """Who `s` emails the minutes to, said before anything is sent."""
        if not self.mailing.wanted:
            return ""
        try:
            plan = plan_email(self.db, self.meeting_id, self.mailing.wanted, again=False)
        except HuddleError as exc:
            return f"Minutes by email: {exc}"
        said = [f"not {name}: no address" for name in plan.unreachable]
        said += [f"{address} has them" for address, _ in plan.repeated]
        extra = f" ({'; '.join(said)})" if said else ""
        if not plan.going:
            return f"Minutes by email: nobody left to send them to{extra}."
        if self.mailing.settings is None:
            return (
                f"Minutes by email to {visible(plan.names())}{extra}: not set up yet "
                f"({self.mailing.problem})."
            )
        self.plan = plan
        return f"Minutes: s emails them to {visible(plan.names())}{extra}."

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
            if self.mail_line:
                lines.append(self.mail_line)
            yield Static("\n".join(lines), markup=False, id="summary-head")
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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "send":
            return self.plan is not None or self.chat is not None
        return True

    def action_send(self) -> None:
        plan, chat = self.plan, self.chat
        doing = []
        if plan is not None:
            doing.append(f"email the minutes to {visible(plan.names())}")
        if chat is not None:
            doing.append(f"post the summary to {chat.service}")
        if not doing:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.send_now(plan, chat)

        said = " and ".join(doing)
        question = f"{said[:1].upper()}{said[1:]}?"  # names keep their capitals
        self.app.push_screen(ConfirmScreen(question), answered)

    @work(thread=True, exit_on_error=False, group="send-minutes")
    def send_now(self, plan: EmailPlan | None, chat: ChatPlan | None) -> None:
        """Off the UI thread: a mail server or a webhook may take seconds to answer. Each
        is said on its own: one refused does not keep the other from going."""
        by = self.mailing.by
        if plan is not None and self.mailing.settings is not None:
            try:
                taken = send_email(self.db, plan, self.mailing.settings, by=by, clock=self.clock)
                said = f"Minutes sent to {len(taken)} of {len(plan.going)}."
                self.app.call_from_thread(self.sent, said, email=True)
            except HuddleError as exc:
                self.app.call_from_thread(tell, self, exc)
        if chat is not None:
            try:
                post_summary(self.db, chat, by=by, clock=self.clock)
                said = f"Summary posted to {visible(chat.series)}'s {chat.service} channel."
                self.app.call_from_thread(self.sent, said, email=False)
            except HuddleError as exc:
                self.app.call_from_thread(tell, self, exc)

    def sent(self, said: str, *, email: bool) -> None:
        self.notify(said, markup=False)
        # Sent: s again would send again, which is the command line's --again.
        if email:
            self.plan = None
        else:
            self.chat = None
        self.refresh_bindings()

    def action_export(self) -> None:
        go(self, OpenExport(self.meeting_id))

    @guarded
    def action_reopen(self) -> None:
        reopen_meeting(self.db, self.meeting_id, clock=self.clock)
        go(self, OpenMeeting(self.meeting_id, replace=True))

    def action_open_meeting(self) -> None:
        go(self, OpenMeeting(self.meeting_id, replace=True))
