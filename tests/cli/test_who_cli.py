"""`huddle --as NAME`, `huddle meeting facilitator MEETING NAME`, and an answer given as
someone: on SQLite and PostgreSQL."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from meeting.agenda.meetings import get_meeting
from meeting.entries import questions
from meeting.foundations.clock import FixedClock
from meeting.reads.recorded import find_meeting
from meeting.reports.minutes import collect, render
from meeting.reports.minutes_bulk import collect_all
from storage.opening import open_database
from tests.cli.helpers import invoke, url_of
from tui.cli import app


def test_as_an_unknown_name_is_one_line_naming_the_fix(db: str) -> None:
    result = invoke(db, "--as", "Sma")
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
    assert result.output.startswith("huddle: unknown person 'Sma' (did you mean: Sam?)")
    assert "huddle people add 'Sma' --team sales" in result.output
    assert "--as is empty" in invoke(db, "--as", "  ").output

    from_env = CliRunner().invoke(app, ["--db", db], env={"HUDDLE_AS": "Nobody"})
    assert from_env.exit_code == 1 and "unknown person 'Nobody'" in from_env.output


def test_meeting_facilitator_hands_a_meeting_over(db: str) -> None:
    ended = invoke(db, "meeting", "facilitator", "latest", "Sam")  # the demo's last: a record
    assert ended.exit_code == 1 and "has ended; reopen it with" in ended.output
    started = invoke(db, "meeting", "start", "--facilitator", "Dana", "--no-open")
    assert started.exit_code == 0, started.output
    shown = json.loads(invoke(db, "meeting", "list", "--format", "json").output)[0]
    before = shown["facilitator"]
    other = "Sam" if before != "Sam" else "Dana"
    result = invoke(db, "meeting", "facilitator", "latest", other.lower())
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"{other} facilitates ")
    assert result.output.endswith(f" now, not {before}\n")
    assert f"facilitator {other}" in invoke(db, "meeting", "show", "latest").output
    again = invoke(db, "meeting", "facilitator", "latest", other)
    assert again.output.startswith(f"{other} already facilitates")

    unknown = invoke(db, "meeting", "facilitator", "latest", "Danna")
    assert unknown.exit_code == 1 and "did you mean: Dana" in unknown.output


def test_an_answer_given_as_someone_is_theirs_in_the_minutes(db: str, clock: FixedClock) -> None:
    assert invoke(db, "meeting", "start", "--no-open").exit_code == 0  # answered in it
    listed = json.loads(invoke(db, "questions", "list", "--open", "--format", "json").output)
    question_id = listed[0]["id"]
    answered = invoke(
        db, "--as", "priya", "questions", "answer", str(question_id), "Demo booked", "--outcome",
        "working",
    )  # fmt: skip
    assert answered.exit_code == 0, answered.output
    database = open_database(url_of(db))
    try:
        assert questions.get_question(database, question_id).answered_by == "Priya"
        latest = find_meeting(database, "latest", clock=clock)
        assert get_meeting(database, latest).status == "running"
        text = render(collect(database, latest, today=clock.today()))
        assert "answered by Priya" in text
        bulk = render(next(collect_all(database, [latest], today=clock.today())))
        assert bulk == text
    finally:
        database.dispose()
