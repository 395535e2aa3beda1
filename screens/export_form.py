"""Export minutes from the TUI: a path to confirm, then a notification with where it went."""

from __future__ import annotations

from pathlib import Path

from meeting.agenda.meetings import get_meeting
from meeting.foundations.clock import Clock
from meeting.reports.export import minutes_mode, write_atomically
from meeting.reports.file_names import meeting_file_name
from meeting.reports.minutes import minutes_markdown
from screens.form_fields import Field, FormValues
from screens.forms import EntryForm
from storage.db import Database


def export_form(db: Database, clock: Clock, meeting_id: int, written: list[Path]) -> EntryForm:
    """The form; `written` receives the path once the file is on disk."""
    meeting = get_meeting(db, meeting_id)
    default = Path.cwd() / meeting_file_name(db, meeting_id)
    fields = [Field("path", "Write the minutes (Markdown) to", value=str(default))]

    def save(form: FormValues) -> None:
        path = Path(form["path"].strip()).expanduser()
        exists = path.is_file()
        if exists:  # it may hold notes of someone's own: only y replaces it, never enter
            form.ask_first(
                f"replace {path}",
                "path",
                f"Replace {path.name}?",
                f"{path} exists already; the minutes would take its place.\n"
                "y replaces it; n or enter goes back to the file name.",
            )
        text = minutes_markdown(db, meeting_id, today=clock.today())
        write_atomically(path, text, force=exists, mode=minutes_mode(db.path))
        written.append(path)

    return EntryForm(
        f"Export minutes: {meeting.label()}", fields, save, hint="enter writes · escape cancels"
    )
