"""The lead hand-off review: since the series' last meeting, the leads sales rejected and
the recycled ones, by reason and source, and the leads past the follow-up SLA without a
first touch. It only shows: sales decides on the Leads screen or with `huddle leads`."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text

from meeting.foundations.clock import local
from meeting.foundations.text import visible
from screens.cells import cell
from screens.deferred import deferred
from screens.sections.base import TEXT, Row, SectionKind, SectionRows

if TYPE_CHECKING:
    from meeting.agenda import handoff_review
    from meeting.agenda.handoff_review import Group, Untouched
    from meeting.foundations.views import MeetingView, SectionView
    from storage.db import Database
else:
    handoff_review = deferred("meeting.agenda.handoff_review")

EMPTY = (
    "Nothing rejected or recycled since the last meeting, and no lead past the SLA "
    "untouched. Sales decides on the Leads screen (y accepts, r rejects) or with "
    "huddle leads accept|reject."
)


def _group_row(what: str, style: str, group: Group, index: int) -> Row:
    count = f"{len(group.leads)}"
    if what == "recycled":
        count += f" · {group.qualified} qualified"
    names = ", ".join(group.leads)
    said = (
        f"sent back as {group.reason}, then decided on again ({group.qualified} of "
        f"{len(group.leads)} accepted: came back qualified)"
        if what == "recycled"
        else f"rejected as {group.reason}"
    )
    detail = f"{visible(names)}\n— {said}; source {visible(group.source)}"
    cells = [
        Text(what, style=style),
        cell(group.reason, 30),
        cell(group.source, 24),
        Text(count),
        cell(names, TEXT),
    ]
    return Row(str(index), cells, detail)


def _untouched_row(u: Untouched, index: int) -> Row:
    late = f"{u.late_hours:,.0f} h over {u.hours:g} h"
    owner = f", owner {visible(u.owner)}" if u.owner else ""
    detail = (
        f"{visible(u.lead)}{owner}: handed over {local(u.handed_over_at):%Y-%m-%d %H:%M}, "
        f"no first touch {u.hours + u.late_hours:,.0f} h later; the SLA then said {u.hours:g} h"
    )
    cells = [
        Text("no touch", style="bold red"),
        Text(late),
        cell(u.source, 24),
        Text("1"),
        cell(u.lead + (f" · {u.owner}" if u.owner else ""), TEXT),
    ]
    return Row(str(index), cells, detail)


class HandOff(SectionKind):
    name = "hand-off"

    def rows(
        self, db: Database, meeting: MeetingView, section: SectionView, today: dt.date
    ) -> SectionRows:
        review = handoff_review.hand_off_review(db, meeting.id)
        columns = ["Hand-off", "Reason", "Source", "Leads", "Which"]
        if review is None:
            return SectionRows(columns, [], "This meeting has no start time: nothing is since it.")
        # Keys are the rows' places: the review is worked out, not stored.
        rows: list[Row] = []
        for group in review.rejected:
            rows.append(_group_row("rejected", "yellow", group, len(rows)))
        for group in review.recycled:
            rows.append(_group_row("recycled", "cyan", group, len(rows)))
        rows += [_untouched_row(u, len(rows) + i) for i, u in enumerate(review.untouched)]
        return SectionRows(
            columns,
            rows,
            EMPTY,
            note=f"{review.since_words()}: {review.figures()}",
            flexible=("Which", "Source", "Reason"),
        )
