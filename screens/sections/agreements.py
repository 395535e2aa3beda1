"""Agreements in a meeting: each text both teams keep, how old it is and its last change;
`e` writes a new version, which belongs to this meeting."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text

from meeting.foundations.clock import FixedClock, midnight
from meeting.foundations.text import visible
from screens.cells import cell
from screens.deferred import deferred
from screens.form_fields import Field, FormValues
from screens.sections.base import TEXT, Row, SectionHost, SectionKind, SectionRows

if TYPE_CHECKING:
    from meeting.entries import agreements
    from meeting.foundations.views import MeetingView, SectionView
    from storage.db import Database
else:
    agreements = deferred("meeting.entries.agreements")

OLD = 180  # days after which an agreement is shown as due for a look


class Agreements(SectionKind):
    name = "agreements"
    keys = frozenset({"edit"})

    def rows(
        self, db: Database, meeting: MeetingView, section: SectionView, today: dt.date
    ) -> SectionRows:
        rows = []
        on = meeting.date
        for a in agreements.list_agreements(db, clock=_clock_at(meeting, today)):
            current = a.current
            if current is None:
                says = Text(agreements.PURPOSE.get(a.name, ""), style="dim italic")
                age, last = Text("not written", style="yellow"), Text("")
                detail = f"{a.name}: not written yet. Press e to write what both teams agree."
            else:
                first_line = current.text.strip().splitlines()[0] if current.text.strip() else ""
                numbers = current.numbers(" · ")
                says = cell((numbers + " · " if numbers else "") + first_line, TEXT)
                days = a.age_days(on) or 0
                age = Text(f"{max(days, 0)}d", style="yellow" if days > OLD else "")
                here = current.meeting_id == meeting.id
                last = Text(
                    "changed here" if here else f"v{current.number}", style="bold" if here else ""
                )
                detail = visible(current.text) + "\n" + visible(current.change())
                if numbers:
                    detail += "\n" + numbers
            rows.append(
                Row(str(a.id), [cell(a.name, 30), Text(a.owner_team), says, age, last], detail)
            )
        return SectionRows(
            ["Agreement", "Team", "Says", "Age", "Last"],
            rows,
            "No agreements.",
            flexible=("Says",),
            optional=("Team", "Last"),
        )

    def edit(self, host: SectionHost, key: int) -> None:
        db, clock, meeting = host.db, host.clock, host.meeting
        found = next(a for a in agreements.list_agreements(db, clock=clock) if a.id == key)
        current = found.current
        fields = [
            Field(
                "text",
                f"{found.name} ({found.owner_team}) · ctrl+s saves",
                kind="long",
                value=found.text,
            ),
            Field(
                "why",
                "Why it changes",
                placeholder="e.g. half of last month's SQLs never booked a demo",
            ),
            Field("by", "Changed by", kind="person", value=host.me or meeting.facilitator or ""),
        ]
        if found.name == agreements.SLA:
            fields += [
                Field(
                    "hours",
                    "Hours from hand-over to sales' first touch",
                    value=f"{current.follow_up_hours:g}"
                    if current and current.follow_up_hours
                    else "",
                ),
                Field(
                    "days",
                    "Days to answer a lead question",
                    value=f"{current.answer_days:g}" if current and current.answer_days else "",
                ),
            ]

        def save(form: FormValues) -> None:
            agreements.edit_agreement(
                db,
                found.name,
                form["text"],
                clock=clock,
                by=form["by"] or None,
                why=form["why"],
                meeting_id=meeting.id,
                follow_up_hours=form.values.get("hours") or None,
                answer_days=form.values.get("days") or None,
            )

        host.open_form(f"Agreement: {found.name}", fields, save)


def _clock_at(meeting: MeetingView, today: dt.date) -> FixedClock:
    """Defaults made while a section is read carry the meeting's time, not the wall's."""
    moment = meeting.started_at or midnight(today)
    return FixedClock(moment)
