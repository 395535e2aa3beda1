from __future__ import annotations

import datetime as dt

import pytest

from meeting.agenda import meetings
from meeting.agenda.lookup import list_meetings, overview
from meeting.agenda.timers import go_to_section, toggle_timer
from meeting.catalog.templates import TEMPLATES
from meeting.entries import actions, questions
from meeting.foundations.clock import FixedClock
from meeting.foundations.errors import HuddleError
from meeting.foundations.statuses import ActionStatus
from meeting.reads.recorded import find_meeting
from meeting.reports import closing
from storage.db import Database


def test_start_builds_the_sync_agenda_and_starts_the_first_timer(
    db: Database, clock: FixedClock
) -> None:
    meeting_id, created = meetings.start_meeting(db, clock=clock, facilitator="Dana")
    view = meetings.get_meeting(db, meeting_id)
    assert created
    assert view.series == "Weekly sync"
    assert [s.key for s in view.sections] == [
        "review",
        "numbers",
        "working",
        "broken",
        "leads",
        "actions",
    ]
    assert [s.timebox_seconds // 60 for s in view.sections] == [5, 10, 10, 10, 10, 5]
    assert view.sections[0].running and not view.sections[1].running
    assert view.attendees == [("Dana", "sales")]


def test_start_again_resumes_the_running_meeting(db: Database, clock: FixedClock) -> None:
    first, _ = meetings.start_meeting(db, clock=clock)
    clock.advance(86400 * 3)
    again, created = meetings.start_meeting(db, clock=clock)
    assert (again, created) == (first, False)


def test_retro_templates_reuse_item_sections(db: Database, clock: FixedClock) -> None:
    meeting_id, _ = meetings.start_meeting(
        db, clock=clock, series="Retro", template="ssc", create_series_if_missing=True
    )
    view = meetings.get_meeting(db, meeting_id)
    assert [s.title for s in view.sections] == [
        "Review actions",
        "Start",
        "Stop",
        "Continue",
        "New actions",
    ]
    assert set(TEMPLATES) >= {"sync", "ssc", "4ls", "msg"}


def test_unknown_series_and_template_change_nothing(db: Database, clock: FixedClock) -> None:
    meetings.start_meeting(db, clock=clock, series="Weekly sync", create_series_if_missing=True)
    with pytest.raises(
        HuddleError, match=r"unknown series 'Weekly sinc' \(did you mean: Weekly sync\?\)"
    ):
        meetings.start_meeting(db, clock=clock, series="Weekly sinc")
    with pytest.raises(HuddleError, match="unknown template 'nope'"):
        meetings.start_meeting(db, clock=clock, template="nope")
    assert len(list_meetings(db)) == 1


def test_open_actions_and_questions_carry_over(db: Database, clock: FixedClock) -> None:
    first, _ = meetings.start_meeting(db, clock=clock)
    view = meetings.get_meeting(db, first)
    keep = actions.add_action(
        db, meeting_id=first, text="Call Acme", owner="Sam", due=dt.date(2026, 11, 27), clock=clock
    )
    done = actions.add_action(
        db,
        meeting_id=first,
        text="Fix form",
        owner="Priya",
        owner_team="marketing",
        due=None,
        clock=clock,
    )
    actions.set_status(db, done, ActionStatus.DONE, clock=clock)
    asked = questions.ask_question(
        db,
        series_id=view.series_id,
        meeting_id=first,
        text="What happened?",
        lead="Jane Cooper",
        assignee="Sam",
        asked_by="Priya",
        due=None,
        clock=clock,
    )
    closing.end_meeting(db, first, clock=clock)
    clock.advance(7 * 86400)
    second, _ = meetings.start_meeting(db, clock=clock)
    assert [r.id for r in actions.review_rows(db, second)] == [keep]
    carried = questions.questions_for_meeting(db, second)
    assert [(q.id, q.carried, q.age_days(clock.today())) for q in carried] == [(asked, 1, 7)]


def test_timer_moves_with_the_section_and_shows_overrun(db: Database, clock: FixedClock) -> None:
    meeting_id, _ = meetings.start_meeting(db, clock=clock)
    clock.advance(6 * 60)
    review = meetings.get_meeting(db, meeting_id).sections[0]
    assert review.remaining_at(clock.now()) == -60  # one minute over its 5
    go_to_section(db, meeting_id, 1, clock=clock)
    clock.advance(30)
    view = meetings.get_meeting(db, meeting_id)
    assert view.current_position == 1
    assert view.sections[0].elapsed_at(clock.now()) == 360
    assert view.sections[1].elapsed_at(clock.now()) == 30
    assert toggle_timer(db, meeting_id, clock=clock) is False
    clock.advance(100)
    assert meetings.get_meeting(db, meeting_id).sections[1].elapsed_at(clock.now()) == 30


def test_ending_stops_timers_and_blocks_them(db: Database, clock: FixedClock) -> None:
    meeting_id, _ = meetings.start_meeting(db, clock=clock)
    clock.advance(120)
    closing.end_meeting(db, meeting_id, clock=clock)
    view = meetings.get_meeting(db, meeting_id)
    assert view.status == "ended" and not any(s.running for s in view.sections)
    with pytest.raises(HuddleError, match="ended"):
        toggle_timer(db, meeting_id, clock=clock)


def test_find_meeting_by_id_date_and_latest(demo_db: Database, clock: FixedClock) -> None:
    latest = find_meeting(demo_db, "latest", clock=clock)
    assert meetings.get_meeting(demo_db, latest).date == dt.date(2026, 11, 16)
    assert find_meeting(demo_db, "2026-11-16", clock=clock) == latest
    assert find_meeting(demo_db, str(latest), clock=clock) == latest
    with pytest.raises(HuddleError, match="no meeting on 2026-11-17"):
        find_meeting(demo_db, "2026-11-17", clock=clock)
    with pytest.raises(HuddleError, match="bad date"):
        find_meeting(demo_db, "someday", clock=clock)


def test_overview_counts_open_and_overdue(db: Database, clock: FixedClock) -> None:
    meeting_id, _ = meetings.start_meeting(db, clock=clock)
    actions.add_action(
        db, meeting_id=meeting_id, text="late", owner="Sam", due=dt.date(2026, 11, 1), clock=clock
    )
    actions.add_action(
        db, meeting_id=meeting_id, text="later", owner="Sam", due=dt.date(2026, 12, 1), clock=clock
    )
    o = overview(db, clock=clock)
    assert (o.open_actions, o.overdue_actions, o.open_questions) == (2, 1, 0)


def test_a_meeting_whose_minutes_fail_stays_open_with_nothing_saved(
    db: Database, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ending and keeping the minutes are one step: a meeting was left ended with no minutes
    when writing them failed."""
    from sqlmodel import select

    import meeting.reports.minutes
    from storage.models import Meeting, MinutesRecord, Section

    meeting_id, _ = meetings.start_meeting(db, clock=clock, facilitator="Dana")
    clock.advance(90)

    def broken(data: object) -> str:
        raise OverflowError("date value out of range")

    monkeypatch.setattr(meeting.reports.minutes, "render", broken)
    with pytest.raises(OverflowError):
        closing.end_meeting(db, meeting_id, clock=clock)
    with db.read() as session:
        found = session.get(Meeting, meeting_id)
        assert found is not None and (found.status, found.ended_at) == ("running", None)
        assert session.get(MinutesRecord, meeting_id) is None
        sections = session.exec(select(Section).where(Section.meeting_id == meeting_id)).all()
        assert any(s.running_since is not None for s in sections)  # its timer still runs
    monkeypatch.undo()
    closing.end_meeting(db, meeting_id, clock=clock)
    with db.read() as session:
        assert session.get(MinutesRecord, meeting_id) is not None
        assert session.get(Meeting, meeting_id).status == "ended"  # type: ignore[union-attr]  # the row exists
