"""Table cells holding typed text: literal (never markup), one line, cut to a width."""

from __future__ import annotations

from rich.text import Text

from meeting.foundations.text import one_line


def cell(value: object, limit: int = 60, style: str = "") -> Text:
    return Text(one_line("" if value is None else str(value), limit), style=style)
