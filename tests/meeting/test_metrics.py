from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import event

from meeting.agenda import meetings
from meeting.catalog.metric_catalog import (
    add_metric,
    list_metrics,
    restore_metric,
    retire_metric,
    update_metric,
)
from meeting.foundations.clock import FixedClock
from meeting.foundations.errors import HuddleError
from meeting.foundations.number_format import sparkline
from meeting.numbers import metrics
from meeting.numbers.metrics import NumberRow, funnel_rates
from meeting.reads.recorded import find_meeting
from meeting.reports import closing
from storage.db import Database


def row(name: str, value: float | None, previous: float | None = None, **kw: object) -> NumberRow:
    defaults = dict(
        metric_id=1, team="sales", unit="count", direction="higher", target=None, funnel=True
    )
    defaults.update(kw)
    return NumberRow(name=name, value=value, previous=previous, **defaults)  # type: ignore[arg-type]  # defaults are the other fields, by name


def test_change_absolute_and_percent() -> None:
    r = row("Leads", 120, 100)
    assert (r.change, r.change_percent) == (20, 20)
    assert row("Leads", 80, 100).change_percent == -20


def test_change_with_zero_or_missing_previous() -> None:
    assert row("Leads", 5, 0).change == 5
    assert row("Leads", 5, 0).change_percent is None  # no percent of nothing
    assert row("Leads", 5, None).change is None
    assert row("Leads", None, 5).change is None


def test_hit_and_miss_follow_the_direction() -> None:
    assert row("SQLs", 50, target=48).on_target is True
    assert row("SQLs", 40, target=48).on_target is False
    assert row("Churn", 3, target=5, direction="lower").on_target is True
    assert row("Churn", 7, target=5, direction="lower").on_target is False
    assert row("SQLs", None, target=48).on_target is None
    assert row("SQLs", 50).on_target is None


def test_rates_between_consecutive_funnel_stages() -> None:
    rows = [
        row("Leads", 400),
        row("MQLs", 100),
        row("Revenue", 9000, funnel=False),
        row("SQLs", 0),
        row("Demos", 10),
        row("Closed-won", None),
    ]
    assert [(r.source, r.target, r.value) for r in funnel_rates(rows)] == [
        ("Leads", "MQLs", 25),
        ("MQLs", "SQLs", 0),
        ("SQLs", "Demos", None),  # from zero: no rate
        ("Demos", "Closed-won", None),  # missing value: no rate
    ]
    assert funnel_rates(rows)[0].label() == "Leads → MQLs 25%"
    assert funnel_rates(rows)[2].label() == "SQLs → Demos n/a"


def test_sparkline_scales_and_shows_gaps() -> None:
    assert sparkline([1, 2, 3, 4, 5, 6, 7, 8]) == "▁▂▃▄▅▆▇█"
    assert sparkline([5, None, 5]) == "▄·▄"
    assert sparkline([None, None]) == ""
    assert sparkline([]) == ""


def test_trend_holds_the_last_twelve_meetings(demo_db: Database, clock: FixedClock) -> None:
    latest = find_meeting(demo_db, "latest", clock=clock)
    leads = metrics.numbers(demo_db, latest)[0]
    assert len(leads.history) == 12 and leads.history[-1] == leads.value
    assert len(leads.trend) == 12
    assert leads.target == 420


def test_catalog_add_rename_retire_keeps_history(db: Database, clock: FixedClock) -> None:
    meeting_id, _ = meetings.start_meeting(db, clock=clock)
    series_id = meetings.get_meeting(db, meeting_id).series_id
    churn = add_metric(db, series_id, name="Churned", team="sales", direction="lower", target=2)
    metrics.record_value(db, meeting_id, churn, 3, clock=clock)
    with pytest.raises(HuddleError, match="already exists"):
        add_metric(db, series_id, name="churned", team="sales")
    update_metric(
        db,
        churn,
        name="Churned accounts",
        team="sales",
        unit="count",
        direction="lower",
        target=2,
        funnel=False,
        on=clock.today(),
    )
    assert metrics.numbers(db, meeting_id)[-1].name == "Churned accounts"
    assert metrics.numbers(db, meeting_id)[-1].value == 3
    retire_metric(db, churn, clock=clock)
    assert "Churned accounts" not in [n.name for n in metrics.numbers(db, meeting_id)]
    retired = list_metrics(db, series_id, include_retired=True)[-1]
    assert retired.retired and retired.name == "Churned accounts"
    history = metrics.metric_history(db, series_id, churn)
    assert [p.value for p in history] == [3]
    restore_metric(db, churn)
    assert metrics.numbers(db, meeting_id)[-1].value == 3


@pytest.mark.parametrize(
    ("kwargs", "problem"),
    [
        ({"unit": "apples"}, "unknown unit"),
        ({"direction": "up"}, "unknown direction"),
        ({"target": -1.0}, "makes no sense"),
        ({"name": "  "}, "empty"),
    ],
)
def test_bad_metric_definitions(
    db: Database, clock: FixedClock, kwargs: dict[str, Any], problem: str
) -> None:
    meeting_id, _ = meetings.start_meeting(db, clock=clock)
    series_id = meetings.get_meeting(db, meeting_id).series_id
    args = {"name": "X", "team": "sales", **kwargs}
    with pytest.raises(HuddleError, match=problem):
        add_metric(db, series_id, **args)


def statements(db: Database, read: Any) -> int:
    """How many SQL statements `read()` sends to the database."""
    sent: list[str] = []

    def count(*args: Any) -> None:
        sent.append(args[2])

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        read()
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(sent)


def test_numbers_take_as_many_queries_for_many_metrics_as_for_few(
    db: Database, clock: FixedClock
) -> None:
    """Typing a number re-reads the section: one query per metric made each key slower
    the more metrics a series has."""

    def held_on(day: dt.date) -> int:
        return meetings.start_meeting(
            db, clock=clock, series="Weekly sync", on=day, create_series_if_missing=True
        )[0]

    first = held_on(dt.date(2026, 11, 2))
    series_id = meetings.get_meeting(db, first).series_id
    for name in ("Webinars", "Trials"):
        added = add_metric(db, series_id, name=name, team="sales")
        metrics.record_value(db, first, added, 4, clock=clock)
    closing.end_meeting(db, first, clock=clock)
    second = held_on(dt.date(2026, 11, 9))
    few = statements(db, lambda: metrics.numbers(db, second))
    for n in range(6):
        add_metric(db, series_id, name=f"Extra {n}", team="sales")
    many = statements(db, lambda: metrics.numbers(db, second))
    assert many == few
    webinars = next(n for n in metrics.numbers(db, second) if n.name == "Webinars")
    assert (webinars.previous, webinars.value) == (4, None)
    assert webinars.previous_on == dt.date(2026, 11, 2)


def test_a_metrics_form_reads_it_by_key(db: Database, clock: FixedClock) -> None:
    meeting_id, _ = meetings.start_meeting(db, clock=clock)
    series_id = meetings.get_meeting(db, meeting_id).series_id
    churn = add_metric(db, series_id, name="Churned", team="sales", unit="percent")
    assert metrics.number_now(db, meeting_id, churn) == metrics.MetricNow(
        "Churned", "percent", None
    )
    metrics.record_value(db, meeting_id, churn, 3, clock=clock)
    assert metrics.number_now(db, meeting_id, churn).value == 3
    retire_metric(db, churn, clock=clock)  # in another terminal, say, while the form opens
    with pytest.raises(HuddleError, match="no metric"):
        metrics.number_now(db, meeting_id, churn)
