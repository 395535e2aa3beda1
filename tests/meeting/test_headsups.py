"""Heads-ups: carried from meeting to meeting until their end date, on both databases."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from meeting.agenda.home import home_summary
from meeting.agenda.meetings import start_meeting
from meeting.entries import headsups
from meeting.foundations.clock import FixedClock
from meeting.foundations.errors import HuddleError
from meeting.reports.closing import end_meeting
from storage.db import Database

MONDAY = dt.datetime(2026, 11, 2, 15, 0, tzinfo=dt.UTC)


def week(n: int) -> FixedClock:
    return FixedClock(MONDAY + dt.timedelta(weeks=n))


def meeting_on(db: Database, n: int) -> int:
    meeting_id, _ = start_meeting(
        db, clock=week(n), facilitator="Dana", create_series_if_missing=True
    )
    return meeting_id


def shown(db: Database, meeting_id: int) -> list[str]:
    return [row.text for row in headsups.for_meeting(db, meeting_id)]


def test_a_campaign_comes_back_until_it_ends_and_news_once(db: Database) -> None:
    first = meeting_on(db, 0)
    headsups.add_headsup(
        db,
        "Black Friday promotion",
        team="marketing",
        kind="campaign",
        starts_on=dt.date(2026, 11, 5),
        ends_on=dt.date(2026, 11, 20),
        meeting_id=first,
        clock=week(0),
    )
    headsups.add_headsup(
        db, "Prospects ask for SSO", team="sales", kind="objection", meeting_id=first, clock=week(0)
    )
    assert shown(db, first) == ["Black Friday promotion", "Prospects ask for SSO"]
    end_meeting(db, first, clock=week(0))
    # Between meetings, from the command line: news for the next meeting.
    headsups.add_headsup(db, "New case study: Acme", team="marketing", clock=week(1))
    second = meeting_on(db, 1)
    assert shown(db, second) == ["Black Friday promotion", "New case study: Acme"]
    end_meeting(db, second, clock=week(1))
    third = meeting_on(db, 2)  # 16 Nov: the promotion runs until the 20th
    assert shown(db, third) == ["Black Friday promotion"]
    end_meeting(db, third, clock=week(2))
    fourth = meeting_on(db, 3)  # 23 Nov: it has ended
    assert shown(db, fourth) == []
    assert shown(db, first) == ["Black Friday promotion", "Prospects ask for SSO"]  # a record


def test_home_shows_what_runs_today(db: Database) -> None:
    clock = FixedClock(dt.datetime(2026, 11, 10, 9, tzinfo=dt.UTC))
    headsups.add_headsup(
        db, "Webinar", team="marketing", ends_on=dt.date(2026, 11, 12), clock=clock
    )
    headsups.add_headsup(
        db,
        "Spring launch",
        team="marketing",
        starts_on=dt.date(2027, 3, 1),
        ends_on=dt.date(2027, 3, 31),
        clock=clock,
    )
    headsups.add_headsup(db, "Old", team="sales", ends_on=dt.date(2026, 11, 1), clock=clock)
    assert home_summary(db, clock=clock).headsups == [
        ("Webinar", "marketing", dt.date(2026, 11, 12))
    ]
    listed = headsups.list_headsups(db, today=clock.today())
    assert [row.text for row in listed] == ["Webinar", "Spring launch"]
    assert [row.running_on(clock.today()) for row in listed] == [True, False]


@pytest.mark.parametrize(
    ("text", "options", "says"),
    [
        ("  ", {}, "the heads-up is empty"),
        ("x", {"kind": "promo"}, "unknown kind 'promo'"),
        ("x", {"team": "two words"}, "has spaces"),
        (
            "x",
            {"starts_on": dt.date(2026, 12, 5), "ends_on": dt.date(2026, 12, 1)},
            "ends (2026-12-01) before it starts (2026-12-05)",
        ),
    ],
)
def test_bad_heads_ups_are_refused_and_nothing_is_saved(
    db: Database, text: str, options: dict[str, Any], says: str
) -> None:
    clock = FixedClock(MONDAY)
    with pytest.raises(HuddleError, match=says.replace("(", r"\(").replace(")", r"\)")):
        headsups.add_headsup(db, text, **{"team": "sales", **options}, clock=clock)
    assert headsups.list_headsups(db, today=clock.today(), everything=True) == []
