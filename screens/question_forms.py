"""The answer form, shared by the meeting's leads section and the Questions screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from meeting.foundations.clock import Clock
from meeting.foundations.statuses import QuestionStatus
from meeting.foundations.text import one_line
from screens.deferred import deferred
from screens.form_fields import Field, FormValues
from screens.forms import EntryForm
from storage.db import Database

if TYPE_CHECKING:
    from meeting.entries import questions
else:
    questions = deferred("meeting.entries.questions")


def answer_form(
    db: Database, clock: Clock, question_id: int, *, meeting_id: int | None, by: str | None = None
) -> EntryForm | str:
    """The form, or why the question cannot be answered. `by`: who answers, when the
    terminal said who it is (the record names them)."""
    current = questions.get_question(db, question_id)
    if current.status == QuestionStatus.WITHDRAWN:
        return "This question was withdrawn; ask it again to reopen it."
    fields = [
        Field(
            "answer",
            f"Answer about {current.lead}",
            value=current.answer or "",
            placeholder="what happened, in facts",
        ),
        Field(
            "outcome",
            "Outcome",
            kind="choice",
            choices=list(questions.OUTCOMES),
            value=current.outcome or "",
            placeholder="choose an outcome",
        ),
    ]

    def save(form: FormValues) -> None:
        questions.answer_question(
            db,
            question_id,
            answer=form["answer"],
            outcome=form["outcome"],
            meeting_id=meeting_id,
            clock=clock,
            by=by,
        )

    return EntryForm(f"Answer: {one_line(current.text, 60)}", fields, save)
