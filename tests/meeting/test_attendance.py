"""Attendance is who the facilitator marked, not who was mentioned."""

from __future__ import annotations

import datetime as dt

import pytest

from meeting.agenda import meetings
from meeting.agenda.attendance import attendance_stats, mark_present, presence, start_from_last_time
from meeting.entries import actions
from meeting.entries.people_changes import add_person
from meeting.foundations.clock import FixedClock
from meeting.foundations.errors import HuddleError, MeetingClosed
from meeting.reports import closing
from storage.db import Database


def test_marking_presence_is_what_the_minutes_list(db: Database, clock: FixedClock) -> None:
    meeting_id, _ = meetings.start_meeting(db, clock=clock, facilitator="Sam")
    add_person(db, "Priya", "marketing")
    add_person(db, "Alex", "sales")
    actions.add_action(
        db, meeting_id=meeting_id, text="Call Acme", owner="Alex", due=None, clock=clock
    )
    view = meetings.get_meeting(db, meeting_id)
    # Owning an action is not coming to the meeting.
    assert view.attendees == [("Sam", "sales")]
    assert view.absent == [("Priya", "marketing"), ("Alex", "sales")]

    mark_present(db, meeting_id, "priya")
    mark_present(db, meeting_id, "Priya")  # twice changes nothing
    mark_present(db, meeting_id, "Sam", present=False)
    here = {p.name: p.present for p in presence(db, meeting_id)}
    assert here == {"Priya": True, "Alex": False, "Sam": False}
    view = meetings.get_meeting(db, meeting_id)
    assert view.attendees == [("Priya", "marketing")]
    assert view.absent == [("Alex", "sales"), ("Sam", "sales")]


def test_bad_presence_changes_nothing(db: Database, clock: FixedClock) -> None:
    meeting_id, _ = meetings.start_meeting(db, clock=clock, facilitator="Sam")
    with pytest.raises(HuddleError, match="no meeting with id 99"):
        mark_present(db, 99, "Sam")
    with pytest.raises(HuddleError, match="Nobody"):
        mark_present(db, meeting_id, "Nobody")
    assert [p.name for p in presence(db, meeting_id) if p.present] == ["Sam"]


def test_stats_count_meetings_held_in_the_period(db: Database) -> None:
    add_person(db, "Priya", "marketing")
    days = [dt.date(2026, 11, 2), dt.date(2026, 11, 9), dt.date(2026, 11, 16)]
    for number, day in enumerate(days):
        at = FixedClock(dt.datetime(day.year, day.month, day.day, 9, 0))
        meeting_id, _ = meetings.start_meeting(db, clock=at, facilitator="Sam", on=day)
        if number != 1:
            mark_present(db, meeting_id, "Priya")
        closing.end_meeting(db, meeting_id, clock=at)

    rows = {r.name: r for r in attendance_stats(db, series_id=None)}
    assert (rows["Sam"].attended, rows["Sam"].meetings, rows["Sam"].rate) == (3, 3, 1.0)
    assert (rows["Priya"].attended, rows["Priya"].last_attended) == (2, days[2])
    # Who keeps missing the sync comes first.
    assert [r.name for r in attendance_stats(db, series_id=None)] == ["Priya", "Sam"]

    late = attendance_stats(db, series_id=None, since=days[1], until=days[1])
    assert {r.name: r.attended for r in late} == {"Priya": 0, "Sam": 1}
    with pytest.raises(HuddleError, match="no meetings in that period"):
        attendance_stats(db, series_id=None, since=dt.date(2027, 1, 1))
    with pytest.raises(HuddleError, match="swap them"):
        attendance_stats(db, series_id=None, since=days[2], until=days[0])


def test_attendance_starts_from_who_came_last_time(db: Database) -> None:
    add_person(db, "Priya", "marketing")
    add_person(db, "Alex", "sales")
    add_person(db, "Maya", "marketing")
    days = [dt.date(2026, 11, 9), dt.date(2026, 11, 16), dt.date(2026, 11, 23)]
    ids = []
    for day in days:  # each marked while it runs: an ended meeting takes nothing new
        at = FixedClock(dt.datetime(day.year, day.month, day.day, 9, 0))
        meeting_id, _ = meetings.start_meeting(db, clock=at, facilitator="Sam", on=day)
        ids.append(meeting_id)
        if len(ids) == 1:
            assert start_from_last_time(db, meeting_id) == []  # the series' first: no last time
            mark_present(db, meeting_id, "Maya")
        elif len(ids) == 2:
            mark_present(db, meeting_id, "Priya")
            mark_present(db, meeting_id, "Alex")
            mark_present(db, meeting_id, "Sam", present=False)
        else:
            break
        closing.end_meeting(db, meeting_id, clock=at)
    # Only the facilitator marked: the last meeting's people come along, Sam stays.
    assert start_from_last_time(db, ids[2]) == ["Alex", "Priya"]
    here = {p.name for p in presence(db, ids[2]) if p.present}
    assert here == {"Alex", "Priya", "Sam"}
    # Once anyone else is marked, what the facilitator did stands.
    mark_present(db, ids[2], "Alex", present=False)
    assert start_from_last_time(db, ids[2]) == []
    assert {p.name for p in presence(db, ids[2]) if p.present} == {"Priya", "Sam"}
    closing.end_meeting(db, ids[2], clock=FixedClock(dt.datetime(2026, 11, 23, 10, 0)))
    with pytest.raises(MeetingClosed):  # an ended meeting's attendance is its record
        start_from_last_time(db, ids[2])


def test_a_meeting_whose_attendance_was_not_taken_counts_nobody_absent(db: Database) -> None:
    """Its minutes say "not recorded": in the stats and the scorecard, it is not a meeting
    everyone missed."""
    from meeting.numbers import scorecard

    add_person(db, "Priya", "marketing")
    days = [dt.date(2026, 11, 2), dt.date(2026, 11, 9)]
    for number, day in enumerate(days):
        at = FixedClock(dt.datetime(day.year, day.month, day.day, 9, 0))
        meeting_id, _ = meetings.start_meeting(db, clock=at, on=day)  # nobody facilitates
        if number == 0:
            mark_present(db, meeting_id, "Priya")
        closing.end_meeting(db, meeting_id, clock=at)
    [priya] = attendance_stats(db, series_id=None)
    assert (priya.meetings, priya.attended, priya.rate) == (1, 1, 1.0)
    with pytest.raises(HuddleError, match="no meeting in that period has its attendance taken"):
        attendance_stats(db, series_id=None, since=days[1])
    series_id = meetings.get_meeting(db, meeting_id).series_id
    card = scorecard.scorecard(
        db, series_id=series_id, series_name="Sync", kind="month", periods=1, today=days[1]
    )
    [figure] = [f for f in card.figures if f.label == "attendance"]
    assert (figure.team, figure.values) == ("marketing", [100.0])  # not 50
