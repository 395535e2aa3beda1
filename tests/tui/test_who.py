"""Each person as themselves: a browser says who it is the first time and is remembered,
`--as` names the person, and what they type, vote, ask and answer is theirs."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select

from meeting.agenda import meetings, presence
from meeting.entries import items, questions
from meeting.entries.identity import Me, chosen_by, me_named
from meeting.entries.people_changes import add_person
from meeting.foundations.clock import FixedClock
from screens.forms import EntryForm
from screens.meeting.screen import MeetingScreen
from screens.pick_person import PickPerson
from storage.db import Database
from storage.models import ActionEvent, LeadQuestion, Person
from tests.tui.helpers import screen_as, type_text, wait_for_screen
from tui.app import HuddleApp

BROWSER = "Zm9vYmFyYmF6cXV4MTIz"  # what `huddle serve` sets from a cookie


def people(db: Database, *names: str) -> None:
    for name in names:
        add_person(db, name, "sales" if name != "Priya" else "marketing")


def topbar(app: HuddleApp) -> str:
    return str(app.screen.query_one("#topbar").render())


async def test_a_browser_is_asked_who_it_is_once_and_then_remembered(
    db: Database, clock: FixedClock
) -> None:
    people(db, "Dana", "Priya", "Sam")
    app = HuddleApp(db, clock=clock, browser=BROWSER)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, "PickPerson")
        await type_text(pilot, "pri")  # filters the list down to Priya
        picker = app.screen
        assert isinstance(picker, PickPerson)
        assert [p.name for p in picker.shown if p.team is None] == ["Priya"]  # then "Add"
        await pilot.press("enter")
        await wait_for_screen(pilot, "HomeScreen")
        assert "you are Priya" in topbar(app)
    assert app.me is not None and app.me.name == "Priya"
    assert chosen_by(db, BROWSER) == app.me

    again = HuddleApp(db, clock=clock, browser=BROWSER)  # the next tab of that browser
    async with again.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.pause()
        assert "you are Priya" in topbar(again)
        assert again.screen.check_action("who", ()) is True  # w changes it


async def test_arrows_choose_and_escape_on_the_first_question_quits(
    db: Database, clock: FixedClock
) -> None:
    people(db, "Dana", "Priya", "Sam")
    app = HuddleApp(db, clock=clock, browser=BROWSER)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, "PickPerson")
        await pilot.press("down", "down", "up")
        picker = screen_as(app, PickPerson)
        assert picker.query_one("#pick-list").highlighted == 1  # type: ignore[attr-defined]
        await pilot.press("escape")
        await pilot.pause()
        assert not app.is_running  # nothing can be done as nobody in a browser
    assert chosen_by(db, BROWSER) is None


async def test_someone_new_adds_themselves_but_never_with_a_bare_enter(
    db: Database, clock: FixedClock
) -> None:
    app = HuddleApp(db, clock=clock, browser=BROWSER)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, "PickPerson")
        await pilot.press("enter")  # nothing typed: nobody is added
        await pilot.pause()
        await wait_for_screen(pilot, "PickPerson")
        await type_text(pilot, "Zed")
        await pilot.press("down", "enter")  # the second option: marketing
        await wait_for_screen(pilot, "HomeScreen")
    with db.read() as session:
        added = session.exec(select(Person)).all()
    assert [(p.name, p.team) for p in added] == [("Zed", "marketing")]
    assert chosen_by(db, BROWSER) == Me(added[0].id or 0, "Zed")


async def test_a_bad_browser_id_is_a_terminal(db: Database, clock: FixedClock) -> None:
    people(db, "Dana")
    for bad in ("short", "has spaces in it here!", "x" * 65, ""):
        app = HuddleApp(db, clock=clock, browser=bad)
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for_screen(pilot, "HomeScreen")
            await pilot.pause()
            assert app.me is None
            assert "you are" not in topbar(app)
            assert app.screen.check_action("who", ()) is False  # as home always was
            assert app.return_code is None


async def test_w_on_home_says_who_you_are_again(db: Database, clock: FixedClock) -> None:
    people(db, "Dana", "Sam")
    app = HuddleApp(db, clock=clock, me=me_named(db, "dana"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        assert "you are Dana" in topbar(app)
        await pilot.press("w")
        await wait_for_screen(pilot, "PickPerson")
        await type_text(pilot, "sam")
        await pilot.press("enter")
        await wait_for_screen(pilot, "HomeScreen")
        assert "you are Sam" in topbar(app)
        await pilot.press("w", "escape")  # changing it may be left: the app goes on
        await wait_for_screen(pilot, "HomeScreen")
        assert app.is_running and "you are Sam" in topbar(app)


async def test_what_someone_types_is_theirs(db: Database, clock: FixedClock) -> None:
    """The add line's entries, the full form's "Said by", the vote's "From", a lead
    question's "Asked by", an answer and a new action: each is the person's at this
    terminal, and a terminal that did not say stays as it was."""
    people(db, "Dana", "Priya", "Sam")
    meeting_id, _ = meetings.start_meeting(db, clock=clock, facilitator="Sam")
    sections = meetings.get_meeting(db, meeting_id).sections
    working = next(s for s in sections if s.key == "working")
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id, me=me_named(db, "Priya"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press(str(working.position + 1), "a")
        await type_text(pilot, "Webinar leads convert")
        await pilot.press("enter", "escape")
        await pilot.pause(0.3)
        assert [(i.text, i.author) for i in items.items(db, working.id)] == [
            ("Webinar leads convert", "Priya")
        ]
        await pilot.press("A")  # every field: "Said by" starts as Priya
        await wait_for_screen(pilot, "EntryForm")
        assert screen_as(app, EntryForm).values()["author"] == "Priya"
        await pilot.press("escape")
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("v")  # the vote's From
        await wait_for_screen(pilot, "EntryForm")
        assert screen_as(app, EntryForm).values()["voter"] == "Priya"
        await pilot.press("enter")
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("T")  # the entry becomes an action, made by Priya
        await wait_for_screen(pilot, "EntryForm")
        await pilot.press("tab")
        await type_text(pilot, "Dana")
        await pilot.press("enter")
        await wait_for_screen(pilot, "MeetingScreen")
        leads_at = next(s for s in sections if s.kind == "leads").position
        await pilot.press(str(leads_at + 1), "a")  # a lead question: asked by Priya
        await wait_for_screen(pilot, "EntryForm")
        assert screen_as(app, EntryForm).values()["asked_by"] == "Priya"
        await pilot.press("escape")
        await wait_for_screen(pilot, "MeetingScreen")
    assert items.items(db, working.id)[0].votes == 1
    with db.read() as session:
        made = session.exec(select(ActionEvent).where(ActionEvent.kind == "created")).one()
        priya = session.exec(select(Person).where(Person.name == "Priya")).one()
    assert made.by_id == priya.id

    asked = questions.ask_question(
        db,
        series_id=meetings.get_meeting(db, meeting_id).series_id,
        meeting_id=meeting_id,
        text="Did Acme book a demo?",
        lead="Acme",
        assignee="Sam",
        asked_by=None,
        due=None,
        clock=clock,
    )
    answering = HuddleApp(db, clock=clock, meeting_id=meeting_id, me=me_named(db, "Sam"))
    async with answering.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press(str(leads_at + 1), "r")
        await wait_for_screen(pilot, "EntryForm")
        await type_text(pilot, "Booked for Tuesday")
        await pilot.press("tab", "space", "down", "enter")  # the first outcome: working
        await pilot.press("enter")
        await wait_for_screen(pilot, "MeetingScreen")
    with db.read() as session:
        question = session.get(LeadQuestion, asked)
        sam = session.exec(select(Person).where(Person.name == "Sam")).one()
    assert question is not None and question.answered_by_id == sam.id
    assert questions.get_question(db, asked).answered_by == "Sam"


async def test_a_terminal_that_did_not_say_types_for_the_room(
    db: Database, clock: FixedClock
) -> None:
    people(db, "Dana")
    meeting_id, _ = meetings.start_meeting(db, clock=clock, facilitator="Dana")
    working = next(s for s in meetings.get_meeting(db, meeting_id).sections if s.key == "working")
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press(str(working.position + 1), "a")
        await type_text(pilot, "Case studies get replies")
        await pilot.press("enter", "escape")
        await pilot.pause(0.3)
        await pilot.press("A")
        await wait_for_screen(pilot, "EntryForm")
        assert screen_as(app, EntryForm).values()["author"] == ""
    assert [i.author for i in items.items(db, working.id)] == [None]


async def test_the_others_here_are_named_and_the_facilitators_terminal_leads(
    db_path: Path, clock: FixedClock
) -> None:
    """Another terminal that said who it is shows by name; the facilitator's terminal is
    the one marked ▶ (and followed), though another has had the meeting open longer."""
    import datetime as dt

    from storage.opening import open_database

    url = f"sqlite:///{db_path}"
    here, there = open_database(url), open_database(url)
    try:
        people(here, "Dana", "Sam", "Priya")
        meeting_id, _ = meetings.start_meeting(here, clock=clock, facilitator="Dana")
        dana = me_named(there, "Dana")
        earlier = FixedClock(clock.now() - dt.timedelta(minutes=2))
        presence.here(there, meeting_id, "old-laptop", "sam@laptop", 1, clock=earlier)
        presence.here(there, meeting_id, "old-laptop", "sam@laptop", 1, clock=clock)
        presence.here(there, meeting_id, "browser-1", "Dana", 3, clock=clock, person_id=dana.id)
        app = HuddleApp(here, clock=clock, meeting_id=meeting_id, me=me_named(here, "Priya"))
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for_screen(pilot, "MeetingScreen")
            screen = screen_as(app, MeetingScreen)
            for _ in range(40):
                if screen.meeting.current_position == 3:
                    break
                await pilot.pause(0.05)
            note = str(screen.query_one("#here-too").render())
            assert "Dana · 4 ▶" in note and "sam@laptop · 2\n" in note + "\n"
            assert screen.following and screen.meeting.current_position == 3  # follows Dana
            rows = presence.others(there, meeting_id, "browser-1", clock=clock)
            assert [o.who for o in rows] == ["sam@laptop", "Priya"]
    finally:
        there.dispose()
        here.dispose()
