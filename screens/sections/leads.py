"""Lead questions: marketing asks what happened to a lead, sales answers with facts and an
outcome. Open questions come back at every meeting until answered."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding

from meeting.entries.question_rows import QuestionRow
from meeting.foundations.clock import local_day
from meeting.foundations.dates import DATE_HINT, parse_optional_date
from meeting.foundations.errors import HuddleError, MeetingClosed
from meeting.foundations.statuses import QuestionStatus
from meeting.foundations.text import visible
from screens.cells import cell
from screens.deferred import deferred
from screens.form_fields import Field, FieldError, FormValues
from screens.question_forms import answer_form
from screens.sections.base import TEXT, Row, SectionHost, SectionKind, SectionRows, Undo, due_cell

if TYPE_CHECKING:
    from meeting.agenda import between
    from meeting.entries import leads, questions
    from meeting.foundations.views import MeetingView, SectionView
    from storage.db import Database
else:
    between = deferred("meeting.agenda.between")
    leads = deferred("meeting.entries.leads")
    questions = deferred("meeting.entries.questions")


def state_cell(q: QuestionRow, today: dt.date) -> Text:
    if q.status == QuestionStatus.ANSWERED:
        return Text(q.outcome or QuestionStatus.ANSWERED, style="green")
    if q.status == QuestionStatus.WITHDRAWN:
        return Text(QuestionStatus.WITHDRAWN, style="dim")
    carried = f" · {q.carried}×" if q.carried else ""
    style = "bold red" if q.is_overdue(today) else "yellow"
    return Text(f"open {q.age_days(today)}d{carried}", style=style)


def answered_since(q: QuestionRow) -> Text:
    """Answered between meetings: shown first, so the room hears the answer."""
    return Text(f"{q.outcome or 'answered'} · since", style="green")


class LeadQuestions(SectionKind):
    name = "leads"
    keys = frozenset({"add", "edit", "delete", "answer", "withdraw"})
    main_keys = ("meeting.add", "meeting.answer")
    bindings = (
        Binding(
            "r",
            "section('answer')",
            "Answer",
            id="meeting.answer",
            tooltip="Answer the lead question",
        ),
        Binding(
            "w",
            "section('withdraw')",
            "Withdraw",
            id="meeting.withdraw",
            tooltip="Withdraw the lead question",
        ),
    )

    def rows(
        self, db: Database, meeting: MeetingView, section: SectionView, today: dt.date
    ) -> SectionRows:
        rows = []
        since = between.answered_since_last(db, meeting.id)
        shown = {q.id for q in since}
        here = [q for q in questions.questions_for_meeting(db, meeting.id) if q.id not in shown]
        for q in since + here:
            asker, assignee = visible(q.asker), visible(q.assignee)
            detail = f"{visible(q.text)}\n— asked by {asker} of {assignee}"
            if q.id in shown and q.answered_at is not None:
                detail += f"\nAnswered between meetings, on {local_day(q.answered_at):%Y-%m-%d}"
            if q.answer:
                detail += f"\nAnswer ({q.outcome}): {visible(q.answer)}"
            rows.append(
                Row(
                    str(q.id),
                    [
                        cell(q.lead, TEXT),
                        cell(q.text, TEXT),
                        cell(q.asked_by or "", TEXT),
                        cell(q.assignee, TEXT),
                        due_cell(q.due, q.is_overdue(today)),
                        answered_since(q) if q.id in shown else state_cell(q, today),
                        cell(q.answer or "", TEXT),
                    ],
                    detail,
                )
            )
        return SectionRows(
            ["Lead", "Question", "Asked by", "Assigned", "Due", "State", "Answer"],
            rows,
            "No open lead questions. Press a to ask sales about a lead.",
            flexible=("Lead", "Question", "Asked by", "Assigned", "Answer"),
            optional=("Answer", "Asked by"),
        )

    def add(self, host: SectionHost) -> None:
        self.form(host, None)

    def edit(self, host: SectionHost, key: int) -> None:
        self.form(host, key)

    def form(self, host: SectionHost, question_id: int | None) -> None:
        db, clock, meeting = host.db, host.clock, host.meeting
        current = questions.get_question(db, question_id) if question_id else None
        labels = leads.lead_labels(db)
        if current is not None and current.lead not in labels:
            labels.append(current.lead)  # as the question shows it
        if current is None:
            due_text = meeting.next_date.isoformat()
        else:
            due_text = current.due.isoformat() if current.due else ""
        fields = [
            Field(
                "text",
                "Question",
                value=current.text if current else "",
                placeholder="what happened to this lead?",
            ),
            Field(
                "lead",
                "Lead (name, or name (company); → accepts a suggestion)",
                value=current.lead if current else "",
                suggestions=labels,
                known=labels,
                noun="lead",
            ),
            Field(
                "asked_by",
                "Asked by",
                kind="person",
                value=(current.asked_by or "") if current else (host.me or ""),
                default_team="marketing",
            ),
            Field(
                "assignee",
                "Assigned to",
                kind="person",
                value=current.assignee if current else "",
                default_team="sales",
            ),
            Field("due", f"Due ({DATE_HINT})", value=due_text),
        ]

        def save(form: FormValues) -> None:
            if not form["assignee"].strip():
                raise FieldError("assignee", "a question needs someone to answer it (type a name)")
            with form.about("due"):
                due = parse_optional_date(form["due"], clock.today())
            if current is None or due != current.due:
                form.ask_if_past("due", due, clock.today())
            if current is None:
                questions.ask_question(
                    db,
                    series_id=meeting.series_id,
                    meeting_id=meeting.id,
                    text=form["text"],
                    lead=form["lead"],
                    assignee=form["assignee"],
                    asked_by=form["asked_by"] or None,
                    due=due,
                    clock=clock,
                )
            else:
                questions.update_question(
                    db,
                    current.id,
                    text=form["text"],
                    lead=form["lead"],
                    assignee=form["assignee"],
                    asked_by=form["asked_by"] or None,
                    due=due,
                    clock=clock,
                    meeting_id=meeting.id,
                )

        host.open_form("Ask about a lead" if current is None else "Edit question", fields, save)

    def delete(self, host: SectionHost, key: int) -> Undo:
        db, meeting_id = host.db, host.meeting.id
        questions.delete_question(db, key, clock=host.clock, meeting_id=meeting_id)
        return Undo(
            "delete",
            lambda: questions.restore_question(db, key, meeting_id=meeting_id),
            "Deleted. Press u to undo.",
        )

    def answer(self, host: SectionHost, key: int) -> None:
        form = answer_form(host.db, host.clock, key, meeting_id=host.meeting.id, by=host.me)
        if isinstance(form, str):
            host.warn(form)
        else:
            host.show_form(form)

    def withdraw(self, host: SectionHost, key: int) -> Undo | None:
        db, meeting_id = host.db, host.meeting.id
        try:
            questions.withdraw_question(db, key, meeting_id=meeting_id)
        except MeetingClosed:
            raise  # the screen names its reopen key
        except HuddleError as exc:
            host.warn(str(exc))
            return None
        return Undo("withdrawal", lambda: questions.reopen_question(db, key, meeting_id=meeting_id))
