"""`huddle items`: entries prepared before the meeting join it when it starts."""

from __future__ import annotations

import json

from tests.cli.helpers import invoke


def listed(db: str, *args: str) -> list[dict[str, object]]:
    return json.loads(invoke(db, "items", "list", *args, "--format", "json").output)


def test_entries_written_before_the_meeting_join_it(db: str) -> None:
    added = invoke(db, "items", "add", "working", "Webinar leads convert", "--by", "Maya")
    assert added.output.endswith("to the next meeting\n"), added.output
    backed = invoke(
        db, "items", "add", "broken", "Form lands in the wrong queue", "--team", "sales",
        "--metric", "MQLs",
    )  # fmt: skip
    assert backed.exit_code == 0, backed.output
    waiting = listed(db, "--next")
    assert [(e["section"], e["author"], e["metric"]) for e in waiting] == [
        ("working", "Maya", None),
        ("broken", None, "MQLs"),
    ]

    started = invoke(db, "meeting", "start", "--no-open")
    meeting_id = int(started.output.split("(meeting ")[1].rstrip(")\n"))
    assert listed(db, "--next") == []
    joined = listed(db, "--meeting", str(meeting_id))
    assert [e["text"] for e in joined] == ["Webinar leads convert", "Form lands in the wrong queue"]
    assert {e["meeting_id"] for e in joined} == {meeting_id}

    during = invoke(db, "items", "add", "broken", "Said in the room")
    assert during.output.endswith(f"to meeting {meeting_id}\n")


def test_bad_entries_are_refused(db: str) -> None:
    typo = invoke(db, "items", "add", "brokn", "x")
    assert typo.exit_code == 1 and "choose: working, broken" in typo.output
    person = invoke(db, "items", "add", "working", "x", "--by", "Samm")
    assert person.exit_code == 1 and "did you mean: Sam" in person.output
    metric = invoke(db, "items", "add", "working", "x", "--metric", "Leeds")
    assert metric.exit_code == 1 and "Leads" in metric.output
    empty = invoke(db, "items", "add", "working", "  ")
    assert empty.exit_code == 1 and "empty" in empty.output
    assert listed(db, "--next") == []


def test_votes_from_the_command_line_keep_to_the_budget(db: str) -> None:
    invoke(db, "people", "add", "Maya", "--team", "marketing")
    invoke(db, "meeting", "start", "--no-open")
    invoke(db, "items", "add", "broken", "Leads arrive without a phone number")
    (entry,) = listed(db)
    for left in (2, 1, 0):
        voted = invoke(db, "items", "vote", str(entry["id"]), "--by", "maya")
        assert voted.output.endswith(f"{left} left\n"), voted.output
    over = invoke(db, "items", "vote", str(entry["id"]), "--by", "Maya")
    assert over.exit_code == 1
    assert over.output.startswith("huddle: Maya has used all 3 votes"), over.output
    assert listed(db)[0]["votes"] == 3
    back = invoke(db, "items", "unvote", str(entry["id"]), "--by", "Maya")
    assert back.output.endswith("2 of 3 votes used, 1 left\n"), back.output
    unknown = invoke(db, "items", "vote", "999", "--by", "Maya")
    assert unknown.output == "huddle: no entry with id 999 (see huddle items list)\n"
    nobody = invoke(db, "items", "vote", str(entry["id"]), "--by", "Mya")
    assert "unknown person 'Mya' (did you mean: Maya?)" in nobody.output


def test_closing_an_action_between_meetings_names_who_did_it(db: str) -> None:
    invoke(db, "people", "add", "Sam", "--team", "sales")
    invoke(db, "meeting", "start", "--no-open")
    invoke(db, "actions", "add", "Call Acme back", "--owner", "Sam")
    invoke(db, "meeting", "end")
    done = invoke(db, "actions", "drop", "1", "--by", "Sam")
    assert done.output == "Action 1 dropped\n", done.output
    shown = json.loads(invoke(db, "actions", "show", "1", "--format", "json").output)
    assert shown[-1]["by"] == "Sam" and shown[-1]["new"] == "dropped"
