"""`huddle headsup ...`: what one team must know from the other, between meetings."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from tui.cli_common import (
    FormatOption,
    NewTeamOption,
    RawOption,
    clock,
    database,
    known_team,
)
from tui.output import OutputFormat, emit, say

headsup_app = typer.Typer(
    help="Heads-ups shown in meetings until they end. Campaigns, content, objections heard.",
    no_args_is_help=True,
)


def _date(text: str | None, what: str) -> dt.date | None:
    from meeting.foundations.dates import parse_date
    from meeting.foundations.errors import HuddleError

    if not text:
        return None
    try:
        return parse_date(text, clock().today())
    except HuddleError as exc:
        raise HuddleError(f"{what}: {exc}") from None


@headsup_app.command("add")
def headsup_add(
    text: Annotated[str, typer.Argument(help="What the other team must know.")],
    team: Annotated[str, typer.Option("--team", help="The team it comes from.")],
    new_team: NewTeamOption = False,
    starts: Annotated[
        str | None, typer.Option("--from", help="First day (a campaign's start).")
    ] = None,
    until: Annotated[
        str | None,
        typer.Option("--until", help="Last day: it is shown in every meeting until then."),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option("--kind", help="campaign, content, objection, lost-reason or other."),
    ] = None,
    by: Annotated[str | None, typer.Option("--by", help="Who says so (a known person).")] = None,
) -> None:
    """Add a heads-up. In a running meeting it belongs to that meeting."""
    from meeting.agenda.lookup import running_meeting
    from meeting.entries.headsups import add_headsup, check_kind

    check_kind(kind)
    first, last = _date(starts, "--from"), _date(until, "--until")
    with database() as db:
        running = running_meeting(db)
        headsup_id = add_headsup(
            db,
            text,
            team=known_team(db, team, new=new_team),
            kind=kind,
            starts_on=first,
            ends_on=last,
            by=by,
            meeting_id=running.id if running else None,
            clock=clock(),
        )
    shown = f", shown until {last}" if last else ""
    say(f"Added heads-up {headsup_id}{shown}")


@headsup_app.command("list")
def headsup_list(
    everything: Annotated[
        bool, typer.Option("--all", help="Ended ones too, and news without dates.")
    ] = False,
    fmt: FormatOption = OutputFormat.table,
    raw: RawOption = False,
) -> None:
    """What is running now or still to come, soonest end first."""
    from meeting.entries.headsups import list_headsups

    today = clock().today()
    with database() as db:
        rows = list_headsups(db, today=today, everything=everything)
    if fmt is not OutputFormat.table:
        emit([row.as_dict() for row in rows], fmt, empty="", raw=raw)
        return
    records = [
        {
            "id": row.id,
            "team": row.team,
            "kind": row.kind,
            "dates": row.dates(),
            "now": "running" if row.running_on(today) else "",
            "heads-up": row.text,
        }
        for row in rows
    ]
    emit(records, fmt, empty="No heads-ups running or to come.", raw=raw)


@headsup_app.command("delete")
def headsup_delete(
    headsup_id: Annotated[int, typer.Argument(metavar="ID", help="The heads-up's id.")],
) -> None:
    """Take a heads-up back. It stays in the minutes of meetings that showed it."""
    from meeting.entries.headsups import delete_headsup

    with database() as db:
        delete_headsup(db, headsup_id, clock=clock())
    say(f"Deleted heads-up {headsup_id}")
