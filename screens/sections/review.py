"""Review: the open action items from earlier meetings, each marked done, still open or
dropped."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding

from meeting.actions import review_action, review_rows
from screens.cells import cell
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
    from meeting.views import MeetingView, SectionView
    from storage.db import Database

MARKS = {
    "done": Text("✓ done", style="green"),
    "open": Text("… still open", style="yellow"),
    "dropped": Text("✗ dropped", style="dim"),
    None: Text("· to review", style="bold"),
}


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
        return SectionRows(
            ["Review", "Action", "Owner", "Due", "Made on"],
            [
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
            flexible=("Action", "Owner"),
            optional=("Made on",),
        )

    def edit(self, host: SectionHost, key: int) -> None:
        """Reassign it, give it a new date, say it better: where it is discussed."""
        host.show_form(action_form(host.db, host.clock, host.meeting, key))

    def mark(self, host: SectionHost, key: int, mark: str) -> None:
        review_action(host.db, host.meeting.id, key, mark, clock=host.clock)
        host.show_section(keep_cursor=True)
        host.cursor_down()  # the next row is the one people talk about next
