"""A typo never adds a person or a lead: new names are shown as new and confirmed first."""

from __future__ import annotations

from sqlmodel import select
from textual.pilot import Pilot

from meeting.agenda import meetings
from meeting.entries import actions, questions
from meeting.foundations.clock import FixedClock
from storage.db import Database
from storage.models import Lead, Person
from tests.tui.helpers import type_text, wait_for_screen
from tui.app import HuddleApp


def people(db: Database) -> set[str]:
    with db.read() as session:
        return set(session.exec(select(Person.name)))


async def open_action_form(pilot: Pilot[None]) -> None:
    await wait_for_screen(pilot, "MeetingScreen")
    await pilot.press("6", "a")
    await wait_for_screen(pilot, "EntryForm")
    await type_text(pilot, "Send the case study")
    await pilot.press("tab")


async def test_a_typo_in_a_name_is_caught_and_fixed(demo_db: Database, clock: FixedClock) -> None:
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock)
    before = people(demo_db)
    app = HuddleApp(demo_db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_action_form(pilot)
        await type_text(pilot, "Sma")
        hint = str(app.screen.query_one("#hint-owner").render())
        assert hint == "new person (did you mean: Sam?)"
        await pilot.press("enter")
        await wait_for_screen(pilot, "ConfirmScreen")
        question = " ".join(str(s.render()) for s in app.screen.query("Static"))
        assert "Add a new person?" in question and "did you mean: Sam?" in question
        assert "Sma (sales)" in question  # the team the new person would get
        await pilot.press("n")
        await wait_for_screen(pilot, "EntryForm")
        assert "person-name" in app.screen.focused.classes  # type: ignore[union-attr]  # a field has focus here
        assert people(demo_db) == before
        await pilot.press("backspace", "backspace")
        await type_text(pilot, "am")
        assert str(app.screen.query_one("#hint-owner").render()) == ""
        await pilot.press("enter")  # a known name: saved without a question
        await wait_for_screen(pilot, "MeetingScreen")
    assert people(demo_db) == before
    [made] = actions.actions_made_in(demo_db, meeting_id)
    assert made.owner == "Sam"


async def test_a_new_person_is_added_with_the_team_chosen(
    demo_db: Database, clock: FixedClock
) -> None:
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock)
    app = HuddleApp(demo_db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_action_form(pilot)
        await type_text(pilot, "Noor")
        await pilot.press("tab", "space", "down", "enter")  # team: marketing
        await pilot.press("enter")
        await wait_for_screen(pilot, "ConfirmScreen")
        await pilot.press("y")
        await wait_for_screen(pilot, "MeetingScreen")
    with demo_db.read() as session:
        noor = session.exec(select(Person).where(Person.name == "Noor")).one()
        assert noor.team == "marketing"


async def test_a_new_lead_with_its_company_is_confirmed(
    demo_db: Database, clock: FixedClock
) -> None:
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock)
    app = HuddleApp(demo_db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("5", "a")
        await wait_for_screen(pilot, "EntryForm")
        await type_text(pilot, "Still evaluating?")
        await pilot.press("tab")
        await type_text(pilot, "Bob Smith (Globex)")
        assert str(app.screen.query_one("#hint-lead").render()).startswith("new lead")
        await pilot.press("tab")
        await type_text(pilot, "Priya")
        await pilot.press("tab", "tab")  # past Priya's team, on record
        await type_text(pilot, "Sam")
        await pilot.press("enter")
        await wait_for_screen(pilot, "ConfirmScreen")
        assert "'Bob Smith (Globex)' is not a known lead" in " ".join(
            str(s.render()) for s in app.screen.query("Static")
        )
        await pilot.press("y")
        await wait_for_screen(pilot, "MeetingScreen")
    with demo_db.read() as session:
        bob = session.exec(select(Lead).where(Lead.name == "Bob Smith")).one()
        assert bob.company == "Globex"
    asked = [
        q
        for q in questions.list_questions(demo_db, today=clock.today())
        if q.text == "Still evaluating?"
    ]
    assert asked and asked[0].lead == "Bob Smith"


async def test_a_known_lead_is_suggested_with_its_company(
    demo_db: Database, clock: FixedClock
) -> None:
    from meeting.entries.leads import lead_labels

    labels = lead_labels(demo_db)
    known = next(label for label in labels if "(" in label)
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock)
    app = HuddleApp(demo_db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("5", "a")
        await wait_for_screen(pilot, "EntryForm")
        await pilot.press("tab")
        await type_text(pilot, known[:4])
        await pilot.pause(0.2)
        assert app.screen.focused._suggestion.lower().startswith(known[:4].lower())  # type: ignore[union-attr]  # a field has focus here
        await pilot.press("right")  # accepts the suggestion: a known lead, with its company
        assert app.screen.focused.value in labels  # type: ignore[union-attr]  # a field has focus here
        assert str(app.screen.query_one("#hint-lead").render()) == ""
