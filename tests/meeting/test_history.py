"""History queries, timelines and figures, with hand-computed expectations."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from meeting.agenda import meetings
from meeting.agenda.lookup import running_meeting
from meeting.entries import actions
from meeting.foundations.clock import FixedClock
from meeting.foundations.errors import AlreadySo, HuddleError
from meeting.foundations.statuses import ActionStatus
from meeting.reads.history import ActionFilter, action_figures, count_actions, list_actions
from meeting.reads.timeline import timeline
from meeting.reports import closing
from storage.db import Database


@pytest.fixture
def week(db: Database, clock: FixedClock) -> dict[str, int]:
    """Three people, five actions, a week of work: on time, late, dropped, open, overdue."""
    meeting_id, _ = meetings.start_meeting(db, clock=clock)
    monday = clock.today()

    def add(text: str, owner: str, team: str, due_in: int) -> int:
        return actions.add_action(
            db,
            meeting_id=meeting_id,
            text=text,
            owner=owner,
            owner_team=team,
            due=monday + dt.timedelta(days=due_in),
            clock=clock,
        )

    ids = {
        "on_time": add("Fix the form", "Sam", "sales", 3),
        "late": add("Call Acme", "Sam", "sales", 1),
        "dropped": add("Old idea", "Sam", "sales", 5),
        "open": add("Write the case study", "Priya", "marketing", 10),
        "overdue": add("Clean the list", "Priya", "marketing", 2),
    }
    clock.advance(2 * 86400)  # Wednesday
    actions.set_status(db, ids["on_time"], ActionStatus.DONE, clock=clock)
    actions.set_status(db, ids["late"], ActionStatus.DONE, clock=clock)
    actions.set_status(db, ids[ActionStatus.DROPPED], ActionStatus.DROPPED, clock=clock)
    clock.advance(2 * 86400)  # Friday: "Clean the list" (due Wednesday) is overdue
    return ids


def test_figures_per_owner(db: Database, clock: FixedClock, week: dict[str, int]) -> None:
    figures = {
        f.name: f.as_dict("owner") for f in action_figures(db, ActionFilter(), today=clock.today())
    }
    assert figures["Sam"] == {
        "owner": "Sam",
        "open": 0,
        "overdue": 0,
        "done_on_time": 1,
        "done_late": 1,
        "dropped": 1,
        "completion_rate": 66.7,  # a percentage to the tenth, as the scorecard writes
        "median_days_to_done": 2.0,
    }
    assert figures["Priya"] == {
        "owner": "Priya",
        "open": 2,
        "overdue": 1,
        "done_on_time": 0,
        "done_late": 0,
        "dropped": 0,
        "completion_rate": 0.0,
        "median_days_to_done": None,
    }
    teams = {
        f.name: f.total for f in action_figures(db, ActionFilter(), today=clock.today(), by="team")
    }
    assert teams == {"marketing": 2, "sales": 3}


def test_filters_and_sorting(db: Database, clock: FixedClock, week: dict[str, int]) -> None:
    today = clock.today()

    def ids(**kw: Any) -> list[int | None]:
        sort = kw.pop("sort", "id")
        descending = kw.pop("descending", False)
        return [
            r.id
            for r in list_actions(
                db, ActionFilter(**kw), today=today, sort=sort, descending=descending
            )
        ]

    assert ids(owner="sam") == [week["on_time"], week["late"], week["dropped"]]
    assert ids(team="marketing") == [week["open"], week["overdue"]]
    assert ids(status="open") == [week["open"], week["overdue"]]
    assert ids(overdue=True) == [week["overdue"]]
    assert ids(search="ACME") == [week["late"]]
    assert ids(due_from=today, due_to=today + dt.timedelta(days=10)) == [
        week["dropped"],
        week["open"],
    ]
    assert ids(sort="due")[0] == week["late"]
    assert ids(sort="due", descending=True)[0] == week["open"]
    assert ids(sort="text")[0] == week["late"]  # "Call Acme"
    assert ids(since=today) == []  # everything was made on Monday
    assert count_actions(db, ActionFilter(owner="Priya"), today=today) == 2


def test_paging_returns_every_row_once(
    db: Database, clock: FixedClock, week: dict[str, int]
) -> None:
    today = clock.today()
    pages = [
        list_actions(db, ActionFilter(), today=today, sort="owner", offset=o, limit=2)
        for o in (0, 2, 4)
    ]
    seen = [r.id for page in pages for r in page]
    assert sorted(seen) == sorted(week.values()) and len(seen) == 5


@pytest.mark.parametrize(
    ("flt", "message"),
    [
        (ActionFilter(owner="Sma"), r"unknown person 'Sma' \(did you mean: Sam\?\)"),
        (ActionFilter(status="closed"), "unknown status 'closed'"),
        (ActionFilter(status="done", overdue=True), "cannot be combined"),
        (ActionFilter(since=dt.date(2026, 12, 1), until=dt.date(2026, 11, 1)), "range is empty"),
        (ActionFilter(series="Nope"), "unknown series 'Nope'"),
    ],
)
def test_bad_filters(
    db: Database, clock: FixedClock, week: dict[str, int], flt: ActionFilter, message: str
) -> None:
    with pytest.raises(HuddleError, match=message):
        list_actions(db, flt, today=clock.today())


def test_timeline_tells_the_whole_story(
    db: Database, clock: FixedClock, week: dict[str, int]
) -> None:
    late = week["late"]
    actions.comment_action(db, late, "waited for legal", clock=clock)
    closing.end_meeting(db, running_meeting(db).id, clock=clock)  # type: ignore[union-attr]  # a meeting is running here
    clock.advance(3 * 86400)
    with pytest.raises(AlreadySo):  # no change: no event
        actions.set_status(db, week["overdue"], ActionStatus.OPEN, clock=clock)
    second, _ = meetings.start_meeting(db, clock=clock)
    actions.review_action(db, second, week["overdue"], ActionStatus.DONE, clock=clock)
    story = [e.describe() for e in timeline(db, week["overdue"])]
    assert story == [
        "created in Weekly sync 2026-11-23",
        "carried into Weekly sync 2026-11-30",
        "reviewed in Weekly sync 2026-11-30: done",
        "status open → done in Weekly sync 2026-11-30",
    ]
    assert [e.kind for e in timeline(db, late)] == ["created", "status", "comment"]
    with pytest.raises(HuddleError, match="no action item with id 999"):
        timeline(db, 999)


def test_median_days_to_done_odd_and_even(db: Database, clock: FixedClock) -> None:
    """Medians come from SQL window functions: check both the middle row and the mean of
    the two middle rows."""
    meeting_id, _ = meetings.start_meeting(db, clock=clock)
    made = [
        actions.add_action(
            db, meeting_id=meeting_id, text=f"a{n}", owner=owner, due=None, clock=clock
        )
        for n, owner in enumerate(["Ann", "Ann", "Ann", "Bo", "Bo", "Bo", "Bo"])
    ]
    for days, action_id in zip([1, 2, 10, 1, 2, 4, 10], made, strict=True):
        start = clock.current
        clock.current = start + dt.timedelta(days=days)
        actions.set_status(db, action_id, ActionStatus.DONE, clock=clock)
        clock.current = start
    figures = {
        f.name: f.median_days_to_done
        for f in action_figures(db, ActionFilter(), today=clock.today())
    }
    assert figures == {"Ann": 2.0, "Bo": 3.0}
