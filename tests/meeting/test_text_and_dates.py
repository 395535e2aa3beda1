from __future__ import annotations

import datetime as dt

import pytest

from meeting.foundations.dates import add_cadence, days_past, parse_date, parse_moment
from meeting.foundations.errors import HuddleError
from meeting.foundations.text import counted, one_line, shorten, visible

MONDAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-12-01", dt.date(2026, 12, 1)),
        ("today", MONDAY),
        ("tomorrow", dt.date(2026, 11, 24)),
        ("+3d", dt.date(2026, 11, 26)),
        ("+2w", dt.date(2026, 12, 7)),
        ("-30d", dt.date(2026, 10, 24)),
        ("-1w", dt.date(2026, 11, 16)),
        ("fri", dt.date(2026, 11, 27)),
        ("Friday", dt.date(2026, 11, 27)),
        ("mon", dt.date(2026, 11, 30)),
    ],
)
def test_dates_as_typed(typed: str, expected: dt.date) -> None:
    assert parse_date(typed, MONDAY) == expected


@pytest.mark.parametrize("typed", ["2026-13-01", "next week", "fr", "", "31/12/2026"])
def test_bad_dates_say_what_works(typed: str) -> None:
    with pytest.raises(HuddleError, match="use YYYY-MM-DD"):
        parse_date(typed, MONDAY)


def test_cadences() -> None:
    assert add_cadence(MONDAY, "weekly") == dt.date(2026, 11, 30)
    assert add_cadence(MONDAY, "biweekly") == dt.date(2026, 12, 7)
    assert add_cadence(dt.date(2026, 1, 31), "monthly") == dt.date(2026, 2, 28)
    assert add_cadence(dt.date(2026, 12, 15), "monthly") == dt.date(2027, 1, 15)


def test_days_past_counts_only_days_before_today() -> None:
    today = dt.date(2026, 11, 23)
    assert days_past(dt.date(2026, 11, 20), today) == 3
    assert days_past(dt.date(2025, 11, 23), today) == 365
    assert days_past(today, today) == 0
    assert days_past(dt.date(2026, 11, 24), today) == 0
    assert days_past(None, today) == 0


def test_control_characters_become_visible() -> None:
    assert visible("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert visible("\x9b\u202e") == "\\x9b\\u202e"
    assert visible("[red]x[/] 🎉 中文") == "[red]x[/] 🎉 中文"
    assert one_line("two\nlines", 20) == "two ↵ lines"
    assert one_line("x" * 30, 10) == "x" * 9 + "…"


def test_text_is_cut_after_a_whole_word() -> None:
    """A cut mid-word reads as another word ("the event they cam"): the cut falls after
    the last whole word when one ends near the limit, else at the limit."""
    question = "Did the trial convert? Marketing paid for the event they came from."
    assert one_line(question, 60) == "Did the trial convert? Marketing paid for the event they…"
    assert shorten(question, 12) == "Did the…"
    assert shorten(question, 20) == "Did the trial…"
    assert shorten("Add phone and role, then test", 21) == "Add phone and role…"
    assert shorten("Supercalifragilistic", 8) == "Superca…"  # no word ends near: cut at the limit
    assert shorten("median days to answer (Jordan)", 28) == "median days to answer (Jord…"
    assert shorten(question, 200) == question


def test_counts_take_the_singular_for_one() -> None:
    assert counted(1, "day") == "1 day"
    assert counted(0, "day") == "0 days"
    assert counted(1_200, "minute") == "1,200 minutes"
    assert counted(1, "entry", "entries") == "1 entry"
    assert counted(2, "entry", "entries") == "2 entries"


@pytest.mark.parametrize("typed", ["9999-12-31", "0001-01-01", "1999-12-31", "2100-01-01", "+999w"])
def test_dates_out_of_range_are_refused(typed: str) -> None:
    """+999w from 2082 is in 2101: a date near the calendar's end overflowed later sums."""
    with pytest.raises(HuddleError, match="huddle takes dates from 2000-01-01 to 2099-12-31"):
        parse_date(typed, dt.date(2082, 1, 1))


def test_the_range_is_inclusive() -> None:
    today = dt.date(2026, 11, 23)
    assert parse_date("2000-01-01", today) == dt.date(2000, 1, 1)
    assert parse_date("2099-12-31", today) == dt.date(2099, 12, 31)


def test_a_crm_moment_out_of_range_is_refused() -> None:
    with pytest.raises(HuddleError, match="'0001-01-01 00:00' is out of range"):
        parse_moment("0001-01-01 00:00")
