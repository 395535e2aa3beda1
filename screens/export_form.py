"""Export minutes from the TUI: a path to confirm, then a notification with where it went."""

from __future__ import annotations

from pathlib import Path

from meeting.clock import Clock
from meeting.errors import HuddleError
from meeting.export import write_atomically
from meeting.meetings import get_meeting
from meeting.minutes import meeting_file_name, minutes_markdown
from screens.forms import EntryForm, Field, FormValues
from storage.db import Database


def export_form(db: Database, clock: Clock, meeting_id: int, written: list[Path]) -> EntryForm:
    """The form; `written` receives the path once the file is on disk."""
    meeting = get_meeting(db, meeting_id)
    default = Path.cwd() / meeting_file_name(db, meeting_id)
    fields = [Field("path", "Write the minutes (Markdown) to", value=str(default))]
    asked_about: list[Path] = []  # a file that exists, once the facilitator was told so

    def save(form: FormValues) -> None:
        path = Path(form["path"].strip()).expanduser()
        if path.is_file() and path not in asked_about:
            asked_about.append(path)
            raise HuddleError(
                f"{path.name} already exists. Press enter again to replace it, or change "
                "the file name."
            )
        text = minutes_markdown(db, meeting_id, today=clock.today())
        write_atomically(path, text, force=path in asked_about)
        written.append(path)

    return EntryForm(
        f"Export minutes: {meeting.label()}", fields, save, hint="enter writes · escape cancels"
    )
