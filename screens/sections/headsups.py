"""Heads-ups: what one team must know from the other, carried until they end."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text

from meeting.foundations.dates import DATE_HINT, parse_optional_date
from meeting.foundations.text import visible
from meeting.reads.meeting_view import headsups_for
from screens.cells import cell
from screens.deferred import deferred
from screens.form_fields import Field, FormValues
from screens.sections.base import TEXT, Row, SectionHost, SectionKind, SectionRows, Undo

if TYPE_CHECKING:
    from meeting.entries import headsups
    from meeting.foundations.views import MeetingView, SectionView
    from storage.db import Database
else:
    headsups = deferred("meeting.entries.headsups")


class HeadsUps(SectionKind):
    name = "heads-up"
    keys = frozenset({"add", "add_with_details", "delete"})

    def rows(
        self, db: Database, meeting: MeetingView, section: SectionView, today: dt.date
    ) -> SectionRows:
        rows = []
        for h in headsups_for(db, meeting.id):
            running = h.running_on(meeting.date)
            when = Text(h.dates(), style="bold" if running else "")
            detail = visible(h.text) + (f"\n— {visible(h.author)}" if h.author else "")
            if h.ends_on is not None:
                detail += f"\nShown in every meeting until {h.ends_on:%a %d %b %Y}."
            rows.append(
                Row(
                    str(h.id),
                    [cell(h.team, TEXT), Text(h.kind), cell(h.text, TEXT), when],
                    detail,
                )
            )
        return SectionRows(
            ["From", "Kind", "Heads-up", "Dates"],
            rows,
            "No heads-ups. Press a for a campaign, new content or an objection heard.",
            flexible=("Heads-up",),
            optional=("Kind",),
        )

    def add(self, host: SectionHost) -> None:
        db, clock, meeting = host.db, host.clock, host.meeting
        fields = [
            Field("text", "Heads-up", placeholder="e.g. Black Friday promotion, 25-30 Nov"),
            Field("team", "From team", kind="choice", choices=host.teams(), value="marketing"),
            Field("kind", "Kind", kind="choice", choices=list(headsups.KINDS), value="campaign"),
            Field("starts", f"From (optional; {DATE_HINT})"),
            Field("ends", "Until (optional: shown in every meeting until then)"),
        ]

        def save(form: FormValues) -> None:
            today = clock.today()
            headsups.add_headsup(
                db,
                form["text"],
                team=form["team"] or "marketing",
                kind=form["kind"] or "other",
                starts_on=parse_optional_date(form["starts"], today),
                ends_on=parse_optional_date(form["ends"], today),
                meeting_id=meeting.id,
                clock=clock,
            )

        host.open_form("Add a heads-up", fields, save)

    def add_with_details(self, host: SectionHost) -> None:
        self.add(host)

    def delete(self, host: SectionHost, key: int) -> Undo:
        db, meeting_id = host.db, host.meeting.id
        headsups.delete_headsup(db, key, clock=host.clock, meeting_id=meeting_id)
        return Undo(
            "delete",
            lambda: headsups.restore_headsup(db, key, meeting_id=meeting_id),
            "Deleted. Press u to undo.",
        )
