"""The alignment scorecard: per month or quarter, both teams side by side, each figure with
its trend over the last periods and whether it met its target. The entry points live here:
a series' scorecard, and the month's that closes a meeting's minutes. Periods are in
`periods.py`, what is read and counted in `facts.py`, what each figure works out in
`figures.py`, and how a scorecard is shown in `card.py`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from meeting.foundations.dates import add_cadence
from meeting.foundations.errors import HuddleError
from meeting.foundations.order import held_up_to
from meeting.foundations.views import MeetingView
from meeting.numbers.card import Scorecard
from meeting.numbers.facts import Facts, _held
from meeting.numbers.periods import PERIODS, Period, _periods_ending, period_kind, period_of
from storage.db import Database
from storage.models import Meeting, PlannedMeeting, stored_id, table_of


def facts_over(
    db: Database,
    *,
    series_id: int,
    series_name: str,
    kind: str,
    periods: int,
    ending: Period | None,
    today: dt.date,
    kinds: tuple[str, ...] = PERIODS,
    needs: str = "a scorecard",
) -> tuple[Facts, list[Period]]:
    """The `periods` periods of `kind` ending with `ending` (else the last one with a
    meeting), and what the series counts in them: a scorecard and a waterfall read alike."""
    period_kind(kind, kinds)
    if not 1 <= periods <= 36:
        raise HuddleError(f"--periods must be between 1 and 36, not {periods}")
    held = _held(db, series_id)
    if not held:
        raise HuddleError(f'no meetings held in series "{series_name}" yet; {needs} needs some')
    last = ending or period_of(held[-1][1], kind)
    chosen = _periods_ending(last, kind, periods)
    facts = Facts(db, series_id, today=today, held=held, window=(chosen[0].start, last.end))
    return facts, chosen


def scorecard(
    db: Database,
    *,
    series_id: int,
    series_name: str,
    kind: str = "month",
    periods: int = 3,
    ending: Period | None = None,
    today: dt.date,
) -> Scorecard:
    facts, chosen = facts_over(
        db,
        series_id=series_id,
        series_name=series_name,
        kind=kind,
        periods=periods,
        ending=ending,
        today=today,
    )
    return facts.card(series_name, kind, chosen)


def named_series(db: Database, series: str | None, *, none_yet: str) -> tuple[int, str]:
    """The named series, or the one met in last, as (id, name); `none_yet` ends the line
    said when there is no meeting at all."""
    from meeting.agenda.series import default_series_name, resolve_series

    chosen = series or default_series_name(db)
    if chosen is None:
        raise HuddleError(f"no meetings yet (start one: huddle meeting start); {none_yet}")
    with db.read() as session:
        found = resolve_series(session, chosen)
    return stored_id(found.id), found.name


def scorecard_of(
    db: Database,
    series: str | None,
    *,
    kind: str = "month",
    periods: int = 3,
    ending: Period | None = None,
    today: dt.date,
) -> Scorecard:
    """The scorecard of the named series, or of the one met in last."""
    series_id, name = named_series(db, series, none_yet="nothing to score")
    return scorecard(
        db,
        series_id=series_id,
        series_name=name,
        kind=kind,
        periods=periods,
        ending=ending,
        today=today,
    )


def closes_month(meeting: MeetingView, *, later_in_month: bool, today: dt.date) -> bool:
    """Whether a meeting's minutes close its month with the scorecard: an alignment meeting,
    any meeting of a monthly series, and the last meeting of the month in the others, known
    as last when nothing of its series is held or planned after it that month and its next
    one by cadence falls in a later month, or the month is over."""
    if meeting.started_at is None:
        return False
    if meeting.template_key == "alignment" or meeting.cadence == "monthly":
        return True
    month_end = period_of(meeting.date, "month").end
    if later_in_month:
        return False
    return add_cadence(meeting.date, meeting.cadence) > month_end or today > month_end


def later_in_month(db: Database, meeting: MeetingView, *, today: dt.date) -> bool:
    """Whether the series has another meeting after this one in its month: held, or
    planned while the month is not over."""
    month_end = period_of(meeting.date, "month").end
    held, planned = table_of(Meeting), table_of(PlannedMeeting)
    after = ~held_up_to(held.c.date, held.c.id, meeting.date, meeting.id)
    query: Any = select(held.c.id).where(
        held.c.series_id == meeting.series_id, held.c.date <= month_end, after
    )
    if today <= month_end:
        query = query.union_all(
            select(planned.c.id).where(
                planned.c.series_id == meeting.series_id,
                planned.c.date > meeting.date,
                planned.c.date <= month_end,
            )
        )
    with db.read() as session:
        return session.execute(query.limit(1)).first() is not None


def closing_scorecard(
    db: Database,
    meeting: MeetingView,
    *,
    today: dt.date,
    later: bool | None = None,
    facts: Facts | None = None,
) -> Scorecard | None:
    """The month's scorecard for minutes that close their month (see `closes_month`): the
    series' last three months, ending with the meeting's. Exporting many meetings passes
    what it already knows: whether one comes `later` in the month, and the series' `facts`."""
    if later is None:
        later = meeting.started_at is not None and later_in_month(db, meeting, today=today)
    if not closes_month(meeting, later_in_month=later, today=today):
        return None
    ending = period_of(meeting.date, "month")
    try:
        if facts is None:
            return scorecard(
                db,
                series_id=meeting.series_id,
                series_name=meeting.series,
                ending=ending,
                today=today,
            )
        return facts.card(meeting.series, "month", _periods_ending(ending, "month", 3))
    except HuddleError:
        return None
