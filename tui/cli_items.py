"""`huddle items`: what's working and what's broken, written before or during a meeting."""

from __future__ import annotations

from typing import Annotated

import typer

from tui.cli_common import (
    FormatOption,
    NewTeamOption,
    RawOption,
    SeriesOption,
    as_name,
    clock,
    database,
    known_team,
    series_id,
)
from tui.output import OutputFormat, emit, say

items_app = typer.Typer(
    help="What's working and what's broken. Add before the meeting, list, vote.",
    no_args_is_help=True,
)


@items_app.command("add")
def items_add(
    section: Annotated[
        str, typer.Argument(help="working, broken, or a retro column's key (start, stop, …).")
    ],
    text: Annotated[str, typer.Argument(help="What works, or what is broken.")],
    team: Annotated[str, typer.Option("--team", help="The team it is about.")] = "marketing",
    new_team: NewTeamOption = False,
    by: Annotated[str | None, typer.Option("--by", help="Who says so (a known person).")] = None,
    metric: Annotated[
        str | None, typer.Option("--metric", help="The metric that backs the claim.")
    ] = None,
    series: SeriesOption = None,
) -> None:
    """Add an entry, now or for the next meeting. It goes to the running meeting of the
    series, or to its next meeting, which shows it from the start."""
    from meeting.agenda.prepared import add_entry

    with database() as db:
        meeting_id, entry_id = add_entry(
            db,
            series_id(db, series),
            section,
            text,
            team=known_team(db, team, new=new_team),
            author=by,
            metric=metric,
            clock=clock(),
        )
    where = f"meeting {meeting_id}" if meeting_id is not None else "the next meeting"
    say(f"Added entry {entry_id} to {where}")


@items_app.command("list")
def items_list(
    meeting: Annotated[
        str | None,
        typer.Option("--meeting", "-m", help="A meeting (id, date or latest)."),
    ] = None,
    next_meeting: Annotated[
        bool, typer.Option("--next", help="The entries waiting for the next meeting.")
    ] = False,
    series: SeriesOption = None,
    fmt: FormatOption = OutputFormat.table,
    raw: RawOption = False,
) -> None:
    """List a meeting's entries. The latest meeting's by default, or with --next those
    written for the next one. Entries still written alone are listed only to their
    writer (huddle --as NAME items list); the others are counted on stderr."""
    from meeting.agenda.prepared import list_entries
    from meeting.entries.identity import me_named
    from meeting.entries.writing import NOBODY, viewer_of
    from meeting.reads.recorded import find_meeting

    with database() as db:
        chosen = series_id(db, series)
        meeting_id = None
        if not next_meeting:
            meeting_id = find_meeting(db, meeting or "latest", series=series, clock=clock())
        named = as_name()
        viewer = viewer_of(me_named(db, named)) if named else NOBODY
        found, hidden = list_entries(db, chosen, meeting_id, viewer=viewer)
    empty = "Nothing written for the next meeting yet." if next_meeting else "No entries."
    emit([row.as_dict() for row in found], fmt, empty=empty if not hidden else "", raw=raw)
    if hidden:
        said = f"{hidden} {'entry is' if hidden == 1 else 'entries are'}"
        say(f"{said} being written alone: shown once the facilitator reveals them.", err=True)


VOTER_HELP = "Whose vote (a known person); each has 3 per section."
ENTRY_ID = typer.Argument(metavar="ID", help="The entry's id (see huddle items list).")


@items_app.command("vote")
def items_vote(
    entry_id: Annotated[int, ENTRY_ID],
    by: Annotated[str, typer.Option("--by", help=VOTER_HELP)],
) -> None:
    """Vote for an entry. One vote from a person, within their budget."""
    from meeting.entries.votes import vote

    with database() as db:
        budget = vote(db, entry_id, by=by, clock=clock())
    say(f"Voted for entry {entry_id}. {budget.said()}")


@items_app.command("unvote")
def items_unvote(
    entry_id: Annotated[int, ENTRY_ID],
    by: Annotated[str, typer.Option("--by", help=VOTER_HELP)],
) -> None:
    """Take back a person's latest vote on an entry."""
    from meeting.entries.votes import unvote

    with database() as db:
        budget = unvote(db, entry_id, by=by)
    say(f"Took back a vote on entry {entry_id}. {budget.said()}")


@items_app.command("group")
def items_group(
    entry_ids: Annotated[
        list[int], typer.Argument(metavar="ID...", help="Two entries or more, of one section.")
    ],
    title: Annotated[
        str | None,
        typer.Option("--title", help="The theme's title (the first entry's text if left out)."),
    ] = None,
) -> None:
    """Group entries under a theme; their votes move to it. If one is a theme, the
    others join it."""
    from meeting.entries.themes import group

    with database() as db:
        grouped = group(db, entry_ids, title=title, clock=clock())
    say(f"{grouped.said()} Theme: entry {grouped.theme_id}.")


@items_app.command("ungroup")
def items_ungroup(entry_id: Annotated[int, ENTRY_ID]) -> None:
    """Take an entry out of its theme, or dissolve a theme. A dissolved theme's votes
    are given back."""
    from meeting.entries.themes import ungroup

    with database() as db:
        said = ungroup(db, entry_id, clock=clock())
    say(said)
