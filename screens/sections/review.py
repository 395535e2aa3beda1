"""Review: the open action items from earlier meetings, each marked done, still open or
dropped."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding

from meeting.foundations.clock import local
from meeting.foundations.statuses import ActionStatus
from meeting.foundations.text import visible
from meeting.reads.section_rows import closed_since_last, review_rows
from screens.cells import cell
from screens.deferred import deferred
from screens.sections.actions import action_form
from screens.sections.base import (
    TEXT,
    Row,
    SectionHost,
    SectionKind,
    SectionRows,
    action_detail,
    due_cell,
)

if TYPE_CHECKING:
    from meeting.entries import actions
    from meeting.foundations.views import MeetingView, SectionView
    from storage.db import Database
else:
    actions = deferred("meeting.entries.actions")

MARKS: dict[str | None, Text] = {
    ActionStatus.DONE: Text("✓ done", style="green"),
    ActionStatus.OPEN: Text("… still open", style="yellow"),
    ActionStatus.DROPPED: Text("✗ dropped", style="dim"),
    None: Text("· to review", style="bold"),
}


# Actions closed between meetings: shown first, so the room hears what got done.
CLOSED: dict[str, Text] = {
    ActionStatus.DONE: Text("✓ done since", style="green"),
    ActionStatus.DROPPED: Text("✗ dropped since", style="dim"),
}


def closed_on(when: dt.datetime | None) -> str:
    return f"on {local(when):%Y-%m-%d %H:%M}" if when else "before this meeting"


class Review(SectionKind):
    name = "review"
    keys = frozenset({"mark", "edit"})
    bindings = (
        Binding(
            "d",
            "section('mark', 'done')",
            "Done",
            id="meeting.mark_done",
            tooltip="Review: mark done",
        ),
        Binding(
            "o",
            "section('mark', 'open')",
            "Still open",
            id="meeting.mark_open",
            tooltip="Review: mark still open",
        ),
        Binding(
            "x",
            "section('mark', 'dropped')",
            "Dropped",
            id="meeting.mark_dropped",
            tooltip="Review: mark dropped",
        ),
    )

    def rows(
        self, db: Database, meeting: MeetingView, section: SectionView, today: dt.date
    ) -> SectionRows:
        closed = [
            Row(
                str(r.id),
                [
                    CLOSED.get(r.status, CLOSED[ActionStatus.DONE]),
                    cell(r.text, TEXT),
                    cell(r.owner, TEXT),
                    due_cell(r.due, False),
                    cell(r.made_on),
                ],
                action_detail(r)
                + f"\nClosed between meetings, {closed_on(r.closed_at)}"
                + (f" by {visible(r.closed_by)}" if r.closed_by else ""),
            )
            for r in closed_since_last(db, meeting.id)
        ]
        note = f"{len(closed)} closed since the last meeting, at the top." if closed else ""
        return SectionRows(
            ["Review", "Action", "Owner", "Due", "Made on"],
            closed
            + [
                Row(
                    str(r.id),
                    [
                        MARKS.get(r.reviewed, MARKS[None]),
                        cell(r.text, TEXT),
                        cell(r.owner, TEXT),
                        due_cell(r.due, r.is_overdue(today)),
                        cell(r.made_on),
                    ],
                    action_detail(r),
                )
                for r in review_rows(db, meeting.id)
            ],
            "No open action items from earlier meetings. Nothing to review.",
            note=note,
            flexible=("Action", "Owner"),
            optional=("Made on",),
        )

    def edit(self, host: SectionHost, key: int) -> None:
        """Reassign it, give it a new date, say it better: where it is discussed."""
        host.show_form(action_form(host.db, host.clock, host.meeting, key, by=host.me))

    def mark(self, host: SectionHost, key: int, mark: str) -> None:
        actions.review_action(host.db, host.meeting.id, key, ActionStatus(mark), clock=host.clock)
        host.show_section(keep_cursor=True)
        host.cursor_down()  # the next row is the one people talk about next
