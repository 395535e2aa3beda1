"""Lead questions: raised about a lead, assigned to someone, open until answered."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, func, or_
from sqlalchemy import select as select_columns
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from meeting.entries.leads import find_or_add_lead, resolve_lead
from meeting.entries.people import remember_person, resolve_person
from meeting.entries.question_rows import QuestionRow, question_rows
from meeting.foundations.clock import Clock
from meeting.foundations.ended import refuse_if_ended
from meeting.foundations.errors import AlreadySo, HuddleError
from meeting.foundations.removal import stamp_removed
from meeting.foundations.statuses import Outcome, QuestionStatus
from meeting.foundations.text import one_line
from storage.db import Database
from storage.models import Lead, LeadQuestion, Person, QuestionCarry, stored_id

OUTCOMES = tuple(Outcome)
OUTCOME_HELP = ", ".join(OUTCOMES)


def check_outcome(outcome: str | None) -> str:
    value = (outcome or "").strip().lower()
    if not value:
        raise HuddleError(f"an answer needs an outcome (one of: {OUTCOME_HELP})")
    if value not in OUTCOMES:
        raise HuddleError(f"unknown outcome {outcome!r} (choose one of: {OUTCOME_HELP})")
    return value


def ask_question(
    db: Database,
    *,
    series_id: int,
    meeting_id: int | None,
    text: str,
    lead: str,
    assignee: str,
    asked_by: str | None,
    due: dt.date | None,
    clock: Clock,
    strict: bool = False,
) -> int:
    """Raise a question. `strict` (the CLI) refuses unknown leads and people, offering close
    matches, where the TUI remembers new ones."""
    if not text.strip():
        raise HuddleError("the question is empty (type what you want to know about the lead)")
    with db.write() as session:
        refuse_if_ended(session, meeting_id)
        if strict:
            lead_row = resolve_lead(session, lead)
            assignee_person = resolve_person(session, assignee)
            asker = resolve_person(session, asked_by) if asked_by else None
        else:
            lead_row = find_or_add_lead(session, lead, clock=clock)
            assignee_person = remember_person(session, assignee, "sales")
            asker = remember_person(session, asked_by, "marketing") if asked_by else None
        question = LeadQuestion(
            series_id=series_id,
            meeting_id=meeting_id,
            lead_id=stored_id(lead_row.id),
            text=text,
            asked_by_id=asker.id if asker else None,
            assignee_id=stored_id(assignee_person.id),
            due=due,
            created_at=clock.now(),
        )
        session.add(question)
        session.flush()
        return stored_id(question.id)


def _get(session: Session, question_id: int) -> LeadQuestion:
    question = session.get(LeadQuestion, question_id)
    if question is None or question.deleted_at is not None:
        raise HuddleError(f"no lead question with id {question_id} (try: huddle questions list)")
    return question


def update_question(
    db: Database,
    question_id: int,
    *,
    text: str,
    lead: str,
    assignee: str,
    asked_by: str | None,
    due: dt.date | None,
    clock: Clock,
    meeting_id: int | None = None,
) -> None:
    """`meeting_id`: the meeting it is edited in, if any."""
    if not text.strip():
        raise HuddleError("the question is empty (type what you want to know about the lead)")
    with db.write() as session:
        refuse_if_ended(session, meeting_id)
        question = _get(session, question_id)
        question.text = text
        question.lead_id = stored_id(find_or_add_lead(session, lead, clock=clock).id)
        question.assignee_id = stored_id(remember_person(session, assignee, "sales").id)
        question.asked_by_id = (
            remember_person(session, asked_by, "marketing").id if asked_by else None
        )
        question.due = due


def answer_question(
    db: Database,
    question_id: int,
    *,
    answer: str,
    outcome: str | None,
    meeting_id: int | None = None,
    clock: Clock,
    first_only: bool = False,
    by: str | None = None,
) -> None:
    """`first_only`: an answer already given stands (the CLI; a meeting's `r` changes it),
    checked in the write, so two answers sent at once cannot both land. `by`: who answers,
    when known (someone on the list)."""
    with db.write() as session:
        refuse_if_ended(session, meeting_id)
        question = _get(session, question_id)
        if first_only and question.status == QuestionStatus.ANSWERED:
            raise AlreadySo(
                f"question {question_id} is already answered ({question.outcome}: "
                f"{one_line(question.answer or '', 60)!r}); the first answer stands and "
                "nothing changed (change it in the meeting, on the question with r, or "
                f"`huddle questions reopen {question_id}` first)"
            )
        if question.status == QuestionStatus.WITHDRAWN:
            raise HuddleError(
                f"question {question_id} was withdrawn; it cannot be answered (ask it again)"
            )
        checked = check_outcome(outcome)
        if not answer.strip():
            raise HuddleError("the answer is empty (say what happened to the lead)")
        question.status = QuestionStatus.ANSWERED
        question.answer = answer
        question.outcome = checked
        question.answered_at = clock.now()
        question.answered_meeting_id = meeting_id
        question.answered_by_id = resolve_person(session, by).id if by else None
        lead = session.get(Lead, question.lead_id)
        if lead is not None and checked == Outcome.NURTURE:
            lead.status = Outcome.NURTURE
            lead.updated_at = clock.now()


def reopen_question(db: Database, question_id: int, *, meeting_id: int | None = None) -> None:
    """Take back an answer or a withdrawal: the question is open again."""
    with db.write() as session:
        refuse_if_ended(session, meeting_id)
        question = _get(session, question_id)
        if question.status == QuestionStatus.OPEN:
            raise AlreadySo(f"question {question_id} is already open; nothing changed")
        question.status = QuestionStatus.OPEN
        question.answer = None
        question.outcome = None
        question.answered_at = None
        question.answered_meeting_id = None
        question.answered_by_id = None


def withdraw_question(db: Database, question_id: int, *, meeting_id: int | None = None) -> None:
    """`meeting_id`: the meeting it is withdrawn in, if any."""
    with db.write() as session:
        refuse_if_ended(session, meeting_id)
        question = _get(session, question_id)
        if question.status == QuestionStatus.ANSWERED:
            raise HuddleError(
                f"question {question_id} is already answered; nothing changed (reopen it "
                "first to withdraw it)"
            )
        if question.status == QuestionStatus.WITHDRAWN:
            raise AlreadySo(f"question {question_id} is already withdrawn; nothing changed")
        question.status = QuestionStatus.WITHDRAWN


def delete_question(
    db: Database, question_id: int, *, clock: Clock, meeting_id: int | None = None
) -> None:
    with db.write() as session:
        refuse_if_ended(session, meeting_id)
        _get(session, question_id).deleted_at = clock.now()


def restore_question(db: Database, question_id: int, *, meeting_id: int | None = None) -> None:
    with db.write() as session:
        refuse_if_ended(session, meeting_id)
        stamp_removed(session, LeadQuestion, question_id, None)


def _query() -> Select[Any]:
    asker = aliased(Person)
    assignee = aliased(Person)
    answerer = aliased(Person)
    carried = (
        select(func.count())
        .select_from(QuestionCarry)
        .where(QuestionCarry.question_id == LeadQuestion.id)
        .scalar_subquery()
    )
    return (
        select_columns(
            LeadQuestion,
            col(Lead.name),
            col(Lead.company),
            col(asker.name),
            col(assignee.name),
            carried,
            col(answerer.name),
        )
        .join(Lead, col(Lead.id) == LeadQuestion.lead_id)
        .join(assignee, col(assignee.id) == LeadQuestion.assignee_id)
        .join(asker, col(asker.id) == LeadQuestion.asked_by_id, isouter=True)
        .join(answerer, col(answerer.id) == LeadQuestion.answered_by_id, isouter=True)
        .where(col(LeadQuestion.deleted_at).is_(None))
    )


def _fetch(session: Session, query: Select[Any]) -> Sequence[Any]:
    return session.execute(query).all()


def _rows(session: Session, query: Select[Any]) -> list[QuestionRow]:
    return [
        QuestionRow.of(
            q,
            lead=lead,
            company=company,
            asked_by=asker,
            assignee=assignee,
            carried=carried,
            answered_by=answerer,
        )
        for q, lead, company, asker, assignee, carried, answerer in _fetch(session, query)
    ]


def questions_for_meeting(db: Database, meeting_id: int) -> list[QuestionRow]:
    """Carried-over open questions first (oldest first), then the ones raised here."""
    with db.read() as session:
        carried_here = select(col(QuestionCarry.question_id)).where(
            QuestionCarry.meeting_id == meeting_id
        )
        query = (
            _query()
            .where(
                or_(
                    col(LeadQuestion.id).in_(carried_here),
                    col(LeadQuestion.meeting_id) == meeting_id,
                    col(LeadQuestion.answered_meeting_id) == meeting_id,
                )
            )
            .order_by(col(LeadQuestion.created_at), col(LeadQuestion.id))
        )
        return _rows(session, query)


def get_question(db: Database, question_id: int) -> QuestionRow:
    with db.read() as session:
        rows = _rows(session, _query().where(col(LeadQuestion.id) == question_id))
        if not rows:
            raise HuddleError(f"no lead question with id {question_id}")
        return rows[0]


def lead_names(db: Database) -> list[str]:
    with db.read() as session:
        return list(session.exec(select(col(Lead.name)).order_by(col(Lead.name))))


def list_questions(
    db: Database,
    *,
    today: dt.date,
    status: str | None = None,
    assignee: str | None = None,
    asked_by: str | None = None,
    lead: str | None = None,
    overdue: bool = False,
    series_id: int | None = None,
) -> list[QuestionRow]:
    """Questions across meetings, oldest open first; names are matched as every command
    matches them (case aside, close matches offered), then the rows are read with Core."""
    with db.read() as session:
        assignee_id = resolve_person(session, assignee).id if assignee else None
        asked_by_id = resolve_person(session, asked_by).id if asked_by else None
        lead_id = resolve_lead(session, lead).id if lead else None
    return question_rows(
        db,
        status=status,
        overdue_on=today if overdue else None,
        series_id=series_id,
        assignee_id=assignee_id,
        asked_by_id=asked_by_id,
        lead_id=lead_id,
    )


def rows_of(session: Session, *conditions: Any) -> list[QuestionRow]:
    """Live lead questions matching `conditions`, as rows."""
    return _rows(session, _query().where(*conditions))
