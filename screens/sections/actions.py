"""New actions: what this meeting decided, each with an owner and a due date."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from meeting.foundations.dates import DATE_HINT, parse_optional_date
from meeting.reads.section_rows import actions_made_in
from screens.cells import cell
from screens.confirmations import edit_over
from screens.deferred import deferred
from screens.form_fields import Field, FieldError, FormValues
from screens.forms import EntryForm
from screens.sections.base import (
    TEXT,
    Row,
    SectionHost,
    SectionKind,
    SectionRows,
    Undo,
    action_detail,
    due_cell,
)

if TYPE_CHECKING:
    from meeting.entries import actions, people
    from meeting.foundations.clock import Clock
    from meeting.foundations.views import MeetingView, SectionView
    from storage.db import Database
else:
    actions = deferred("meeting.entries.actions")
    people = deferred("meeting.entries.people")


class Actions(SectionKind):
    name = "actions"
    keys = frozenset({"add", "edit", "delete"})

    def rows(
        self, db: Database, meeting: MeetingView, section: SectionView, today: dt.date
    ) -> SectionRows:
        return SectionRows(
            ["Action", "Owner", "Team", "Due", "Status"],
            [
                Row(
                    str(a.id),
                    [
                        cell(a.text, TEXT),
                        cell(a.owner, TEXT),
                        cell(a.team, TEXT),
                        due_cell(a.due, a.is_overdue(today)),
                        cell(a.status),
                    ],
                    action_detail(a),
                )
                for a in actions_made_in(db, meeting.id)
            ],
            "No new actions yet. Press a to add one with an owner and a due date.",
            flexible=("Action", "Owner"),
            optional=("Team",),
        )

    def add(self, host: SectionHost) -> None:
        self.form(host, None)

    def edit(self, host: SectionHost, key: int) -> None:
        self.form(host, key)

    def form(self, host: SectionHost, action_id: int | None) -> None:
        host.show_form(action_form(host.db, host.clock, host.meeting, action_id, by=host.me))

    def delete(self, host: SectionHost, key: int) -> Undo:
        db, clock, meeting_id = host.db, host.clock, host.meeting.id
        actions.delete_action(db, key, meeting_id=meeting_id, clock=clock)
        return Undo(
            "delete",
            lambda: actions.restore_action(db, key, meeting_id=meeting_id, clock=clock),
            "Deleted. Press u to undo.",
        )


def action_form(
    db: Database,
    clock: Clock,
    meeting: MeetingView | None,
    action_id: int | None,
    from_item: tuple[int, str] | None = None,
    by: str | None = None,
) -> EntryForm:
    """A new action of `meeting`, or an action edited (in a meeting, or between meetings
    from History when `meeting` is None). The Review and New actions sections and History
    share it. `by`: who makes it, when the terminal said (its timeline names them)."""
    current = actions.get_action(db, action_id) if action_id is not None else None
    if current is None:
        due_text = meeting.next_date.isoformat() if meeting else ""
    else:
        due_text = current.due.isoformat() if current.due else ""
    fields = [
        Field(
            "text",
            "Action",
            value=current.text if current else (from_item[1] if from_item else ""),
            placeholder="what will be done",
        ),
        Field(
            "owner",
            "Owner",
            kind="person",
            value=current.owner if current else "",
            default_team="sales",
        ),
        Field("due", f"Due ({DATE_HINT})", value=due_text),
    ]

    seen = {"text": current.text if current else ""}  # as this editor saw it

    def save(form: FormValues) -> None:
        if not form["owner"].strip():
            raise FieldError("owner", "an action needs an owner (type a name)")
        with form.about("due"):
            due = parse_optional_date(form["due"], clock.today())
        if current is None or due != current.due:  # an overdue action reworded: not asked
            form.ask_if_past("due", due, clock.today())
        if current is None:
            actions.add_action(
                db,
                meeting_id=meeting.id if meeting else None,
                text=form["text"],
                owner=form["owner"],
                owner_team=form.teams["owner"],
                due=due,
                clock=clock,
                from_item=from_item[0] if from_item else None,
                by=by,
            )
        else:
            with edit_over(seen):
                actions.update_action(
                    db,
                    current.id,
                    text=form["text"],
                    owner=form["owner"],
                    owner_team=form.teams["owner"],
                    due=due,
                    meeting_id=meeting.id if meeting else None,
                    clock=clock,
                    was=seen["text"],
                )

    known = people.roster(db)
    title = "New action" if current is None else "Edit action"
    if from_item is not None:
        title = "New action from this entry"
    # From an entry, the cursor starts after its text too: what was said ("leads wait
    # days") is rarely yet what will be done, so it is reworded first, then the owner.
    return EntryForm(title, fields, save, people=known.teams_of, teams=known.teams)
