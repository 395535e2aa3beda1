"""The scorecards that `huddle export --all` shows under the meetings closing their month."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from meeting.foundations.views import MeetingView
from meeting.numbers.card import Scorecard
from meeting.numbers.facts import Facts
from meeting.numbers.periods import period_of
from meeting.numbers.scorecard import closes_month, closing_scorecard
from storage.db import Database
from storage.models import PlannedMeeting, table_of


class ClosingScorecards:
    """The scorecards of the meetings that close their month, each series read once and
    each of its months counted once, however many scorecards show it."""

    def __init__(self, db: Database, meetings: dict[int, Any], today: dt.date) -> None:
        self.db, self.today = db, today
        self.facts: dict[int, Facts] = {}
        self.last_of_month: dict[tuple[int, dt.date], tuple[dt.date, int]] = {}
        for m in meetings.values():
            key = (m.series_id, period_of(m.date, "month").start)
            self.last_of_month[key] = max(
                self.last_of_month.get(key, (m.date, m.id)), (m.date, m.id)
            )
        planned = table_of(PlannedMeeting)
        with db.read() as session:
            rows: Sequence[Any] = session.execute(select(planned.c.series_id, planned.c.date)).all()
        self.planned: dict[int, list[dt.date]] = defaultdict(list)
        for series_id, day in rows:
            self.planned[series_id].append(day)

    def of(self, view: MeetingView) -> Scorecard | None:
        month = period_of(view.date, "month")
        month_end = month.end
        later = self.last_of_month[(view.series_id, month.start)] > (view.date, view.id)
        if self.today <= month_end:  # a plan counts while its month is not over
            later = later or any(view.date < d <= month_end for d in self.planned[view.series_id])
        if not closes_month(view, later_in_month=later, today=self.today):
            return None
        if view.series_id not in self.facts:
            self.facts[view.series_id] = Facts(self.db, view.series_id, today=self.today)
        return closing_scorecard(
            self.db, view, today=self.today, later=later, facts=self.facts[view.series_id]
        )
