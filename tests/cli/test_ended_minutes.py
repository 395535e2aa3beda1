"""The minutes of an ended meeting are what was sent: changes made afterwards, from any
command and on any later day, leave them byte for byte as they were."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.cli.helpers import invoke
from tests.conftest import NOW


def test_changes_after_the_end_leave_the_minutes_as_sent(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = invoke(db, "meeting", "start", "--no-open")
    meeting_id = started.output.split("(meeting ")[1].rstrip(")\n")
    asked = invoke(
        db, "questions", "ask", "Why did Acme go quiet?", "--lead", "Nora Walsh", "--assignee",
        "Sam",
    )  # fmt: skip
    assert asked.exit_code == 0, asked.output
    question_id = asked.output.split()[-1]
    made = invoke(db, "actions", "add", "Send Acme the case study", "--owner", "Sam")
    action_id = made.output.split()[-1]
    assert invoke(db, "metrics", "record", "Leads", "431", "--meeting", meeting_id).exit_code == 0
    assert invoke(db, "meeting", "end").exit_code == 0
    sent = invoke(db, "export", meeting_id, "-o", "-").output
    assert "Why did Acme go quiet?" in sent and "Send Acme the case study" in sent

    # Between meetings, days later: the answer comes, the action is done and reassigned.
    monkeypatch.setenv("HUDDLE_NOW", (NOW + dt.timedelta(days=3)).isoformat())
    answered = invoke(
        db, "questions", "answer", question_id, "Called twice, no reply", "--outcome", "nurture"
    )
    assert answered.exit_code == 0, answered.output
    assert invoke(db, "actions", "edit", action_id, "--owner", "Priya").exit_code == 0
    assert invoke(db, "actions", "done", action_id).exit_code == 0
    # A number for the ended meeting is refused: it takes nothing new until reopened.
    assert invoke(db, "metrics", "record", "Leads", "444", "--meeting", meeting_id).exit_code == 1

    assert invoke(db, "export", meeting_id, "-o", "-").output == sent
    folder = tmp_path / "minutes"
    folder.mkdir()
    assert invoke(db, "export", "--all", "--dir", str(folder)).exit_code == 0
    written = {p.read_text(encoding="utf-8") for p in folder.iterdir()}
    assert sent in written
    # The record moves only when the meeting is reopened on purpose, and ended again.
    assert invoke(db, "meeting", "reopen", meeting_id).exit_code == 0
    assert invoke(db, "meeting", "end").exit_code == 0
    again = invoke(db, "export", meeting_id, "-o", "-").output
    assert again != sent and "Called twice, no reply" in again
    shown = json.loads(invoke(db, "meeting", "show", meeting_id, "--format", "json").output)
    assert shown[0]["status"] == "ended"
