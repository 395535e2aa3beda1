"""What a meeting produced, for the screen shown when it ends."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from meeting.actions import ActionRow, actions_made_in, review_rows
from meeting.items import items
from meeting.meetings import get_meeting
from meeting.metrics import numbers
from meeting.questions import questions_for_meeting
from meeting.views import MeetingView
from storage.db import Database


@dataclass
class SectionSummary:
    title: str
    timebox_seconds: int
    elapsed_seconds: float
    entries: int


@dataclass
class MeetingSummary:
    meeting: MeetingView
    sections: list[SectionSummary]
    review_marks: Counter[str]
    metrics_recorded: int
    metrics_total: int
    questions_raised: int
    questions_answered: int
    questions_open: int
    new_actions: list[ActionRow]

    @property
    def minutes(self) -> int:
        return round(sum(s.elapsed_seconds for s in self.sections) / 60)


def summarise(db: Database, meeting_id: int) -> MeetingSummary:
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
    }
    sections = [
        SectionSummary(
            title=s.title,
            timebox_seconds=s.timebox_seconds,
            elapsed_seconds=s.elapsed_seconds,
            entries=len(items(db, s.id)) if s.kind == "items" else counts.get(s.kind, 0),
        )
        for s in meeting.sections
    ]
    return MeetingSummary(
        meeting=meeting,
        sections=sections,
        review_marks=Counter(row.reviewed or "not reviewed" for row in reviewed),
        metrics_recorded=counts["numbers"],
        metrics_total=len(number_rows),
        questions_raised=sum(1 for q in questions if q.meeting_id == meeting_id),
        questions_answered=sum(1 for q in questions if q.status == "answered"),
        questions_open=sum(1 for q in questions if q.status == "open"),
        new_actions=new_actions,
    )
