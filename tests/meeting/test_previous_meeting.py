""" "Last meeting" is the previous meeting of the series by its order (date, then id), on
every path that shows it: the meeting's Numbers, the minutes, export --all, `metrics show`
and the items backed by a metric. A hand-made history with several meetings a day."""

from __future__ import annotations

import datetime as dt

from meeting.agenda import meetings
from meeting.agenda.lookup import list_meetings
from meeting.entries import items
from meeting.foundations.clock import FixedClock
from meeting.foundations.order import previous_recorded
from meeting.numbers import metrics
from meeting.reports import closing
from meeting.reports.minutes import collect, render
from meeting.reports.minutes_bulk import collect_all
from storage.db import Database
from tests.cli.helpers import invoke

# (date, Leads) in the order the meetings are held; None: the meeting recorded no Leads.
HELD = [
    (dt.date(2026, 11, 2), 410.0),
    (dt.date(2026, 11, 9), 425.0),
    (dt.date(2026, 11, 9), 440.0),  # a second meeting on the same day
    (dt.date(2026, 11, 9), None),  # a third, which skipped the number
    (dt.date(2026, 11, 16), 452.0),
    (dt.date(2026, 11, 16), 449.0),
]
# What each meeting compares with: the last Leads recorded before it, by the series' order.
EXPECTED_PREVIOUS = [None, 410.0, 425.0, 440.0, 440.0, 452.0]


def _history(db: Database, clock: FixedClock) -> list[int]:
    held = []
    for day, leads in HELD:
        meeting_id, created = meetings.start_meeting(
            db, clock=clock, series="Weekly sync", on=day, create_series_if_missing=True
        )
        assert created
        if leads is not None:
            leads_metric = next(r for r in metrics.numbers(db, meeting_id) if r.name == "Leads")
            metrics.record_value(db, meeting_id, leads_metric.metric_id, leads, clock=clock)
        working = meetings.get_meeting(db, meeting_id).sections[2]
        leads_id = next(r for r in metrics.numbers(db, meeting_id) if r.name == "Leads").metric_id
        items.add_item(
            db, working.id, "webinar leads", team="marketing", metric_id=leads_id, clock=clock
        )
        closing.end_meeting(db, meeting_id, clock=clock)
        held.append(meeting_id)
    return held


def _leads(rows: list[metrics.NumberRow]) -> metrics.NumberRow:
    return next(r for r in rows if r.name == "Leads")


def test_the_one_rule_carries_over_a_meeting_that_skipped_the_number() -> None:
    assert previous_recorded([1, 2, None, 3]) == [None, 0, 1, 1]
    assert previous_recorded([None, None]) == [None, None]


def test_every_path_compares_with_the_previous_meeting_of_the_series(
    db: Database, clock: FixedClock
) -> None:
    held = _history(db, clock)
    assert [m.id for m in list_meetings(db)][::-1] == held  # newest first, by the same order

    shown = [_leads(metrics.numbers(db, m)) for m in held]
    assert [row.previous for row in shown] == EXPECTED_PREVIOUS
    assert shown[2].change == 15  # not 30 against the day before
    assert shown[2].previous_on == dt.date(2026, 11, 9)

    bulk = {data.meeting.id: data for data in collect_all(db, held, today=clock.today())}
    for meeting_id in held:
        one = collect(db, meeting_id, today=clock.today())
        assert _leads(bulk[meeting_id].numbers) == _leads(one.numbers), meeting_id
        assert render(bulk[meeting_id]) == render(one), meeting_id

    minutes = render(collect(db, held[2], today=clock.today()))
    assert "| Leads | 440 |" in minutes and "+15" in minutes, minutes
    assert "backed by Leads: 440, last meeting 425" in minutes

    url = db.engine.url.render_as_string(hide_password=False)
    result = invoke(url, "metrics", "show", "Leads", "--format", "json")
    assert result.exit_code == 0, result.output
    import json

    changes = [row["change"] for row in json.loads(result.output)]
    assert changes == [
        None if value is None or row.previous is None else value - row.previous
        for (_, value), row in zip(HELD, shown, strict=True)
    ]
    # The latest meetings alone still compare with the ones before them.
    latest = invoke(url, "metrics", "show", "Leads", "--last", "2", "--format", "json")
    assert [row["change"] for row in json.loads(latest.output)] == [12.0, -3.0]


def test_news_between_meetings_is_shown_once_when_two_are_held_on_one_day(db: Database) -> None:
    from meeting.entries import headsups

    def at(hour: int) -> FixedClock:
        return FixedClock(dt.datetime(2026, 11, 9, hour, tzinfo=dt.UTC))

    def hold(day: dt.date, start: int, end: int) -> int:
        meeting_id, _ = meetings.start_meeting(
            db,
            clock=at(start),
            series="Weekly sync",
            template="alignment",
            on=day,
            create_series_if_missing=True,
        )
        closing.end_meeting(db, meeting_id, clock=at(end))
        return meeting_id

    hold(dt.date(2026, 11, 2), 1, 2)
    headsups.add_headsup(db, "price change on Monday", team="marketing", clock=at(3))
    morning = hold(dt.date(2026, 11, 9), 4, 5)
    afternoon = hold(dt.date(2026, 11, 9), 6, 7)
    assert [h.text for h in headsups.for_meeting(db, morning)] == ["price change on Monday"]
    assert headsups.for_meeting(db, afternoon) == []  # the morning meeting already had it
