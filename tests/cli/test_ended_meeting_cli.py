"""An ended meeting takes nothing new from the command line either: a --meeting that names
one is refused in one line that says how to reopen it (or to leave the option out), and
nothing is saved. Without --meeting, what is added between meetings goes to the next one."""

from __future__ import annotations

import pytest

from tests.cli.helpers import contents, invoke

REOPEN = "huddle: the meeting of 2026-11-16 has ended; reopen it with `huddle meeting reopen "
NEXT = "2026-11-16`, or leave out --meeting to add it for the next meeting\n"
ASK = ["questions", "ask", "Why quiet?", "--lead", "Nora Walsh", "--assignee", "Sam"]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["actions", "add", "Follow up", "--owner", "Sam", "--meeting", "latest"], REOPEN + NEXT),
        ([*ASK, "--new-lead", "--meeting", "2026-11-16"], REOPEN + NEXT),
        (
            ["metrics", "record", "Leads", "512"],
            REOPEN + "2026-11-16`, or record it in the next meeting once it starts "
            "(`huddle meeting start`)\n",
        ),
        (
            ["metrics", "record", "Leads", "512", "-m", "2026-11-16"],
            REOPEN + "2026-11-16`, or record it in the next meeting once it starts "
            "(`huddle meeting start`)\n",
        ),
    ],
)
def test_a_meeting_named_that_has_ended_is_refused(db: str, args: list[str], said: str) -> None:
    before = contents(db)
    result = invoke(db, *args)
    assert result.exit_code == 1
    assert result.stderr == said
    assert contents(db) == before


def test_between_meetings_it_goes_to_the_next_one(db: str) -> None:
    added = invoke(db, "actions", "add", "Follow up", "--owner", "Sam")
    assert added.exit_code == 0, added.output
    asked = invoke(db, *ASK, "--new-lead")
    assert asked.exit_code == 0, asked.output


def test_once_reopened_the_meeting_takes_them(db: str) -> None:
    assert invoke(db, "meeting", "reopen", "2026-11-16").exit_code == 0
    for args in (
        ["actions", "add", "Follow up", "--owner", "Sam", "--meeting", "latest"],
        [*ASK, "--new-lead", "--meeting", "2026-11-16"],
        ["metrics", "record", "Leads", "512"],
    ):
        result = invoke(db, *args)
        assert result.exit_code == 0, result.output
