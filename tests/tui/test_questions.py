"""Lead questions in the TUI: the Questions screen, and answers given elsewhere."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select

from meeting.agenda import meetings
from meeting.entries import questions
from meeting.foundations.clock import FixedClock
from screens.leads import LeadsScreen
from screens.questions import QuestionsScreen
from storage.db import Database
from tests import both
from tests.tui.helpers import screen_as, type_text, wait_for_screen, workers_finished
from tui.app import HuddleApp

demo_db = both.demo_db  # each test here on SQLite and on PostgreSQL

SIZE = (140, 40)


async def loaded(pilot: Pilot[None]) -> None:
    await workers_finished(pilot.app)
    await pilot.pause()


async def test_filter_and_answer_on_the_questions_screen(
    demo_db: Database, clock: FixedClock
) -> None:
    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("l")
        await wait_for_screen(pilot, "QuestionsScreen")
        await loaded(pilot)
        screen = screen_as(app, QuestionsScreen)
        everyone = len(screen.rows)
        assert everyone and all(q.status == "open" for q in screen.rows)
        who = screen.rows[0].assignee  # someone with a question still open
        screen.query_one("#filter-assignee", Select).value = who
        await loaded(pilot)
        assert screen.rows and {q.assignee for q in screen.rows} == {who}
        assert f"assignee {who}" in str(screen.query_one("#filter-state-line").render())
        await pilot.press("o")
        await loaded(pilot)
        assert all(q.is_overdue(clock.today()) for q in screen.rows)
        target = screen.rows[0].id
        screen.query_one("#questions", DataTable).focus()
        await pilot.press("r")
        await wait_for_screen(pilot, "EntryForm")
        await type_text(pilot, "Back to nurture")
        await pilot.press("tab", "space", "down", "down", "enter", "enter")
        await wait_for_screen(pilot, "QuestionsScreen")
        await loaded(pilot)
        answered = questions.get_question(demo_db, target)
        assert (answered.status, answered.outcome) == ("answered", "nurture")
        assert target not in [q.id for q in screen.rows]
        await pilot.press("c")
        await loaded(pilot)
        assert len(screen.rows) > everyone  # every state now
        figures = screen.query_one("#figures", DataTable)
        assert figures.row_count == 3


async def test_answer_from_elsewhere_shows_in_the_meeting(
    demo_db: Database, clock: FixedClock
) -> None:
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock)
    app = HuddleApp(demo_db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("5")
        oldest = max(questions.questions_for_meeting(demo_db, meeting_id), key=lambda q: q.carried)
        assert oldest.carried == 3 and oldest.age_days(clock.today()) == 21
        table = app.screen.query_one("#entries", DataTable)
        row = [q.id for q in questions.questions_for_meeting(demo_db, meeting_id)].index(oldest.id)
        assert str(table.get_row_at(row)[5]) == "open 21d · 3×"
        # A rep answers from their own terminal (huddle questions answer ...).
        questions.answer_question(
            demo_db, oldest.id, answer="Signed Friday", outcome="won", clock=clock
        )
        await pilot.press("4", "5")  # the section reloads when shown again
        assert str(table.get_row_at(row)[5]) == "won"
        assert str(table.get_row_at(row)[6]) == "Signed Friday"


async def test_add_a_lead_by_hand_and_see_the_nurture_list(
    demo_db: Database, clock: FixedClock
) -> None:
    from meeting.reads.lead_rows import list_leads

    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("L")
        await wait_for_screen(pilot, "LeadsScreen")
        await loaded(pilot)
        before = len(screen_as(app, LeadsScreen).rows)
        await pilot.press("a")
        await wait_for_screen(pilot, "EntryForm")
        await type_text(pilot, "Zoe Quinn")
        await pilot.press("tab")
        await type_text(pilot, "Quinn Analytics")
        await pilot.press("tab", "tab")
        await type_text(pilot, "Sam")
        await pilot.press("tab", "tab")  # past Sam's team; the status is selected on focus
        await type_text(pilot, "nurture")
        await pilot.press("enter")
        await wait_for_screen(pilot, "LeadsScreen")
        await loaded(pilot)
        assert len(screen_as(app, LeadsScreen).rows) == before + 1
        [zoe] = list_leads(demo_db, search="zoe")
        assert (zoe.company, zoe.owner, zoe.status) == ("Quinn Analytics", "Sam", "nurture")
        await pilot.press("n")
        await loaded(pilot)
        nurtured = screen_as(app, LeadsScreen).rows  # the demo's rejected leads and Zoe
        assert "Zoe Quinn" in [lead.name for lead in nurtured]
        assert {lead.status for lead in nurtured} == {"nurture"}


async def test_question_filters_offer_the_people_there_are(
    demo_db: Database, clock: FixedClock
) -> None:
    from textual.widgets import Select

    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=(130, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("l")
        await loaded(pilot)
        screen = screen_as(app, QuestionsScreen)
        who = screen.rows[0].assignee  # someone with a question open
        screen.query_one("#filter-assignee", Select).value = who  # refused if not offered
        await loaded(pilot)
        assert screen.rows and {q.assignee for q in screen.rows} == {who}


async def test_a_lead_search_typed_in_one_burst_is_applied(
    demo_db: Database, clock: FixedClock
) -> None:
    """`/`, a name and enter queued at once: the search field gets them all."""
    from tests.tui.test_fast_input import send_burst

    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("L")
        await wait_for_screen(pilot, "LeadsScreen")
        await loaded(pilot)
        everyone = len(screen_as(app, LeadsScreen).rows)
        await send_burst(pilot, ["slash", "a", "c", "m", "e", "enter"])
        await loaded(pilot)
        assert type(app.screen).__name__ == "LeadsScreen"
        assert app.screen.query_one("#lead-search", Input).value == "acme"
        assert len(screen_as(app, LeadsScreen).rows) < everyone


async def test_a_late_answer_to_an_older_search_is_dropped(
    demo_db: Database, clock: FixedClock
) -> None:
    """Leads are read in a thread that cannot be stopped: the rows for "j" may arrive after
    those for "jane", and must not replace them."""
    from meeting.reads.lead_rows import list_leads
    from screens.paging import Page
    from tests.tui.helpers import wait_for_screen, workers_done
    from tui.app import HuddleApp

    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await workers_done(pilot)
        await pilot.press("L")
        await wait_for_screen(pilot, "LeadsScreen")
        await workers_done(pilot)
        screen = screen_as(app, LeadsScreen)
        table = screen.query_one("#leads", DataTable)
        asked_j = screen.pages.restart()
        asked_jane = screen.pages.restart()
        screen.show_page(asked_jane, Page(list_leads(demo_db, search="jane"), 0, 1))
        screen.show_page(asked_j, Page(list_leads(demo_db, search="j"), 0, 9))  # late, stale
        assert table.row_count == 1
