"""The scorecards and waterfalls that `huddle export --all` shows under the meetings
closing their month."""

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
from meeting.numbers.waterfall import Waterfall, closing_waterfall, lead_stage_dates
from storage.db import Database
from storage.models import PlannedMeeting, table_of


class ClosingScorecards:
    """The scorecards of the meetings that close their month, each series read once and
    each of its months counted once, however many scorecards show it."""

    def __init__(self, db: Database, meetings: dict[int, Any], today: dt.date) -> None:
        self.db, self.today = db, today
        self.facts: dict[int, Facts] = {}
        self.dates: dict[int, dict[str, dt.datetime]] | None = None
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

    def _later(self, view: MeetingView) -> bool:
        """Whether the series has another meeting after this one in its month."""
        month = period_of(view.date, "month")
        later = self.last_of_month[(view.series_id, month.start)] > (view.date, view.id)
        if self.today <= month.end:  # a plan counts while its month is not over
            later = later or any(view.date < d <= month.end for d in self.planned[view.series_id])
        return later

    def _facts(self, view: MeetingView) -> Facts:
        if view.series_id not in self.facts:
            self.facts[view.series_id] = Facts(self.db, view.series_id, today=self.today)
        return self.facts[view.series_id]

    def of(self, view: MeetingView) -> Scorecard | None:
        later = self._later(view)
        if not closes_month(view, later_in_month=later, today=self.today):
            return None
        return closing_scorecard(
            self.db, view, today=self.today, later=later, facts=self._facts(view)
        )

    def waterfall_of(self, view: MeetingView) -> Waterfall | None:
        """The month's waterfall beside its scorecard; the leads' stage dates read once."""
        later = self._later(view)
        if not closes_month(view, later_in_month=later, today=self.today):
            return None
        if self.dates is None:
            self.dates = lead_stage_dates(self.db)
        return closing_waterfall(
            self.db,
            view,
            today=self.today,
            later=later,
            facts=self._facts(view),
            dates=self.dates,
        )
