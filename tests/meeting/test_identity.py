"""Who is at a huddle: a browser's choice kept, someone adding themselves, the hand-over,
and whose controls they are; on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlmodel import select

from meeting.agenda import meetings
from meeting.agenda.facilitator import hand_over, held_by, refusal
from meeting.entries.identity import add_me, browser_id, chosen_by, me_named, remember_browser
from meeting.entries.people_changes import add_person, merge_people
from meeting.foundations.clock import FixedClock
from meeting.foundations.errors import HuddleError
from storage.db import Database
from storage.models import Browser


def test_a_browser_is_kept_as_a_digest_and_follows_a_merge(db: Database, clock: FixedClock) -> None:
    browser = "A" * 16 + "-_z9"
    assert browser_id(browser) == browser
    assert chosen_by(db, browser) is None
    dana = add_me(db, "Dana", "marketing")
    remember_browser(db, browser, dana, clock=clock)
    assert chosen_by(db, browser) == dana
    add_person(db, "Sam", "sales")
    sam = me_named(db, "SAM")
    remember_browser(db, browser, sam, clock=clock)  # a later choice replaces it
    assert chosen_by(db, browser) == sam
    assert chosen_by(db, "B" * 20) is None
    with db.read() as session:
        keys = [row.key for row in session.exec(select(Browser))]
    assert keys and browser not in keys[0]  # what the browser sends is not kept

    add_person(db, "Sammy", "sales")
    remember_browser(db, browser, me_named(db, "Sammy"), clock=clock)
    merge_people(db, "Sammy", "Sam", clock=clock)  # a duplicate merged: the browser follows
    assert chosen_by(db, browser) == sam


@pytest.mark.parametrize("value", [None, "", "short", "x" * 65, "has space in it 123", "é" * 20])
def test_anything_but_a_browser_id_is_a_terminal(value: str | None) -> None:
    assert browser_id(value) is None


def test_adding_oneself_refuses_a_name_on_the_list(db: Database) -> None:
    add_me(db, "Dana", "marketing")
    with pytest.raises(HuddleError, match="on the list already"):
        add_me(db, "dana", "sales")
    with pytest.raises(HuddleError, match="empty"):
        add_me(db, "  ", "sales")


def test_the_controls_are_the_facilitators_until_handed_over(
    db: Database, clock: FixedClock
) -> None:
    add_person(db, "Sam", "sales")
    meeting_id, _ = meetings.start_meeting(db, clock=clock, facilitator="Dana")
    dana, sam = me_named(db, "Dana"), me_named(db, "Sam")
    view = meetings.get_meeting(db, meeting_id)
    assert held_by(view, dana) is None and held_by(view, None) is None
    assert held_by(view, sam) == "Dana"
    line = refusal(view, sam, "runs the timers")
    assert line == (
        "Dana facilitates this meeting and runs the timers; ask them to hand it to you "
        f"(H on their meeting screen, or: huddle meeting facilitator {meeting_id} 'Sam')"
    )
    assert hand_over(db, meeting_id, "sam") == ("Sam", "Dana")
    view = meetings.get_meeting(db, meeting_id)
    assert held_by(view, sam) is None and held_by(view, dana) == "Sam"
    with pytest.raises(HuddleError, match="unknown person 'Nobody'"):
        hand_over(db, meeting_id, "Nobody")
    with pytest.raises(HuddleError, match="no meeting with id 999"):
        hand_over(db, 999, "Sam")
