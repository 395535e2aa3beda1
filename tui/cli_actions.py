"""`huddle actions ...`: what was promised, by whom, and whether it happened."""

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any

import typer

from meeting.foundations.clock import local
from meeting.foundations.statuses import ActionStatus
from tui.cli_common import (
    FormatOption,
    PastOption,
    RawOption,
    clock,
    database,
    due_date,
    meeting_in_series,
    next_meeting_offered,
    pick_series,
    say_when_empty,
)
from tui.output import OutputFormat, emit, say

if TYPE_CHECKING:
    from meeting.reads.history import ActionFilter

actions_app = typer.Typer(
    help="Action items. List, add, edit, done, drop, reopen, show, stats.", no_args_is_help=True
)

DateOption = Annotated[str | None, typer.Option(help="A date: 2026-10-01, today, -, +3d, fri.")]


def _date(text: str | None) -> dt.date | None:
    from meeting.foundations.dates import parse_date

    return parse_date(text, clock().today()) if text else None


def _filter(**values: Any) -> "ActionFilter":
    from meeting.reads.history import ActionFilter

    return ActionFilter(**values)


@actions_app.command("list")
def actions_list(
    owner: Annotated[str | None, typer.Option("--owner", help="Owned by.")] = None,
    team: Annotated[str | None, typer.Option("--team", help="Owner's team.")] = None,
    status: Annotated[str | None, typer.Option("--status", help="open, done or dropped.")] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Open and past due.")] = False,
    series: Annotated[str | None, typer.Option("--series", "-s", help="Only this series.")] = None,
    search: Annotated[str | None, typer.Option("--search", help="Text contains.")] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Made on or after this date.")
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    raw: RawOption = False,
) -> None:
    """List action items across meetings, oldest first."""
    from meeting.reads.history import list_actions

    today = clock().today()
    flt = _filter(
        owner=owner,
        team=team,
        status=status,
        overdue=overdue,
        series=series,
        search=search,
        since=_date(since),
    )
    with database() as db:
        rows = list_actions(db, flt, today=today)
    records = []
    for row in rows:
        record = row.as_history_dict()
        if fmt is OutputFormat.table:
            record = {
                "id": row.id,
                "text": row.text,
                "owner": row.owner,
                "due": record["due"] or "",
                "status": ("overdue" if row.is_overdue(today) else row.status),
                "made_on": record["made_on"] or "",
                "carried": row.carried or "",
            }
        records.append(record)
    emit(records, fmt, empty="No action items match.", raw=raw)
    say_when_empty(records)


@actions_app.command("export")
def actions_export(
    jira: Annotated[
        str | None, typer.Option("--jira", metavar="FILE.csv", help="CSV for Jira's importer.")
    ] = None,
    linear: Annotated[
        str | None,
        typer.Option("--linear", metavar="FILE.csv", help="CSV for Linear's importer."),
    ] = None,
    github: Annotated[
        bool, typer.Option("--github", help="Print a `gh issue create` command for each.")
    ] = False,
    owner: Annotated[str | None, typer.Option("--owner", help="Owned by.")] = None,
    status: Annotated[
        str, typer.Option("--status", help="open, done, dropped or all.")
    ] = ActionStatus.OPEN,
    series: Annotated[str | None, typer.Option("--series", "-s", help="Only this series.")] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Made on or after this date.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE.")] = False,
) -> None:
    """Export action items to a tracker. Jira's or Linear's CSV import, or GitHub issues
    through gh; open ones by default."""
    import sys
    from pathlib import Path

    from meeting.foundations.errors import HuddleError
    from meeting.foundations.text import counted, visible
    from meeting.reads.history import list_actions
    from meeting.reports import trackers
    from meeting.reports.export import check_target, minutes_mode, write_atomically
    from tui.output import csv_text

    chosen = [
        name for name, on in (("--jira", jira), ("--linear", linear), ("--github", github)) if on
    ]
    if len(chosen) != 1:
        raise HuddleError("choose one tracker: --jira FILE.csv, --linear FILE.csv or --github")
    file = jira or linear
    target = Path(file) if file else None
    if target is not None:
        check_target(target, force=force)
    flt = _filter(
        owner=owner,
        status=None if status.strip().lower() == "all" else status,
        series=series,
        since=_date(since),
    )
    with database() as db:
        rows = list_actions(db, flt, today=clock().today())
        mode = minutes_mode(db.path)
    if target is None:
        text = "\n".join(trackers.github_commands(rows))
        sys.stdout.write((visible(text) if sys.stdout.isatty() else text) + ("\n" if rows else ""))
        say_when_empty(rows)
        return
    if jira:
        text = csv_text(trackers.JIRA_HEADERS, trackers.jira_rows(rows))
    else:
        text = csv_text(trackers.LINEAR_HEADERS, trackers.linear_rows(rows))
    write_atomically(target, text + "\r\n", force=force, mode=mode)
    say(f"Wrote {target}: {counted(len(rows), 'action item')}")


@actions_app.command("add")
def actions_add(
    text: Annotated[str, typer.Argument(help="What will be done.")],
    owner: Annotated[str, typer.Option("--owner", help="Who does it (a known person).")],
    due: Annotated[
        str | None, typer.Option("--due", help="Due date. Default: the next meeting.")
    ] = None,
    meeting: Annotated[
        str | None,
        typer.Option(
            "--meeting",
            "-m",
            help="Made in this meeting (id, date or latest). Default: the running meeting, if any.",
        ),
    ] = None,
    series: Annotated[str | None, typer.Option("--series", "-s", help="Series.")] = None,
    past: PastOption = False,
) -> None:
    """Add an action item between meetings or to a meeting."""
    from meeting.agenda.series import next_meeting_date
    from meeting.entries.actions import add_action
    from storage.models import stored_id

    with database() as db:
        chosen = pick_series(db, series)
        meeting_id = meeting_in_series(db, chosen, meeting)
        with next_meeting_offered(meeting):
            action_id = add_action(
                db,
                meeting_id=meeting_id,
                series_id=chosen.id,
                text=text,
                owner=owner,
                due=due_date(due, past=past)
                or next_meeting_date(db, stored_id(chosen.id), clock=clock()),
                clock=clock(),
                create_owner=False,
            )
    say(f"Added action {action_id}")


BY_HELP = "Who did it (a known person); the next meeting's Review names them."


def _change_status(action_id: int, status: ActionStatus, by: str | None) -> None:
    from meeting.agenda.lookup import running_meeting
    from meeting.entries.actions import set_status

    with database() as db:
        running = running_meeting(db)
        meeting_id = running.id if running else None
        set_status(db, action_id, status, meeting_id=meeting_id, clock=clock(), by=by)


@actions_app.command("done")
def actions_done(
    action_id: Annotated[int, typer.Argument(metavar="ID", help="The action item's id.")],
    by: Annotated[str | None, typer.Option("--by", help=BY_HELP)] = None,
) -> None:
    """Mark an action item done."""
    _change_status(action_id, ActionStatus.DONE, by)
    say(f"Action {action_id} done")


@actions_app.command("drop")
def actions_drop(
    action_id: Annotated[int, typer.Argument(metavar="ID", help="The action item's id.")],
    by: Annotated[str | None, typer.Option("--by", help=BY_HELP)] = None,
) -> None:
    """Drop an action item nobody will do. It stays in the record as dropped."""
    _change_status(action_id, ActionStatus.DROPPED, by)
    say(f"Action {action_id} dropped")


@actions_app.command("edit")
def actions_edit(
    action_id: Annotated[int, typer.Argument(metavar="ID", help="The action item's id.")],
    text: Annotated[str | None, typer.Option("--text", help="New wording.")] = None,
    owner: Annotated[
        str | None, typer.Option("--owner", help="Who does it now (a known person).")
    ] = None,
    due: Annotated[
        str | None, typer.Option("--due", help="New due date, or 'none' to clear it.")
    ] = None,
    past: PastOption = False,
) -> None:
    """Change an action item's text, owner or due date. Each change joins its timeline."""
    from meeting.agenda.lookup import running_meeting
    from meeting.entries.actions import get_action, update_action
    from meeting.foundations.errors import HuddleError

    if text is None and owner is None and due is None:
        raise HuddleError("nothing to change: give --text, --owner or --due")
    with database() as db:
        current = get_action(db, action_id)
        running = running_meeting(db)
        new_due = current.due
        if due is not None:
            new_due = None if due.strip().lower() == "none" else due_date(due, past=past)
        update_action(
            db,
            action_id,
            text=current.text if text is None else text,
            owner=current.owner if owner is None else owner,
            due=new_due,
            meeting_id=running.id if running else None,
            clock=clock(),
            create_owner=False,
        )
    say(f"Action {action_id} changed")


@actions_app.command("reopen")
def actions_reopen(
    action_id: Annotated[int, typer.Argument(metavar="ID", help="The action item's id.")],
    by: Annotated[str | None, typer.Option("--by", help=BY_HELP)] = None,
) -> None:
    """Open a done or dropped action item again."""
    _change_status(action_id, ActionStatus.OPEN, by)
    say(f"Action {action_id} is open again")


@actions_app.command("show")
def actions_show(
    action_id: Annotated[int, typer.Argument(metavar="ID", help="The action item's id.")],
    fmt: FormatOption = OutputFormat.table,
    raw: RawOption = False,
) -> None:
    """One action item with its whole timeline."""
    from meeting.foundations.text import visible
    from meeting.reads.history import ActionFilter, list_actions
    from meeting.reads.timeline import timeline

    today = clock().today()
    with database() as db:
        events = timeline(db, action_id)
        found = [r for r in list_actions(db, ActionFilter(), today=today) if r.id == action_id]
    if fmt is not OutputFormat.table:
        rows = [
            {
                "at": e.at.isoformat(),
                "kind": e.kind,
                "meeting": e.meeting,
                "old": e.old,
                "new": e.new,
                "by": e.by,
            }
            for e in events
        ]
        emit(rows, fmt, empty="", raw=raw)
        return
    if found:
        row = found[0]
        due = row.due.isoformat() if row.due else "no due date"
        say(f"#{row.id} {visible(row.text)}")
        say(
            f"owner {row.owner} ({row.team}) · due {due} · {row.status}"
            f" · made {row.made_on or 'between meetings'} · carried {row.carried}×"
        )
    else:
        say(f"#{action_id} (deleted)")
    for event in events:
        say(f"  {local(event.at):%Y-%m-%d %H:%M}  {visible(event.describe())}")


@actions_app.command("stats")
def actions_stats(
    since: Annotated[str | None, typer.Option("--since", help="Made on or after.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Made on or before.")] = None,
    by: Annotated[str, typer.Option("--by", help="owner or team.")] = "owner",
    fmt: FormatOption = OutputFormat.table,
    raw: RawOption = False,
) -> None:
    """Figures per owner (or team). Open, overdue, done on time, done late, dropped,
    completion."""
    from meeting.foundations.number_format import format_share
    from meeting.reads.history import action_figures

    with database() as db:
        figures = action_figures(
            db, _filter(since=_date(since), until=_date(until)), today=clock().today(), by=by
        )
    rows = [f.as_dict(by) for f in figures]
    if fmt is OutputFormat.table:
        for row, figure in zip(rows, figures, strict=True):
            row["completion_rate"] = format_share(figure.completion_rate)
            median = row["median_days_to_done"]
            row["median_days_to_done"] = "" if median is None else f"{median}d"
    emit(rows, fmt, empty="No action items in that period.", raw=raw)
