"""Doing a thing twice says so: the second `done`, `drop`, `reopen`, `answer` or `withdraw`
names what already was, exits non-zero, and changes nothing, on both databases."""

from __future__ import annotations

import json

import pytest

from tests.cli.helpers import contents, invoke


def _open_question(db: str) -> int:
    listed = json.loads(invoke(db, "questions", "list", "--open", "--format", "json").output)
    return int(listed[0]["id"])


def _open_action(db: str) -> int:
    listed = json.loads(
        invoke(db, "actions", "list", "--status", "open", "--format", "json").output
    )
    return int(listed[0]["id"])


@pytest.mark.parametrize(("verb", "said"), [("done", "already done"), ("drop", "already dropped")])
def test_an_action_closed_twice(db: str, verb: str, said: str) -> None:
    action = str(_open_action(db))
    assert invoke(db, "actions", verb, action).exit_code == 0
    before = contents(db)
    again = invoke(db, "actions", verb, action)
    assert again.exit_code == 1
    assert again.output == f"huddle: action {action} is {said}; nothing changed\n"
    assert contents(db) == before


def test_an_open_action_reopened(db: str) -> None:
    action = str(_open_action(db))
    before = contents(db)
    again = invoke(db, "actions", "reopen", action)
    assert (again.exit_code, again.output) == (
        1,
        f"huddle: action {action} is already open; nothing changed\n",
    )
    assert contents(db) == before


def test_a_question_answered_withdrawn_or_reopened_twice(db: str) -> None:
    question = str(_open_question(db))
    before = contents(db)
    reopened = invoke(db, "questions", "reopen", question)
    assert reopened.exit_code == 1 and "is already open; nothing changed" in reopened.output
    assert contents(db) == before

    answered = invoke(db, "questions", "answer", question, "Signed", "--outcome", "won")
    assert answered.exit_code == 0, answered.output
    before = contents(db)
    twice = invoke(db, "questions", "answer", question, "Lost it", "--outcome", "lost")
    assert twice.exit_code == 1 and "is already answered (won: 'Signed')" in twice.output
    assert f"huddle questions reopen {question}" in twice.output
    withdrawn = invoke(db, "questions", "withdraw", question)
    assert withdrawn.exit_code == 1 and "reopen it first" in withdrawn.output
    assert contents(db) == before

    assert invoke(db, "questions", "reopen", question).output == (
        f"Question {question} is open again\n"
    )
    assert invoke(db, "questions", "withdraw", question).output == f"Withdrew question {question}\n"
    before = contents(db)
    again = invoke(db, "questions", "withdraw", question)
    assert (again.exit_code, again.output) == (
        1,
        f"huddle: question {question} is already withdrawn; nothing changed\n",
    )
    assert contents(db) == before


@pytest.mark.parametrize(
    "command",
    [
        ["actions", "add", "Call Acme", "--owner", "Sam"],
        ["actions", "edit", "3"],
        ["questions", "ask", "Any news?", "--lead", "Jane Cooper", "--assignee", "Sam"],
    ],
)
def test_a_due_date_in_the_past_needs_past(db: str, command: list[str]) -> None:
    """The tests run on 2026-11-23: `2025-12-01` for `2026-12-01` is a typo."""
    before = contents(db)
    refused = invoke(db, *command, "--due", "2025-12-01")
    assert refused.exit_code == 1
    assert refused.output == (
        "huddle: the due date 2025-12-01 is in the past (today is 2026-11-23); give a later "
        "date, or add --past if it was due then\n"
    )
    assert contents(db) == before
    assert invoke(db, *command, "--due", "today").exit_code == 0
    meant = invoke(db, *command, "--due", "-2d", "--past")
    assert meant.exit_code == 0, meant.output
