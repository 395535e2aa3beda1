"""`huddle people`: the list of people, kept right between meetings."""

from __future__ import annotations

from typing import Annotated

import typer

from tui.cli_common import (
    FormatOption,
    NewTeamOption,
    RawOption,
    clock,
    database,
    known_team,
    series_id,
)
from tui.output import OutputFormat, emit, say

people_app = typer.Typer(
    help="People and their teams. List, add, rename, change team, merge, attendance.",
    no_args_is_help=True,
)
NameArgument = Annotated[str, typer.Argument(help="The person's name (any case).")]


@people_app.command("list")
def people_list(fmt: FormatOption = OutputFormat.table, raw: RawOption = False) -> None:
    """List everyone. Each shows their team, open actions and the questions waiting for
    their answer."""
    from meeting.entries.people_changes import list_people

    with database() as db:
        rows = [row.as_dict() for row in list_people(db)]
    emit(rows, fmt, empty="Nobody yet (people are added as they are named).", raw=raw)


@people_app.command("add")
def people_add(
    name: NameArgument,
    team: Annotated[str, typer.Option("--team", help="sales, marketing, leadership, …")],
    new_team: NewTeamOption = False,
) -> None:
    """Add someone before they are first named in a meeting."""
    from meeting.entries.people_changes import add_person

    with database() as db:
        chosen = known_team(db, team, new=new_team)
        add_person(db, name, chosen)
    say(f"Added {name.strip()} ({chosen})")


@people_app.command("rename")
def people_rename(
    name: NameArgument,
    new_name: Annotated[str, typer.Argument(help="The right name.")],
) -> None:
    """Correct a name everywhere it shows."""
    from meeting.entries.people_changes import rename_person

    with database() as db:
        rename_person(db, name, new_name)
    say(f"Renamed {name.strip()} to {new_name.strip()}")


@people_app.command("team")
def people_team(
    name: NameArgument,
    team: Annotated[str, typer.Argument(help="The team they are in now.")],
    new_team: NewTeamOption = False,
) -> None:
    """Move someone to another team."""
    from meeting.entries.people_changes import set_team

    with database() as db:
        chosen = known_team(db, team, new=new_team)
        set_team(db, name, chosen)
    say(f"{name.strip()} is in {chosen} now")


@people_app.command("merge")
def people_merge(
    duplicate: Annotated[str, typer.Argument(help="The name to remove (a typo, a nickname).")],
    into: Annotated[str, typer.Argument(help="The person who takes everything over.")],
) -> None:
    """Merge a duplicate into the right person. Their actions, questions, answers,
    entries, leads and meetings follow, each action with an owner event."""
    from meeting.entries.people_changes import merge_people

    with database() as db:
        moved = merge_people(db, duplicate, into, clock=clock())
    noun = "action item" if moved == 1 else "action items"
    say(f"Merged {duplicate.strip()} into {into.strip()} ({moved} {noun} moved)")


@people_app.command("stats")
def people_stats(
    since: Annotated[
        str | None, typer.Option("--since", help="Meetings on or after (2026-10-01, -30d).")
    ] = None,
    until: Annotated[str | None, typer.Option("--until", help="Meetings on or before.")] = None,
    series: Annotated[
        str | None, typer.Option("--series", "-s", help="One series. Default: every series.")
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    raw: RawOption = False,
) -> None:
    """Attendance per person. Of the meetings held in the period, how many each came to,
    lowest rate first."""
    from meeting.agenda.attendance import attendance_stats
    from meeting.foundations.dates import parse_date
    from meeting.foundations.number_format import format_share

    today = clock().today()
    with database() as db:
        rows = attendance_stats(
            db,
            series_id=series_id(db, series) if series else None,
            since=parse_date(since, today) if since else None,
            until=parse_date(until, today) if until else None,
        )
    records = [row.as_dict() for row in rows]
    if fmt is OutputFormat.table:
        for record, row in zip(records, rows, strict=True):
            record["rate"] = format_share(row.rate)
    emit(records, fmt, empty="Nobody on the list yet.", raw=raw)


@people_app.command("email")
def people_email(
    name: NameArgument,
    address: Annotated[
        str, typer.Argument(metavar="ADDRESS|none", help="name@example.com, or none to clear.")
    ],
) -> None:
    """Set someone's email address. `huddle send` mails the minutes there."""
    from meeting.entries.people_changes import set_email

    with database() as db:
        who, was = set_email(db, name, address)
    if address.strip().lower() == "none":
        say(f"{who} has no email address now" + (f" (was {was})" if was else ""))
    else:
        say(f"{who}'s email address is {address.strip()}" + (f" (was {was})" if was else ""))
