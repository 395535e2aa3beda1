"""`huddle agreements ...`: the texts both teams keep, and how they changed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from meeting.foundations.clock import local_day
from meeting.foundations.errors import HuddleError
from tui.cli_common import FormatOption, RawOption, clock, database, read_text_file
from tui.output import OutputFormat, emit, say

agreements_app = typer.Typer(
    help="Agreements both teams keep. Ideal customer, MQL, SQL, follow-up SLA and more.",
    no_args_is_help=True,
)

NameArgument = Annotated[
    str, typer.Argument(metavar="NAME", help="e.g. mql, sql, follow-up-sla (see: list).")
]


def _when(moment: dt.datetime) -> str:
    return local_day(moment).isoformat()


@agreements_app.command("list")
def agreements_list(fmt: FormatOption = OutputFormat.table, raw: RawOption = False) -> None:
    """List every agreement. Its team, how old its text is and who changed it last."""
    from meeting.entries.agreements import PURPOSE, list_agreements
    from meeting.foundations.text import one_line

    today = clock().today()
    with database() as db:
        rows = list_agreements(db, clock=clock())
    if fmt is not OutputFormat.table:
        emit([row.as_dict(today) for row in rows], fmt, empty="No agreements.", raw=raw)
        return
    records = []
    for row in rows:
        current = row.current
        age = row.age_days(today)
        records.append(
            {
                "name": row.name,
                "team": row.owner_team,
                "changed": _when(current.changed_at) if current else "",
                "by": (current.changed_by or "") if current else "",
                "age": f"{age}d" if age is not None else "not written",
                "says": one_line(row.text, 50) if current else PURPOSE.get(row.name, ""),
            }
        )
    emit(records, fmt, empty="No agreements.", raw=raw)


@agreements_app.command("show")
def agreements_show(
    name: NameArgument, fmt: FormatOption = OutputFormat.table, raw: RawOption = False
) -> None:
    """One agreement's text as it stands, and its last change."""
    from meeting.entries.agreements import PURPOSE, get_agreement

    today = clock().today()
    with database() as db:
        row = get_agreement(db, name, clock=clock())
    if fmt is not OutputFormat.table:
        emit([row.as_dict(today)], fmt, empty="", raw=raw)
        return
    say(f"{row.name} ({row.owner_team})")
    current = row.current
    if current is None:
        say(f"Not written yet: {PURPOSE.get(row.name, 'a text both teams keep')}.")
        say(f"Write it: huddle agreements edit {row.name}")
        return
    say(current.change())
    if current.numbers():
        say(current.numbers())
    say("")
    for line in current.text.splitlines():
        say(line)


@agreements_app.command("history")
def agreements_history(
    name: NameArgument, fmt: FormatOption = OutputFormat.table, raw: RawOption = False
) -> None:
    """Every version of an agreement. Oldest first: what it said, who changed it, and why."""
    from meeting.entries.agreements import get_agreement

    with database() as db:
        row = get_agreement(db, name, clock=clock())
    if fmt is not OutputFormat.table:
        emit([v.as_dict() for v in row.versions], fmt, empty="", raw=raw)
        return
    if not row.versions:
        say(f"{row.name} has not been written yet (huddle agreements edit {row.name}).")
        return
    for version in row.versions:
        say(version.change())
        if version.numbers():
            say(f"  {version.numbers()}")
        for line in version.text.splitlines():
            say(f"  {line}")
        say("")


@agreements_app.command("edit")
def agreements_edit(
    name: NameArgument,
    text: Annotated[
        str | None, typer.Option("--text", help="The new text. Default: open $EDITOR.")
    ] = None,
    file: Annotated[
        Path | None, typer.Option("--file", help="Read the new text from a file (- for stdin).")
    ] = None,
    why: Annotated[str | None, typer.Option("--why", help="Why it changed.")] = None,
    by: Annotated[str | None, typer.Option("--by", help="Who changed it.")] = None,
    hours: Annotated[
        str | None,
        typer.Option("--hours", help="follow-up-sla: hours from hand-over to first touch."),
    ] = None,
    answer_days: Annotated[
        str | None,
        typer.Option("--answer-days", help="follow-up-sla: days to answer a lead question."),
    ] = None,
) -> None:
    """Write a new version. In a running meeting the change belongs to that meeting."""
    from meeting.agenda.lookup import running_meeting
    from meeting.entries.agreements import edit_agreement, get_agreement, positive

    if text is not None and file is not None:
        raise HuddleError("give the text once: --text or --file, not both")
    # Bad numbers are refused before an editor opens for nothing.
    positive(hours, "the follow-up time (hours)")
    positive(answer_days, "the time to answer a lead question (days)")
    with database() as db:
        current = get_agreement(db, name, clock=clock())
        if file is not None:
            text = read_text_file(file)
        elif text is None and current.current and (hours is not None or answer_days is not None):
            text = current.text  # new numbers alone: the text stays as it is
        elif text is None:
            from tui.editor import edit_text

            text = edit_text(current.text, name=current.name)
            if text is None:
                say(f"{current.name}: the text came back unchanged; nothing changed.")
                return
        running = running_meeting(db)
        number = edit_agreement(
            db,
            current.name,
            text,
            clock=clock(),
            by=by,
            why=why,
            meeting_id=running.id if running else None,
            follow_up_hours=hours,
            answer_days=answer_days,
        )
    where = f" in the running meeting ({running.series} {running.date})" if running else ""
    say(f"{current.name}: version {number} saved{where}")
