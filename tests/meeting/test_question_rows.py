"""The Core read of lead questions (the Questions screen's first frame, `questions list`)
gives what the write side's ORM read of the same questions gives, field for field."""

from __future__ import annotations

from sqlmodel import col

from meeting.entries import questions
from meeting.entries.people import roster
from meeting.entries.question_rows import names_to_choose, question_rows
from meeting.foundations.clock import FixedClock
from meeting.foundations.statuses import QuestionStatus
from storage.db import Database
from storage.models import LeadQuestion
from tests import both

demo_db = both.demo_db  # on SQLite and on PostgreSQL


def test_every_question_as_the_orm_reads_it(demo_db: Database, clock: FixedClock) -> None:
    with demo_db.read() as session:
        by_orm = sorted(questions.rows_of(session), key=lambda q: (q.created_at, q.id))
    by_core = question_rows(demo_db)
    assert by_core == by_orm
    assert {q.status for q in by_core} >= {QuestionStatus.OPEN, QuestionStatus.ANSWERED}
    assert any(q.carried for q in by_core) and any(q.answer for q in by_core)


def test_open_and_overdue_as_the_orm_reads_them(demo_db: Database, clock: FixedClock) -> None:
    today = clock.today()
    with demo_db.read() as session:
        open_ones = questions.rows_of(session, col(LeadQuestion.status) == QuestionStatus.OPEN)
        late = [q for q in open_ones if q.due is not None and q.due < today]
    assert late  # the demo has a question past its due date
    assert question_rows(demo_db, status=QuestionStatus.OPEN) == sorted(
        open_ones, key=lambda q: (q.created_at, q.id)
    )
    assert {q.id for q in question_rows(demo_db, overdue_on=today)} == {q.id for q in late}


def test_the_names_the_filters_offer(demo_db: Database) -> None:
    people, leads = names_to_choose(demo_db)
    assert people == roster(demo_db).names
    assert leads == questions.lead_names(demo_db)
