"""What a meeting produced, for the screen shown when it ends. An ended meeting's summary
is kept as it was at its end, as its minutes are: an answer or a closure that comes later
belongs to the next meeting, not to this record."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from meeting.agenda.meetings import get_meeting
from meeting.entries.actions import actions_made_in, review_rows
from meeting.entries.items import items
from meeting.entries.pulse import rated_count
from meeting.entries.questions import questions_for_meeting
from meeting.entries.writing import written_alone
from meeting.foundations.statuses import QuestionStatus, SectionKind
from meeting.numbers.metrics import numbers
from storage.db import Database


@dataclass
class SectionSummary:
    title: str
    timebox_seconds: int
    elapsed_seconds: float
    entries: int


@dataclass
class NewAction:
    text: str
    owner: str
    due: dt.date | None


@dataclass
class MeetingSummary:
    series: str
    date: dt.date
    attendees: list[tuple[str, str]]  # (name, team)
    sections: list[SectionSummary]
    review_marks: dict[str, int]  # mark -> count, in the order first met
    metrics_recorded: int
    metrics_total: int
    questions_raised: int
    questions_answered: int
    questions_open: int
    new_actions: list[NewAction] = field(default_factory=list)
    # The questions still open at the end, by id (None in a summary kept before they were):
    # one answered since is not open in this meeting's record.
    open_question_ids: list[int] | None = None

    @property
    def minutes(self) -> int:
        return round(sum(s.elapsed_seconds for s in self.sections) / 60)

    def to_json(self) -> str:
        return json.dumps(asdict(self), default=str, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> MeetingSummary:
        data: dict[str, Any] = json.loads(text)
        return cls(
            series=data["series"],
            date=dt.date.fromisoformat(data["date"]),
            attendees=[(name, team) for name, team in data["attendees"]],
            sections=[SectionSummary(**s) for s in data["sections"]],
            review_marks=dict(data["review_marks"]),
            metrics_recorded=data["metrics_recorded"],
            metrics_total=data["metrics_total"],
            questions_raised=data["questions_raised"],
            questions_answered=data["questions_answered"],
            questions_open=data["questions_open"],
            new_actions=[
                NewAction(
                    a["text"], a["owner"], dt.date.fromisoformat(a["due"]) if a["due"] else None
                )
                for a in data["new_actions"]
            ],
            open_question_ids=data.get("open_question_ids"),
        )


def summarise(db: Database, meeting_id: int) -> MeetingSummary:
    """The summary kept when the meeting ended, or, for a running meeting (or one that
    ended before summaries were kept), the summary as things stand."""
    from sqlmodel import select

    from storage.models import MinutesRecord

    with db.read() as session:
        kept = session.exec(
            select(MinutesRecord.summary).where(MinutesRecord.meeting_id == meeting_id)
        ).first()
    if kept:
        return MeetingSummary.from_json(kept)
    return summarise_now(db, meeting_id)


def _entries(db: Database, section_id: int) -> int:
    """Entries said, not the themes they were grouped under."""
    return sum(not row.is_theme for row in items(db, section_id))


def summarise_now(db: Database, meeting_id: int) -> MeetingSummary:
    meeting = get_meeting(db, meeting_id)
    reviewed = review_rows(db, meeting_id)
    number_rows = numbers(db, meeting_id)
    questions = questions_for_meeting(db, meeting_id)
    new_actions = actions_made_in(db, meeting_id)
    counts = {
        "review": len(reviewed),
        "numbers": sum(row.value is not None for row in number_rows),
        "leads": len(questions),
        "actions": len(new_actions),
        "pulse": sum(rated_count(db, meeting_id).values()),  # ratings given, no score
    }
    sections = [
        SectionSummary(
            title=s.title,
            timebox_seconds=s.timebox_seconds,
            elapsed_seconds=s.elapsed_seconds,
            entries=_entries(db, s.id) + (written_alone(db, s.id) if s.writing else 0)
            if s.kind == SectionKind.ITEMS
            else counts.get(s.kind, 0),
        )
        for s in meeting.sections
    ]
    return MeetingSummary(
        series=meeting.series,
        date=meeting.date,
        attendees=list(meeting.attendees),
        sections=sections,
        review_marks=dict(Counter(row.reviewed or "not reviewed" for row in reviewed)),
        metrics_recorded=counts["numbers"],
        metrics_total=len(number_rows),
        questions_raised=sum(1 for q in questions if q.meeting_id == meeting_id),
        questions_answered=sum(1 for q in questions if q.status == QuestionStatus.ANSWERED),
        questions_open=sum(1 for q in questions if q.status == QuestionStatus.OPEN),
        new_actions=[NewAction(a.text, a.owner, a.due) for a in new_actions],
        open_question_ids=[q.id for q in questions if q.status == QuestionStatus.OPEN],
    )
