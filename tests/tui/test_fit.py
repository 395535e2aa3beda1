"""Screens fit the terminal: no date, state or amount is cut, and the footer keeps what
matters."""

from __future__ import annotations

import re
from typing import Any

import pytest
from rich.text import Text
from textual.widgets import DataTable

from meeting.agenda import meetings
from meeting.agenda.lookup import running_meeting
from meeting.foundations.clock import FixedClock
from screens.scorecard import ScorecardScreen
from screens.textual_patches import FooterKey
from screens.widgets.fit import NARROWEST, fit_cells, fit_widths
from screens.widgets.footer import keys_that_fit
from storage.db import Database
from tests.tui.helpers import screen_as, wait_for_rows, wait_for_screen
from tui.app import HuddleApp

DATE = re.compile(r"\d{4}-\d")


def test_short_columns_keep_their_width_and_text_gives_way() -> None:
    widths = fit_widths([30, 10, 60, 13], [True, False, True, False], available=70)
    assert widths[1] == 10 and widths[3] == 13  # a date and a state, whole
    assert sum(widths) + 2 * 4 <= 70
    assert widths[0] >= NARROWEST and widths[2] >= NARROWEST


def test_optional_columns_go_before_text_is_squeezed() -> None:
    header = ["Lead", "Question", "Asked by", "Due", "Answer"]
    row = [Text("Julia Rossi"), Text("What happened after the demo? " * 2), Text("Alex")]
    row += [Text("2026-11-09"), Text("She booked a second call")]
    shown, _widths, [cells] = fit_cells(header, [row], [True, True, True, False, True], 50, [4, 2])
    assert [header[i] for i in shown] == ["Lead", "Question", "Due"]
    assert cells[2].plain == "2026-11-09"
    assert cells[1].plain.endswith("…")


def test_the_footer_keeps_the_keys_that_matter() -> None:
    keys: list[tuple[str, str, str | None]] = [("n", "Next", "a"), ("p", "Prev", "b")]
    keys += [("g", "Charts", "c")]
    keys += [("^e", "End meeting", "meeting.end"), ("esc", "Home", "meeting.home")]
    keys += [("f1", "Help", "app.help")]
    chosen = keys_that_fit(keys, ("meeting.end", "meeting.home", "app.help"), 40)
    assert [keys[i][2] for i in chosen][-3:] == ["meeting.end", "meeting.home", "app.help"]
    assert keys_that_fit(keys, (), 200) == list(range(len(keys)))


def assert_whole(table: DataTable[Any]) -> None:
    """Nothing scrolls out of sight sideways, and every date shows whole."""
    if not table.display:  # an empty section shows a line instead of a table
        return
    assert table.virtual_size.width <= table.scrollable_content_region.width
    for index in range(table.row_count):
        for value in table.get_row_at(index):
            plain = value.plain if isinstance(value, Text) else str(value)
            if DATE.match(plain):
                assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", plain), plain


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_no_meeting_table_cuts_a_value(
    demo_db: Database, clock: FixedClock, size: tuple[int, int]
) -> None:
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock, facilitator="Dana")
    app = HuddleApp(demo_db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=size) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        for position in "12345":
            await pilot.press(position)
            await pilot.pause()
            assert_whole(app.screen.query_one("#entries", DataTable))
        if size[0] < 100:
            assert app.screen.query_one("#agenda").has_class("-narrow")
            await pilot.press("c")  # the agenda widens on request, and the table refits
            await pilot.pause(0.1)
            assert not app.screen.query_one("#agenda").has_class("-narrow")


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_history_shows_ten_rows_whole_at_any_size(
    demo_db: Database, clock: FixedClock, size: tuple[int, int]
) -> None:
    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=size) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.press("h")
        await wait_for_screen(pilot, "HistoryScreen")
        table = app.screen.query_one("#history", DataTable)
        await wait_for_rows(pilot, table)
        await pilot.pause(0.1)
        assert table.scrollable_content_region.height >= 11  # a header and ten rows
        assert_whole(table)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_lead_questions_show_states_whole(
    demo_db: Database, clock: FixedClock, size: tuple[int, int]
) -> None:
    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=size) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.press("l")
        await wait_for_screen(pilot, "QuestionsScreen")
        await pilot.press("c")  # every state: answered ones show their outcome
        table = app.screen.query_one("#questions", DataTable)
        await wait_for_rows(pilot, table, 3)
        assert_whole(table)
        states = {str(table.get_row_at(i)[-1]) for i in range(table.row_count)}
        states |= {str(cell) for i in range(table.row_count) for cell in table.get_row_at(i)}
        assert "nurture" in states or "won" in states


async def test_the_detail_pane_holds_a_long_entry_whole(db: Database, clock: FixedClock) -> None:
    from meeting.entries import items
    from tests.locks import working_section

    section = working_section(db, clock)
    long_text = "\n".join(f"line {n} of what was said" for n in range(1, 31))
    items.add_item(db, section, long_text, team="sales", clock=clock)
    meeting_id = running_meeting(db).id  # type: ignore[union-attr]  # a meeting is running here
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("3")
        await pilot.pause(0.1)
        detail = app.screen.query_one("#detail")
        shown = str(detail.render())
        assert "line 1 of" in shown and "line 30 of what was said" in shown
        assert detail.size.height >= 30  # laid out whole; the pane around it scrolls
        pane = app.screen.query_one("#detail-pane")
        pane.scroll_end(animate=False)
        await pilot.pause()
        assert pane.scroll_y > 0


async def test_a_meeting_opened_straight_away_draws_its_first_rows_whole(
    demo_db: Database, clock: FixedClock
) -> None:
    """`huddle meeting start` opens the meeting, and a real terminal may paint it before the
    table is first idle, when a column left to measure itself is only as wide as its
    header ("· to r", "202"). So the columns get their fitted widths when they are made."""
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock, facilitator="Dana")
    app = HuddleApp(demo_db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        table = app.screen.query_one("#entries", DataTable)
        columns = list(table.columns.values())
        assert not any(column.auto_width for column in columns)
        widths = {str(column.label): column.width for column in columns}
        assert widths["Review"] == len("· to review") and widths["Due"] == len("2026-11-20")


async def test_values_and_marks_widen_their_columns_at_once(
    demo_db: Database, clock: FixedClock
) -> None:
    from tests.tui.helpers import type_text, wait_for_value_line

    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock, facilitator="Dana")
    app = HuddleApp(demo_db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        table = app.screen.query_one("#entries", DataTable)
        await pilot.press("d")  # a mark wider than "· to review"? the dates stay whole
        await pilot.pause()
        assert_whole(table)
        assert str(table.get_row_at(0)[-1]) == "2026-11-16"  # Made on, whole
        await pilot.press("2", *["down"] * 5, "enter")  # Revenue, the last metric
        await wait_for_value_line(pilot)
        await type_text(pilot, "$48,000")
        await pilot.press("enter")
        await wait_for_value_line(pilot, open=False)
        await pilot.pause()
        row = [str(c) for c in table.get_row_at(table.row_count - 1)]
        assert row[0] == "Revenue" and row[1] == "$48,000"
        assert_whole(table)


async def test_numbers_screen_fits_80_columns(demo_db: Database, clock: FixedClock) -> None:
    meetings.start_meeting(demo_db, clock=clock, facilitator="Dana")  # no values yet
    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.press("g")
        await wait_for_screen(pilot, "NumbersScreen")
        table = app.screen.query_one("#metrics", DataTable)
        await wait_for_rows(pilot, table)
        await pilot.pause(0.05)
        assert table.virtual_size.width <= table.scrollable_content_region.width
        assert "on 2026-11-16)" in str(table.get_row_at(0)[2])


async def test_the_whole_agenda_comes_back_when_the_terminal_widens(
    demo_db: Database, clock: FixedClock
) -> None:
    """A strip under 100 columns, the whole agenda again past them; once the facilitator
    chose with `c`, the terminal's width no longer decides."""
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock, facilitator="Dana")
    app = HuddleApp(demo_db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        agenda = app.screen.query_one("#agenda")
        assert agenda.has_class("-narrow")
        await pilot.resize_terminal(120, 40)
        await pilot.pause(0.1)
        assert not agenda.has_class("-narrow")
        await pilot.resize_terminal(80, 24)
        await pilot.pause(0.1)
        assert agenda.has_class("-narrow")
        await pilot.resize_terminal(120, 40)
        await pilot.pause(0.1)
        await pilot.press("c")  # narrowed by hand: it stays a strip
        await pilot.pause()
        await pilot.resize_terminal(130, 40)
        await pilot.pause(0.1)
        assert agenda.has_class("-narrow")


def test_a_cut_cell_ends_after_a_whole_word() -> None:
    header = ["Lead", "Question", "Due"]
    row = [Text("Grace Kim"), Text("Did the trial convert? Marketing paid for the event")]
    row.append(Text("2026-11-23"))
    _shown, widths, [cells] = fit_cells(header, [row], [True, True, False], 44)
    assert widths[1] == 19 and cells[1].plain == "Did the trial…"  # not "…conve"
    row[1] = Text("Who owns this account now that the rep left?")  # a cut right at a space
    _shown, widths, [cells] = fit_cells(header, [row], [True, True, False], 60)
    assert widths[1] == 35 and cells[1].plain == "Who owns this account now that the…"


async def test_columns_nobody_filled_make_way_for_the_text(db: Database, clock: FixedClock) -> None:
    """No votes and no actions yet: at 80 columns those columns go before an entry is cut."""
    from meeting.entries import items
    from tests.locks import working_section

    section = working_section(db, clock)
    said = "Webinar leads book demos twice as often"
    items.add_item(db, section, said, team="marketing", clock=clock)
    meeting_id = running_meeting(db).id  # type: ignore[union-attr]  # a meeting is running here
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press("3")
        await pilot.pause(0.1)
        table = app.screen.query_one("#entries", DataTable)
        labels = [str(column.label) for column in table.columns.values()]
        assert "Votes" not in labels and "Action" not in labels
        assert str(table.get_row_at(0)[1]) == said
        assert_whole(table)


async def test_home_fits_80_columns(demo_db: Database, clock: FixedClock) -> None:
    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.pause(0.1)
        table = app.screen.query_one("#meetings", DataTable)
        assert_whole(table)
        labels = [str(column.label) for column in table.columns.values()]
        assert labels[-1] == "Facilitator"
        names = {str(table.get_row_at(i)[-1]) for i in range(table.row_count)}
        assert {"Dana", "Priya", "Sam"} <= names
        await pilot.resize_terminal(120, 30)  # room again: the series comes back
        await pilot.pause(0.1)
        assert "Series" in [str(column.label) for column in table.columns.values()]
        assert_whole(table)


async def test_scorecard_labels_take_the_room_the_teams_leave(
    demo_db: Database, clock: FixedClock
) -> None:
    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.press("S")
        await wait_for_screen(pilot, "ScorecardScreen")
        table = app.screen.query_one("#scorecard", DataTable)
        await wait_for_rows(pilot, table)
        await pilot.pause(0.1)
        assert_whole(table)
        labels = [row.label for row in screen_as(app, ScorecardScreen).rows]
        for index, label in enumerate(labels):
            shown = str(table.get_row_at(index)[0])
            assert shown == label or (shown.endswith("…") and label.startswith(shown[:-1]))
        assert "questions answered within SLA" in labels  # whole now, once cut at 28
        assert str(table.get_row_at(labels.index("questions answered within SLA"))[0]) == (
            "questions answered within SLA"
        )


async def test_the_start_form_shows_every_field_at_80x24(
    demo_db: Database, clock: FixedClock
) -> None:
    """Every field in sight at 80x24; on a shorter terminal the fields scroll, and a line
    under them says more are below (a scrollbar alone does not show without colour)."""
    app = HuddleApp(demo_db, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.press("n")
        await wait_for_screen(pilot, "EntryForm")
        await pilot.pause(0.1)
        fields = app.screen.query_one("#form-fields")
        assert fields.max_scroll_y == 0
        assert app.screen.query_one("#field-date").region.bottom <= fields.region.bottom
        assert not app.screen.query_one("#form-more").display
        await pilot.resize_terminal(80, 18)
        await pilot.pause(0.1)
        more = app.screen.query_one("#form-more")
        assert fields.max_scroll_y > 0 and more.display
        assert "more fields below" in str(more.render())
        fields.scroll_end(animate=False)
        await pilot.pause(0.1)
        assert "more fields above" in str(more.render())


def test_the_first_kept_keys_win_when_not_all_fit() -> None:
    keys: list[tuple[str, str, str | None]] = [("n", "Next", "a"), ("d", "Done", "review.d")]
    keys += [("o", "Still open", "review.o")]
    keys += [("^e", "End meeting", "meeting.end"), ("f1", "Help", "app.help")]
    chosen = keys_that_fit(keys, ("review.d", "review.o", "meeting.end", "app.help"), 40)
    assert [keys[i][2] for i in chosen] == ["review.d", "review.o", "meeting.end"]


@pytest.mark.parametrize(("position", "main"), [("1", ["o", "x", "d"]), ("5", ["r", "a"])])
async def test_a_narrow_footer_keeps_the_sections_own_keys(
    demo_db: Database, clock: FixedClock, position: str, main: list[str]
) -> None:
    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock, facilitator="Dana")
    app = HuddleApp(demo_db, clock=clock, meeting_id=meeting_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, "MeetingScreen")
        await pilot.press(position)
        await pilot.pause(0.2)
        shown = [key.key for key in app.screen.query(FooterKey)]
        assert set(main) <= set(shown), shown
        assert {"ctrl+e", "escape"} <= set(shown), shown
