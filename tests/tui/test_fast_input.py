"""Every enter on the add line ends exactly one entry: bursts, pastes and a busy database."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from textual import events
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select

from meeting.agenda import meetings
from meeting.agenda.lookup import running_meeting
from meeting.entries import items
from meeting.entries.identity import me_named
from meeting.entries.people_changes import add_person
from meeting.foundations.clock import FixedClock
from screens.forms import EntryForm
from screens.meeting.screen import MeetingScreen
from screens.textual_patches import notifications
from storage import db as storage_db
from storage.db import Database
from storage.opening import open_database
from tests.locks import hold_write_lock, working_section
from tests.tui.helpers import screen_as, wait_for_screen
from tui.app import HuddleApp


def burst_keys(texts: list[str]) -> list[str]:
    keys: list[str] = []
    for text in texts:
        keys += [{" ": "space"}.get(c, c) for c in text]
        keys.append("enter")
    return keys


async def send_burst(pilot: Pilot, keys: list[str]) -> None:
    """Keys as a text expander or a remote terminal sends them: all in the queue before
    the app handles the first, with no pause for the app to catch up."""
    driver = pilot.app._driver
    assert driver is not None
    for key in keys:
        char = {"space": " ", "enter": "\r"}.get(key, key if len(key) == 1 else None)
        event = events.Key(key, char)
        event.set_sender(pilot.app)
        driver.send_message(event)
    await pilot.pause(0.2)


async def settle(pilot: Pilot, done: Callable[[], bool], seconds: float = 30.0) -> None:
    """Until `done`, for as long as a loaded machine may need: every key of a burst waits
    for the one before to settle (tui/keys_in_order.py), so 1,600 keys can take seconds
    with other tests on the same cores. The asserts after it say what did not happen."""
    deadline = time.monotonic() + seconds
    while not done() and time.monotonic() < deadline:
        await pilot.pause(0.05)


def texts(db: Database, section: int) -> list[str]:
    return [i.text for i in items.items(db, section)]


async def test_ten_entries_in_one_burst_are_ten_rows(db: Database, clock: FixedClock) -> None:
    section = working_section(db, clock)
    meeting_id = running_meeting(db).id  # type: ignore[union-attr]  # a meeting is running here
    typed = [f"entry {n} said fast" for n in range(1, 11)]
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("3", "a")
        await send_burst(pilot, burst_keys(typed))
        await settle(pilot, lambda: len(texts(db, section)) >= 10)
        assert app.screen.query_one("#entries", DataTable).row_count == 10
        assert app.screen.query_one("#quick-text", Input).value == ""
    assert texts(db, section) == typed


async def test_pilot_press_of_a_whole_burst(db: Database, clock: FixedClock) -> None:
    section = working_section(db, clock)
    meeting_id = running_meeting(db).id  # type: ignore[union-attr]  # a meeting is running here
    typed = ["one", "two", "three"]
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("3", "a", *burst_keys(typed))
        await settle(pilot, lambda: len(texts(db, section)) >= 3)
    assert texts(db, section) == typed


async def test_a_paste_of_several_lines_is_one_entry_a_line(
    db: Database, clock: FixedClock
) -> None:
    section = working_section(db, clock)
    meeting_id = running_meeting(db).id  # type: ignore[union-attr]  # a meeting is running here
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("3", "a", "n", "o", "t", "e", "space")
        line = app.screen.query_one("#quick-text", Input)
        line.post_message(events.Paste("one\r\ntwo\r\rthree\rfour\n"))
        await settle(pilot, lambda: len(texts(db, section)) >= 4)
        assert line.value == ""
    # what was on the line joins the first pasted line; empty lines are no entries
    assert texts(db, section) == ["note one", "two", "three", "four"]


async def test_a_one_line_paste_is_typed_in(db: Database, clock: FixedClock) -> None:
    section = working_section(db, clock)
    meeting_id = running_meeting(db).id  # type: ignore[union-attr]  # a meeting is running here
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("3", "a")
        line = app.screen.query_one("#quick-text", Input)
        line.post_message(events.Paste("pasted"))
        await pilot.pause()
        assert line.value == "pasted" and texts(db, section) == []
        await pilot.press("enter")
        await settle(pilot, lambda: texts(db, section) != [])
    assert texts(db, section) == ["pasted"]


async def test_a_busy_database_saves_each_entry_once_where_it_was_typed(
    db_path: Path, clock: FixedClock
) -> None:
    database = open_database(f"sqlite:///{db_path}", busy_ms=storage_db.UI_BUSY_TIMEOUT_MS)
    working = working_section(database, clock)
    meeting = running_meeting(database)
    assert meeting is not None
    broken = meetings.get_meeting(database, meeting.id).sections[3].id
    app = HuddleApp(database, clock=clock, meeting_id=meeting.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("3", "a")
        holder = hold_write_lock(db_path, 1.5)
        await send_burst(pilot, burst_keys(["H1", "H2", "H3"]))
        pending = app.screen.query_one("#pending")
        await settle(pilot, lambda: "3 entries" in str(pending.render()))
        assert pending.display
        shown = str(pending.render())
        assert "3 entries" in shown and "H1 · H2 · H3" in shown, shown
        assert app.screen.query_one("#quick-text", Input).value == ""
        assert any("Waiting for the database" in str(n.message) for n in notifications(app))
        # the facilitator moves on while the database is still held
        await pilot.press("escape", "n", "a")
        await send_burst(pilot, burst_keys(["B1"]))
        holder.join()
        await settle(pilot, lambda: not screen_as(app, MeetingScreen).pending)
        assert not app.screen.query_one("#pending").display
        assert app.screen.query_one("#entries", DataTable).row_count == 1
    assert texts(database, working) == ["H1", "H2", "H3"]
    assert texts(database, broken) == ["B1"]
    database.dispose()


async def test_leaving_with_unsaved_entries_asks_first(db_path: Path, clock: FixedClock) -> None:
    database = open_database(f"sqlite:///{db_path}", busy_ms=storage_db.UI_BUSY_TIMEOUT_MS)
    working = working_section(database, clock)
    meeting = running_meeting(database)
    assert meeting is not None
    app = HuddleApp(database, clock=clock, meeting_id=meeting.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("3", "a")
        release = threading.Event()
        holder = hold_write_lock(db_path, 60.0, until=release)
        try:
            await send_burst(pilot, burst_keys(["kept"]))
            await pilot.press("escape", "escape")  # close the line, then try to leave
            assert type(app.screen).__name__ == "MeetingScreen"
            said = [str(n.message) for n in notifications(app)]
            assert any("still waiting for the database" in line for line in said)
        finally:
            release.set()
            holder.join()
        await settle(pilot, lambda: not screen_as(app, MeetingScreen).pending)
        await pilot.press("escape")
        await wait_for_screen(pilot, "HomeScreen")
    assert texts(database, working) == ["kept"]
    database.dispose()


async def test_tab_after_a_long_text_puts_the_name_in_the_owner_field(
    db: Database, clock: FixedClock
) -> None:
    from meeting.entries import actions

    working_section(db, clock)
    meeting_id = running_meeting(db).id  # type: ignore[union-attr]  # a meeting is running here
    long_text = "Follow up on every webinar lead " * 50  # 1,600 characters
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("6", "a")
        await wait_for_screen(pilot, "EntryForm")
        keys = [{" ": "space"}.get(c, c) for c in long_text]
        await send_burst(pilot, [*keys, "tab", "S", "a", "m"])
        form = screen_as(app, EntryForm)
        await settle(pilot, lambda: form.values()["owner"] == "Sam")
        values = form.values()
        assert values["text"] == long_text
        assert values["owner"] == "Sam"
        await pilot.press("enter")
        await wait_for_screen(pilot, "ConfirmScreen")  # Sam is new here: asked first
        await pilot.press("y")
        await wait_for_screen(pilot, "MeetingScreen")
    [made] = actions.actions_made_in(db, meeting_id)
    assert (made.text, made.owner) == (long_text, "Sam")


async def test_a_paste_into_a_form_keeps_lines_with_plain_line_ends(
    db: Database, clock: FixedClock
) -> None:
    section = working_section(db, clock)
    meeting_id = running_meeting(db).id  # type: ignore[union-attr]  # a meeting is running here
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("3", "A")
        await wait_for_screen(pilot, "EntryForm")
        app.screen.focused.post_message(events.Paste("first\r\nsecond\rthird"))  # type: ignore[union-attr]  # a field has focus here
        await pilot.pause()
        await pilot.press("enter")
        await wait_for_screen(pilot, "MeetingScreen")
    assert texts(db, section) == ["first\nsecond\nthird"]


async def test_a_form_opens_with_its_text_unselected(db: Database, clock: FixedClock) -> None:
    section = working_section(db, clock)
    items.add_item(db, section, "kept as typed", team="sales", clock=clock)
    meeting_id = running_meeting(db).id  # type: ignore[union-attr]  # a meeting is running here
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("3", "e")
        await wait_for_screen(pilot, "EntryForm")
        await pilot.pause()
        await pilot.press("space", "!", "enter")
        await wait_for_screen(pilot, "MeetingScreen")
    assert texts(db, section) == ["kept as typed !"]


async def test_keys_right_after_a_and_escape_go_where_focus_went(
    db: Database, clock: FixedClock
) -> None:
    """`a` then text in one burst types the text on the line that `a` opened; escape then
    `n` closes the line and moves on, instead of typing `n` on the line."""
    section = working_section(db, clock)
    meeting_id = running_meeting(db).id  # type: ignore[union-attr]  # a meeting is running here
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("3")
        await send_burst(pilot, ["a", "x", "d", "enter", "escape", "n"])
        screen = screen_as(app, MeetingScreen)
        await settle(pilot, lambda: screen.section.key == "broken")
        assert screen.section.key == "broken"
    assert texts(db, section) == ["xd"]


async def test_enter_on_a_closed_list_saves_and_space_opens_it(
    demo_db: Database, clock: FixedClock
) -> None:
    from meeting.entries import questions

    meeting = running_meeting(demo_db)
    if meeting is None:
        meeting_id, _ = meetings.start_meeting(demo_db, clock=clock)
    else:
        meeting_id = meeting.id
    [question, *_] = [
        q for q in questions.list_questions(demo_db, today=clock.today()) if q.status == "open"
    ]
    app = HuddleApp(demo_db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        form = answer_form_for(app, question.id)
        await app.push_screen(form)
        await wait_for_screen(pilot, "EntryForm")
        await pilot.press("o", "k", "tab", "space")  # space opens the list
        await pilot.pause()
        assert app.screen.query_one("#field-outcome", Select).expanded
        await pilot.press("down", "down", "enter")  # enter inside the open list picks
        assert not app.screen.query_one("#field-outcome", Select).expanded
        assert type(app.screen).__name__ == "EntryForm"
        await pilot.press("enter")  # enter on the closed list saves the form
        await wait_for_screen(pilot, "MeetingScreen")
    answered = questions.get_question(demo_db, question.id)
    assert (answered.answer, answered.outcome) == ("ok", "nurture")


def answer_form_for(app: HuddleApp, question_id: int) -> EntryForm:
    from screens.question_forms import answer_form

    form = answer_form(app.db, app.clock, question_id, meeting_id=None)
    assert not isinstance(form, str)
    return form


async def test_a_participant_bursts_the_facilitators_keys_onto_the_line(
    db: Database, clock: FixedClock
) -> None:
    """t and W are the facilitator's keys on the table, refused to Sam there; typed in the
    burst after `a` they are letters of the entry (every t and W was lost to a refusal)."""
    for name in ("Dana", "Sam"):
        add_person(db, name, "sales")
    meeting_id, _ = meetings.start_meeting(db, clock=clock, facilitator="Dana")
    broken = meetings.get_meeting(db, meeting_id).sections[3]
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id, me=me_named(db, "Sam"))
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("4")
        await send_burst(pilot, ["a", *burst_keys(["Weekly tt", "Wait"])])
        await settle(pilot, lambda: len(texts(db, broken.id)) == 2)
        refusals = [str(n.message) for n in app._notifications if "facilitates" in str(n.message)]
    assert texts(db, broken.id) == ["Weekly tt", "Wait"]
    assert refusals == []


async def test_editing_keys_in_a_burst_edit_where_they_were_typed(
    db: Database, clock: FixedClock
) -> None:
    """backspace and ctrl+u typed fast among letters act where they were typed: the line
    kept "abcdxyz" (both ran after the letters behind them, on an emptied line)."""
    section = working_section(db, clock)
    meeting_id = running_meeting(db).id  # type: ignore[union-attr]  # a meeting is running here
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("3")
        keys = ["a", "a", "b", "c", "backspace", "d", "ctrl+u", "x", "y", "z", "left", "w"]
        await send_burst(pilot, [*keys, "enter"])
        await settle(pilot, lambda: bool(texts(db, section)))
    assert texts(db, section) == ["xywz"]


async def test_a_pasted_last_line_without_a_line_end_stays_on_the_line(
    db: Database, clock: FixedClock
) -> None:
    """As if typed: each line ended is an entry; what follows the last line end is still
    being typed, before what was after the cursor."""
    section = working_section(db, clock)
    meeting_id = running_meeting(db).id  # type: ignore[union-attr]  # a meeting is running here
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("3", "a", *"ab", "left")
        line = app.screen.query_one("#quick-text", Input)
        line.post_message(events.Paste("one\ntwo\nthr"))
        await settle(pilot, lambda: len(texts(db, section)) >= 2)
        await pilot.pause()
        assert texts(db, section) == ["aone", "two"]
        assert line.value == "thrb" and line.cursor_position == 3
        await pilot.press("enter")
        await settle(pilot, lambda: len(texts(db, section)) >= 3)
    assert texts(db, section) == ["aone", "two", "thrb"]
