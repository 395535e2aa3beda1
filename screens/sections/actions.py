"""New actions: what this meeting decided, each with an owner and a due date."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from meeting import actions
from meeting.dates import DATE_HELP, parse_optional_date
from meeting.errors import HuddleError
from screens.cells import cell
from screens.forms import Field, FormValues
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
    from meeting.views import MeetingView, SectionView
    from storage.db import Database


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
                for a in actions.actions_made_in(db, meeting.id)
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
        db, clock, meeting = host.db, host.clock, host.meeting
        current = actions.get_action(db, action_id) if action_id is not None else None
        if current is None:
            due_text = meeting.next_date.isoformat()
        else:
            due_text = current.due.isoformat() if current.due else ""
        fields = [
            Field(
                "text",
                "Action",
                value=current.text if current else "",
                placeholder="what will be done",
            ),
            Field(
                "owner",
                "Owner",
                kind="person",
                value=current.owner if current else "",
                default_team="sales",
            ),
            Field("due", f"Due ({DATE_HELP})", value=due_text),
        ]

        def save(form: FormValues) -> None:
            if not form["owner"].strip():
                raise HuddleError("an action needs an owner (type a name)")
            due = parse_optional_date(form["due"], clock.today())
            if current is None:
                actions.add_action(
                    db,
                    meeting_id=meeting.id,
                    text=form["text"],
                    owner=form["owner"],
                    owner_team=form.teams["owner"],
                    due=due,
                    clock=clock,
                )
            else:
                actions.update_action(
                    db,
                    current.id,
                    text=form["text"],
                    owner=form["owner"],
                    owner_team=form.teams["owner"],
                    due=due,
                    meeting_id=meeting.id,
                    clock=clock,
                )

        host.open_form("New action" if current is None else "Edit action", fields, save)

    def delete(self, host: SectionHost, key: int) -> Undo:
        db, clock, meeting_id = host.db, host.clock, host.meeting.id
        actions.delete_action(db, key, meeting_id=meeting_id, clock=clock)
        return Undo(
            "delete",
            lambda: actions.restore_action(db, key, meeting_id=meeting_id, clock=clock),
            "Deleted. Press u to undo.",
        )
