"""What the questions say about who answers them: per assignee, how many are open and
overdue, how long answers take and how many came by the due date. Apart from the questions
themselves, which it only reads."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

from meeting.entries.question_rows import QuestionRow
from meeting.foundations.clock import local_day
from meeting.foundations.records import record_dict
from meeting.foundations.statuses import QuestionStatus


@dataclass
class AssigneeFigures:
    assignee: str
    open: int
    overdue: int
    answered: int
    median_days_to_answer: float | None
    answered_by_due: float | None  # share of answered questions with a due date, 0..1

    def as_dict(self) -> dict[str, object]:
        names = ("assignee", "open", "overdue", "answered", "median_days_to_answer")
        return record_dict(self, (*names, "answered_by_due"), ratios=("answered_by_due",))


def question_figures(rows: list[QuestionRow], today: dt.date) -> list[AssigneeFigures]:
    """Per assignee: open, overdue, median days to answer, share answered by the due date."""
    by_assignee: dict[str, list[QuestionRow]] = {}
    for row in rows:
        by_assignee.setdefault(row.assignee, []).append(row)
    figures = []
    for assignee, own in sorted(by_assignee.items(), key=lambda kv: kv[0].lower()):
        answered = [
            (q, q.answered_at)
            for q in own
            if q.status == QuestionStatus.ANSWERED and q.answered_at is not None
        ]
        days = [(at - q.created_at).total_seconds() / 86400 for q, at in answered]
        with_due = [(at, q.due) for q, at in answered if q.due is not None]
        on_time = [at for at, due in with_due if local_day(at) <= due]
        figures.append(
            AssigneeFigures(
                assignee=assignee,
                open=sum(q.status == QuestionStatus.OPEN for q in own),
                overdue=sum(q.is_overdue(today) for q in own),
                answered=len(answered),
                median_days_to_answer=round(statistics.median(days), 1) if days else None,
                answered_by_due=len(on_time) / len(with_due) if with_due else None,
            )
        )
    return figures
