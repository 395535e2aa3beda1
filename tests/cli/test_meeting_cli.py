"""`huddle meeting start --date`, `end`, `reopen` and `show`, as scripts use them."""

from __future__ import annotations

import datetime as dt
import json

from tests.cli.helpers import invoke
from tests.conftest import NOW


def test_end_reopen_and_a_second_meeting_the_same_day(db: str) -> None:
    started = invoke(db, "meeting", "start", "--no-open")
    assert started.exit_code == 0 and started.output.startswith("Started Weekly sync")
    first = started.output.split("(meeting ")[1].rstrip(")\n")

    ended = invoke(db, "meeting", "end")
    assert ended.exit_code == 0 and f"(meeting {first})" in ended.output
    again = invoke(db, "meeting", "end")
    assert again.exit_code == 1 and "no meeting is running" in again.output

    second = invoke(db, "meeting", "start", "--no-open")
    assert second.output.startswith("Started") and f"(meeting {first})" not in second.output

    refused = invoke(db, "meeting", "reopen", first)
    assert refused.exit_code == 1 and "end it first" in refused.output
    assert invoke(db, "meeting", "end").exit_code == 0
    reopened = invoke(db, "meeting", "reopen", first)
    assert reopened.exit_code == 0 and reopened.output.endswith("is running again\n")

    already = invoke(db, "meeting", "end", first)
    assert already.exit_code == 0
    twice = invoke(db, "meeting", "end", first)
    assert twice.exit_code == 1 and f"huddle meeting reopen {first}" in twice.output


def test_start_on_a_date(db: str) -> None:
    result = invoke(db, "meeting", "start", "--date", "+3d", "--no-open")
    assert result.exit_code == 0, result.output
    shown = json.loads(invoke(db, "meeting", "show", "latest", "--format", "json").output)
    in_three_days = (NOW.date() + dt.timedelta(days=3)).isoformat()
    assert shown[0]["date"] == in_three_days and shown[0]["status"] == "running"
    bad = invoke(db, "meeting", "start", "--date", "someday", "--no-open")
    assert bad.exit_code == 1 and "Traceback" not in bad.output


def test_show_lists_each_section(db: str) -> None:
    result = invoke(db, "meeting", "show", "latest", "--format", "csv")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("meeting_id,series,date,status,position,section,kind,minutes")
    assert len(lines) == 7  # the header and the sync agenda's six sections
    missing = invoke(db, "meeting", "show", "999")
    assert missing.exit_code == 1 and "no meeting with id 999" in missing.output


def test_plan_reschedule_cancel_and_start_as_planned(db: str) -> None:
    def planned() -> list[str]:
        shown = invoke(db, "meeting", "planned", "--format", "json")
        return [row["date"] for row in json.loads(shown.output)]

    assert planned() == ["2026-11-23"]  # the demo's next meeting is today
    made = invoke(db, "meeting", "plan", "--template", "ssc")
    assert made.output == "Planned Weekly sync on Mon 30 Nov 2026 (ssc)\n"
    moved = invoke(db, "meeting", "reschedule", "2026-11-30", "--date", "wed")
    assert moved.output == "Weekly sync now meets on Wed 25 Nov 2026\n"
    nothing = invoke(db, "meeting", "reschedule", "2026-11-30", "--date", "thu")
    assert (nothing.exit_code, nothing.output) == (
        1,
        "huddle: no meeting of 'Weekly sync' on 2026-11-30 (planned: 2026-11-23, "
        "2026-11-25; see: huddle meeting planned)\n",
    )
    assert invoke(db, "meeting", "cancel", "today").exit_code == 0
    assert planned() == ["2026-11-25"]
    started = invoke(db, "meeting", "start", "--date", "wed", "--no-open")
    meeting_id = started.output.split("(meeting ")[1].rstrip(")\n")
    shown = json.loads(invoke(db, "meeting", "show", meeting_id, "--format", "json").output)
    assert [row["section"] for row in shown][:2] == ["Review actions", "Start"]
    assert planned() == []
    empty = invoke(db, "meeting", "planned")
    assert empty.output == "Nothing planned (plan one: huddle meeting plan)\n"
