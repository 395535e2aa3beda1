"""Lead questions as the Questions screen and `huddle questions list` show them, read with
Core: the screen's first frame needs no ORM (the names a filter holds are matched by the
write side's rules first, in meeting/entries/questions.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from meeting.foundations.clock import local_day
from meeting.foundations.records import record_dict
from meeting.foundations.statuses import QuestionStatus
from storage.db import Database
from storage.tables import LEAD, PERSON, QUESTION, QUESTION_CARRY


@dataclass
class QuestionRow:
    id: int
    text: str
    lead: str
    company: str
    asked_by: str | None
    assignee: str
    due: dt.date | None
    status: str
    answer: str | None
    outcome: str | None
    created_at: dt.datetime
    meeting_id: int | None = None
    answered_at: dt.datetime | None = None
    carried: int = 0
    answered_by: str | None = None  # when the one who answered said who they are

    @property
    def asker(self) -> str:
        """Who asked, as every screen and the minutes name them: "someone" when nobody was
        recorded."""
        return self.asked_by or "someone"

    @classmethod
    def of(
        cls,
        q: Any,
        *,
        lead: str,
        company: str,
        asked_by: str | None,
        assignee: str,
        carried: int,
        answered_by: str | None = None,
    ) -> QuestionRow:
        """From a question's row (an ORM object or a Core row) and what is joined to it."""
        return cls(
            id=q.id,
            text=q.text,
            lead=lead,
            company=company,
            asked_by=asked_by,
            assignee=assignee,
            due=q.due,
            status=q.status,
            answer=q.answer,
            outcome=q.outcome,
            created_at=q.created_at,
            meeting_id=q.meeting_id,
            answered_at=q.answered_at,
            carried=carried,
            answered_by=answered_by,
        )

    def age_days(self, today: dt.date) -> int:
        return (today - local_day(self.created_at)).days

    def is_overdue(self, today: dt.date) -> bool:
        return self.status == QuestionStatus.OPEN and self.due is not None and self.due < today

    def as_dict(self) -> dict[str, object]:
        names = ("id", "text", "lead", "asked_by", "assignee", "due", "status", "answer")
        return record_dict(self, (*names, "outcome"))


def question_rows(
    db: Database,
    *,
    status: str | None = None,
    overdue_on: dt.date | None = None,
    series_id: int | None = None,
    assignee_id: int | None = None,
    asked_by_id: int | None = None,
    lead_id: int | None = None,
) -> list[QuestionRow]:
    """Live questions, oldest first; `overdue_on`: only those still open past their due
    date on that day."""
    asker, assignee, answerer = (
        PERSON.alias("asker"),
        PERSON.alias("assignee"),
        PERSON.alias("answerer"),
    )
    carried = (
        select(func.count())
        .select_from(QUESTION_CARRY)
        .where(QUESTION_CARRY.c.question_id == QUESTION.c.id)
        .scalar_subquery()
    )
    query = (
        select(
            QUESTION,
            LEAD.c.name,
            LEAD.c.company,
            asker.c.name,
            assignee.c.name,
            carried,
            answerer.c.name,
        )
        .select_from(QUESTION)
        .join(LEAD, LEAD.c.id == QUESTION.c.lead_id)
        .join(assignee, assignee.c.id == QUESTION.c.assignee_id)
        .join(asker, asker.c.id == QUESTION.c.asked_by_id, isouter=True)
        .join(answerer, answerer.c.id == QUESTION.c.answered_by_id, isouter=True)
        .where(QUESTION.c.deleted_at.is_(None))
    )
    wanted: list[Any] = []
    if status:
        wanted.append(QUESTION.c.status == status)
    if overdue_on is not None:
        wanted += [QUESTION.c.status == QuestionStatus.OPEN, QUESTION.c.due < overdue_on]
    for column, value in (
        (QUESTION.c.series_id, series_id),
        (QUESTION.c.assignee_id, assignee_id),
        (QUESTION.c.asked_by_id, asked_by_id),
        (QUESTION.c.lead_id, lead_id),
    ):
        if value is not None:
            wanted.append(column == value)
    with db.connect() as conn:
        found = conn.execute(query.where(*wanted).order_by(QUESTION.c.created_at, QUESTION.c.id))
        return [
            QuestionRow.of(
                row,
                lead=row[-6],
                company=row[-5],
                asked_by=row[-4],
                assignee=row[-3],
                carried=row[-2],
                answered_by=row[-1],
            )
            for row in found
        ]


def names_to_choose(db: Database) -> tuple[list[str], list[str]]:
    """Everyone's name (for the assignee and asker filters) and every lead's (suggested as
    the lead filter is typed), each in the order the forms list them."""
    with db.connect() as conn:
        people = conn.execute(select(PERSON.c.name).order_by(func.lower(PERSON.c.name)))
        leads = conn.execute(select(LEAD.c.name).order_by(LEAD.c.name))
        return list(people.scalars()), list(leads.scalars())
