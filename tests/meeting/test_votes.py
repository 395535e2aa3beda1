"""Dot votes within a budget, and entries turned into actions linked both ways."""

from __future__ import annotations

import pytest

from meeting.agenda import meetings
from meeting.entries import actions, items
from meeting.entries.people_changes import add_person
from meeting.entries.votes import VOTES_PER_SECTION, budgets, unvote, vote, voters_of
from meeting.foundations.clock import FixedClock
from meeting.foundations.errors import HuddleError
from meeting.foundations.statuses import ActionStatus
from meeting.foundations.views import SectionView
from meeting.reads.timeline import timeline
from meeting.reports import closing
from storage.db import Database


def _broken(db: Database, clock: FixedClock) -> tuple[int, SectionView, int, int]:
    meeting_id, _ = meetings.start_meeting(db, clock=clock, facilitator="Dana")
    view = meetings.get_meeting(db, meeting_id)
    section = next(s for s in view.sections if s.key == "broken")
    first = items.add_item(
        db, section.id, "Leads lack phone numbers", team="marketing", clock=clock
    )
    second = items.add_item(db, section.id, "Demos booked late", team="sales", clock=clock)
    return meeting_id, section, first, second


def test_votes_stay_within_each_persons_budget(db: Database, clock: FixedClock) -> None:
    _, section, first, second = _broken(db, clock)
    add_person(db, "Sam", "sales")
    assert vote(db, first, by="sam", clock=clock).said() == "Sam: 1 of 3 votes used, 2 left"
    vote(db, first, by="Sam", clock=clock)
    assert vote(db, second, by="Sam", clock=clock).left == 0
    with pytest.raises(HuddleError, match="used all 3 votes"):
        vote(db, second, by="Sam", clock=clock)
    by_id = {row.id: row.votes for row in items.items(db, section.id)}
    assert by_id == {first: 2, second: 1}  # the refused vote changed nothing
    assert budgets(db, section.id)[0].used == VOTES_PER_SECTION

    assert unvote(db, first, by="Sam").left == 1
    assert voters_of(db, first) == ["Sam"]
    with pytest.raises(HuddleError, match="has no vote on entry"):
        unvote(db, second, by="Dana")


def test_a_vote_needs_a_known_person_and_a_live_entry(db: Database, clock: FixedClock) -> None:
    _, _, first, _ = _broken(db, clock)
    with pytest.raises(HuddleError, match="unknown person 'Nobody'"):
        vote(db, first, by="Nobody", clock=clock)
    items.delete_item(db, first, clock=clock)
    with pytest.raises(HuddleError, match=f"no entry with id {first}"):
        vote(db, first, by="Dana", clock=clock)


def test_an_entry_turned_into_an_action_links_both_ways(db: Database, clock: FixedClock) -> None:
    meeting_id, section, first, _ = _broken(db, clock)
    action_id = actions.add_action(
        db,
        meeting_id=meeting_id,
        text="Make phone a required field",
        owner="Priya",
        due=None,
        clock=clock,
        from_item=first,
    )
    row = next(r for r in items.items(db, section.id) if r.id == first)
    assert (row.action_id, row.action_status) == (action_id, "open")
    said = [e.describe() for e in timeline(db, action_id)]
    assert "from the entry in What's broken: Leads lack phone numbers" in said
    actions.set_status(db, action_id, ActionStatus.DONE, clock=clock)
    row = next(r for r in items.items(db, section.id) if r.id == first)
    assert row.action_status == "done"
    with pytest.raises(HuddleError, match="already has action"):
        actions.add_action(
            db,
            meeting_id=meeting_id,
            text="Again",
            owner="Priya",
            due=None,
            clock=clock,
            from_item=first,
        )


def test_a_change_between_meetings_says_who_made_it(db: Database, clock: FixedClock) -> None:
    from meeting.agenda.between import closed_since_last

    first, _ = meetings.start_meeting(db, clock=clock, facilitator="Dana")
    action_id = actions.add_action(
        db, meeting_id=first, text="Send the deck", owner="Sam", due=None, clock=clock
    )
    closing.end_meeting(db, first, clock=clock)
    clock.advance(2 * 24 * 3600)
    with pytest.raises(HuddleError, match="unknown person"):
        actions.set_status(db, action_id, ActionStatus.DONE, clock=clock, by="Smа")
    assert actions.get_action(db, action_id).status == "open"
    actions.set_status(db, action_id, ActionStatus.DONE, clock=clock, by="Dana")
    clock.advance(5 * 24 * 3600)
    second, _ = meetings.start_meeting(db, clock=clock)
    (closed,) = closed_since_last(db, second)
    assert closed.closed_by == "Dana"
    assert timeline(db, action_id)[-1].describe() == "status open → done by Dana"
