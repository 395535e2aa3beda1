"""`huddle calendar`: a series' meetings as an iCalendar file."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from tui.cli_common import clock, database
from tui.output import say


def calendar(
    series: Annotated[str, typer.Argument(help="The series' name.")],
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="FILE", help="The .ics file. Default: stdout."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE.")] = False,
) -> None:
    """Write a series' meetings as an iCalendar file. Its planned meetings, and the
    cadence after them; export again after a change and calendars update the same events."""
    from pathlib import Path

    from meeting.foundations.text import counted
    from meeting.reports.calendar import series_calendar
    from meeting.reports.export import check_target, minutes_mode, write_atomically

    target = None if output is None or output == "-" else Path(output)
    if target is not None:
        check_target(target, force=force)
    with database() as db:
        made, planned = series_calendar(db, series, clock=clock())
        mode = minutes_mode(db.path)
    text = made.to_ical().decode("utf-8")
    if target is None:
        sys.stdout.write(text)
        return
    write_atomically(target, text, force=force, mode=mode)
    say(f"Wrote {target}: {counted(planned, 'planned meeting')} and the cadence after them")
