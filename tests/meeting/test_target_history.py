"""A target changed today applies from today on: an October meeting, October's scorecard,
its waterfall and its minutes (one meeting or all at once) keep October's target, on both
databases."""

from __future__ import annotations

import datetime as dt

from meeting.catalog.metric_catalog import list_metrics, update_metric
from meeting.catalog.target_history import SINCE_EVER, histories, target_on
from meeting.numbers import metrics, scorecard
from meeting.numbers.periods import parse_period
from meeting.numbers.waterfall import waterfall
from meeting.reports.minutes import collect
from meeting.reports.minutes_bulk import collect_all
from storage.db import Database
from tests import both
from tests.meeting.test_scorecard import figure, history

db = both.db  # on SQLite and on PostgreSQL
TODAY = dt.date(2026, 11, 23)
CHANGED = dt.date(2026, 11, 1)  # MQLs' target goes from 40 to 60 a meeting (Leads: 100)


def raise_mqls_target(db: Database, series_id: int, target: float, on: dt.date) -> None:
    mqls = next(m for m in list_metrics(db, series_id) if m.name == "MQLs")
    update_metric(
        db,
        mqls.id,
        name=mqls.name,
        team=mqls.team,
        unit=mqls.unit,
        direction=mqls.direction,
        target=target,
        funnel=mqls.funnel,
        on=on,
    )


def test_each_month_is_judged_against_its_own_target(db: Database) -> None:
    found = history(db)
    series_id = found["series"]
    raise_mqls_target(db, series_id, 60, CHANGED)
    october = scorecard.scorecard(
        db,
        series_id=series_id,
        series_name="Sync",
        kind="month",
        periods=2,
        ending=parse_period("2026-10", "month"),
        today=TODAY,
    )
    assert figure(october, "marketing", "Leads → MQLs").target == 40.0
    november = scorecard.scorecard(
        db, series_id=series_id, series_name="Sync", kind="month", periods=2, today=TODAY
    )
    rate = figure(november, "marketing", "Leads → MQLs")
    assert rate.values == [30.0, 50.0] and rate.target == 60.0 and rate.met is False
    fall = waterfall(db, series_id=series_id, series_name="Sync", periods=2, today=TODAY)
    leads = [next(s for s in p.steps if s.stage == "Leads") for p in fall.periods]
    assert [s.target for s in leads] == [40.0, 60.0]  # on to MQLs, against its target then


def test_a_meeting_and_its_minutes_keep_the_target_of_their_day(db: Database) -> None:
    found = history(db)
    raise_mqls_target(db, found["series"], 60, CHANGED)

    def mqls_target(meeting_id: int) -> float | None:
        return next(r.target for r in metrics.numbers(db, meeting_id) if r.name == "MQLs")

    assert mqls_target(found["2026-10-19"]) == 40.0
    assert mqls_target(found["2026-11-02"]) == 60.0
    ids = [found["2026-10-19"], found["2026-11-02"]]
    one_by_one = [collect(db, i, today=TODAY).numbers for i in ids]
    assert [data.numbers for data in collect_all(db, ids, today=TODAY)] == one_by_one


def test_a_second_change_the_same_day_replaces_the_first(db: Database) -> None:
    found = history(db)
    series_id = found["series"]
    raise_mqls_target(db, series_id, 60, CHANGED)
    raise_mqls_target(db, series_id, 55, CHANGED)
    raise_mqls_target(db, series_id, 55, CHANGED)  # the same target again changes nothing
    mqls = next(m for m in list_metrics(db, series_id) if m.name == "MQLs")
    with db.read() as session:
        changes = histories(session.execute, [mqls.id])[mqls.id]
    assert changes == [(SINCE_EVER, 40.0), (CHANGED, 55.0)]
    assert mqls.target == 55.0


def test_the_target_in_force_on_a_day() -> None:
    changes = [(SINCE_EVER, 40.0), (dt.date(2026, 11, 1), 60.0), (dt.date(2026, 12, 1), None)]
    assert target_on(changes, dt.date(2026, 10, 31), 99.0) == 40.0
    assert target_on(changes, dt.date(2026, 11, 1), 99.0) == 60.0
    assert target_on(changes, dt.date(2026, 12, 24), 99.0) is None  # no target any more
    assert target_on(None, dt.date(2026, 10, 31), 99.0) == 99.0  # never changed
