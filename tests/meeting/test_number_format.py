"""Numbers are read one way only: what parse_value takes is what a person means, shown back
the same; anything else is refused in one line that says how to type it."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from meeting.foundations.errors import HuddleError
from meeting.foundations.number_format import format_value, parse_value

UNITS = [None, "count", "currency", "percent"]


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("1e-400", "'1e-400' is in exponent notation: type the number in full, e.g. 1250"),
        ("1e308", "is in exponent notation: type the number in full"),
        ("2E3", "is in exponent notation"),
        ("1000000000000", "is too large: the most huddle keeps is 999,999,999,999.99"),
        ("+5", "'+5' has a sign: type the value itself (5), not a change"),
        ("-0", "is negative"),
        ("1_000", "'1_000' has an underscore: type 1000"),
        ("١٢", "'١٢' is not in the digits 0-9: type it as 12"),
        ("１２", "is not in the digits 0-9: type it as 12"),
        ("10²", "is not in the digits 0-9: type it in 0-9"),
        ("12.345", "'12.345' has more than 2 decimals: round it to 12.3"),
        ("1 200", "is not a number"),
        ("12%%", "is not a number"),
        ("infinity", "is not a number"),
    ],
)
def test_numbers_python_reads_but_people_do_not_mean_are_refused(typed: str, problem: str) -> None:
    with pytest.raises(HuddleError, match=re.escape(problem)) as e:
        parse_value(typed, "Leads")
    assert "\n" not in str(e.value)


@pytest.mark.parametrize(
    ("typed", "value"),
    [(" 12 ", 12), ("12.50", 12.5), ("999,999,999,999.99", 999_999_999_999.99), ("12 %", 12)],
)
def test_numbers_as_meant(typed: str, value: float) -> None:
    assert parse_value(typed, "Leads") == value


TYPED = st.one_of(
    st.text(max_size=24),
    st.from_regex(r"\A[$€£]?\s?[0-9][0-9,._]{0,16}(e-?[0-9]{1,3})?\s?%?\Z"),
    st.decimals(min_value=0, max_value=10**13, places=2, allow_nan=False).map(str),
    st.floats(min_value=0, max_value=1e13).map(lambda f: f"{f:,.2f}"),
)


@given(typed=TYPED, unit=st.sampled_from(UNITS))
@example(typed="1e-400", unit=None)
@example(typed="0\n_", unit=None)
@example(typed="999999999999.99", unit="currency")
def test_what_is_taken_is_shown_and_read_back_the_same(typed: str, unit: str | None) -> None:
    try:
        value = parse_value(typed, "Leads", unit)
    except HuddleError as refused:
        assert "\n" not in str(refused)
        return
    shown = format_value(value, unit or "count")
    assert all(c.isascii() for c in shown) and "inf" not in shown and "e" not in shown
    assert len(shown) <= len("$999,999,999,999.99")
    assert parse_value(shown, "Leads", unit) == value
