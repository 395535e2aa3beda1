"""`huddle db timezone`: the team's time zone, in which every date is worked out."""

from __future__ import annotations

from typing import Annotated

import typer

from tui.cli_common import database
from tui.output import say


def db_timezone(
    zone: Annotated[
        str | None,
        typer.Argument(
            metavar="[ZONE]", help="An IANA name, e.g. Europe/Berlin. Without it: show the zone."
        ),
    ] = None,
) -> None:
    """Show or set the team's time zone, which every date follows.

    Today, due dates, overdue, meeting dates and scorecard months are worked out in it,
    whatever the terminal's TZ. A new database starts with the zone of the machine that
    made it."""
    from meeting.foundations.clock import change_team_zone
    from storage.settings import machine_zone, team_zone_name

    with database() as db:
        if zone is None:
            name = team_zone_name(db)
            here = machine_zone()
            also = "" if here == name else f" (this terminal's zone: {here})"
            say(f"{name}{also}")
            return
        before, now = change_team_zone(db, zone)
    if before == now:
        say(f"The team's time zone is already {now}; nothing changed.")
    else:
        say(
            f"The team's time zone is now {now} (was {before}); terminals already open "
            "use it when started again."
        )
