"""The `huddle` command. Bare `huddle` opens the TUI; subcommands are headless.

Heavy modules (SQLModel, Textual) are imported inside the commands that need them, so
`huddle --help` and `huddle --version` start fast.
"""

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from typer.core import TyperGroup

from meeting.foundations.errors import HuddleError
from meeting.foundations.text import LARGEST_ID, visible
from storage.errors import DatabaseError
from tui.cli_actions import actions_app
from tui.cli_agreements import agreements_app
from tui.cli_common import (
    FormatOption,
    RawOption,
    SeriesOption,
    State,
    clock,
    database,
    empty_database_hint,
    open_db,
    pick_series,
    say_when_empty,
)
from tui.cli_export import export
from tui.cli_headsups import headsup_app
from tui.cli_items import items_app
from tui.cli_metrics import metrics_app
from tui.cli_people import people_app
from tui.cli_questions import leads_app, questions_app
from tui.cli_scorecard import scorecard
from tui.cli_timezone import db_timezone
from tui.config import chosen_db, to_url
from tui.output import OutputFormat, emit, say

if TYPE_CHECKING:
    from storage.db import Database


class HuddleGroup(TyperGroup):
    """Turns our errors into one line on stderr and exit status 1, never a traceback."""

    def main(self, args=None, *rest, **kwargs):  # type: ignore[no-untyped-def]
        given = sys.argv[1:] if args is None else list(args)
        for arg in given:
            try:
                arg.encode("utf-8")
            except UnicodeEncodeError:
                shown = arg.encode("utf-8", "backslashreplace").decode("ascii", "replace")
                say(
                    f"huddle: the argument {shown!r} is not valid UTF-8 "
                    "(check the terminal's or the script's encoding, and type it again)",
                    err=True,
                )
                raise SystemExit(2) from None
        return super().main(args, *rest, **kwargs)

    def invoke(self, ctx):  # type: ignore[no-untyped-def]
        import sqlite3

        try:
            return super().invoke(ctx)
        except HuddleError as exc:
            say(f"huddle: {exc}", err=True)
            # "no lead question with id 19" on a database nobody has filled: where the demo is
            if str(exc).startswith("no ") and (hint := empty_database_hint()):
                say(f"huddle: {hint}", err=True)
            raise typer.Exit(1) from exc
        except DatabaseError as exc:
            say(f"huddle: {exc}", err=True)
            raise typer.Exit(1) from exc
        except BrokenPipeError as exc:  # `huddle ... | head`: the reader has all it wanted
            raise typer.Exit(1) from exc
        except (sqlite3.Error, OSError) as exc:
            say(f"huddle: {unreadable(exc)}", err=True)
            raise typer.Exit(1) from exc
        except OverflowError as exc:
            say(f"huddle: a number is too large: ids and counts go up to {LARGEST_ID}", err=True)
            raise typer.Exit(1) from exc
        except Exception as exc:
            from sqlalchemy.exc import SQLAlchemyError

            if not isinstance(exc, SQLAlchemyError):
                raise
            say(f"huddle: {unreadable(getattr(exc, 'orig', None) or exc)}", err=True)
            raise typer.Exit(1) from exc


def unreadable(exc: BaseException) -> str:
    """A database or file that failed halfway through a command (a damaged page, a
    permission taken away, a disk error), as one line that says what to do."""
    from storage.files import damaged

    if isinstance(exc, OSError):
        where = f" {exc.filename}" if exc.filename else ""
        return f"cannot use{where}: {exc.strerror or exc} (check the path and its permissions)"
    chosen, _ = chosen_db(State.db_value)
    if "://" in chosen and not chosen.startswith("sqlite"):
        from storage.db import server_trouble

        return str(server_trouble(exc))
    return damaged(chosen, exc)


def new_root() -> typer.Typer:
    return typer.Typer(
        cls=HuddleGroup,
        help="Run the sales & marketing sync meeting from the terminal. "
        "Bare `huddle` opens the TUI.",
        invoke_without_command=True,
        no_args_is_help=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )


app = new_root()
meeting_app = typer.Typer(help="Start and list meetings.", no_args_is_help=True)
db_app = typer.Typer(help="Where the database is and how it is kept.", no_args_is_help=True)
GROUPS: dict[str, typer.Typer] = {
    "meeting": meeting_app,
    "db": db_app,
    "actions": actions_app,
    "metrics": metrics_app,
    "questions": questions_app,
    "leads": leads_app,
    "people": people_app,
    "items": items_app,
    "agreements": agreements_app,
    "headsup": headsup_app,
}
for group_name, group in GROUPS.items():
    app.add_typer(group, name=group_name)
app.command("export")(export)
app.command("scorecard")(scorecard)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"huddle {version('huddle')}")
        raise typer.Exit()


def launch_tui(db_url: str, *, meeting_id: int | None = None) -> None:
    from tui.app import run_app

    code = run_app(db_url, meeting_id=meeting_id)
    if code:
        raise typer.Exit(code)


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="PATH|URL",
            help="Database file, or a URL such as postgresql+psycopg://host/db. "
            "Default: $HUDDLE_DB, else huddle.db in your user data folder.",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    State.db_value = db
    State.clock = None  # read HUDDLE_NOW afresh for each command
    State.zoned = False  # and the team's time zone
    if ctx.invoked_subcommand is None:
        with database() as opened:
            url = opened.url
        launch_tui(url)


@app.command()
def demo(
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="PATH|URL",
            help="A new or empty file, or an empty server database "
            "(postgresql+psycopg://...). Default: the database every command uses "
            "(--db before `demo`, $HUDDLE_DB, else huddle.db in your user data folder).",
        ),
    ] = None,
    open_tui: Annotated[
        bool, typer.Option("--open/--no-open", help="Open the TUI on it afterwards.")
    ] = True,
) -> None:
    """Fill your database with a demo and open it. Three months of weekly meetings."""
    from meeting.demo.build import build_demo
    from storage.copy import empty_database, holds_data
    from storage.db import shown_url
    from storage.urls import masked

    named = db or State.db_value  # `huddle --db X demo` means X too
    with database(named) as opened:
        shown = shown_url(opened.url)
        if not holds_data(opened):
            empty_database(opened)  # the agreements' default rows, written on a first look
            build_demo(opened, clock=clock())
            if named:
                say(f"Demo written to {shown}.")
            else:
                say(
                    f"Demo written to {shown}, the database every huddle command uses; "
                    "`huddle db fresh` empties it when you start your own."
                )
        elif named:
            raise HuddleError(
                f"{shown} already holds huddle data; the demo only fills a new or empty "
                "database (choose another --db)"
            )
        else:
            say(
                f"{shown} already holds meetings; opening it (`huddle db fresh` copies them "
                "to a file and empties it; `huddle demo --db FILE` makes a separate demo)"
            )
        url = opened.url
    if open_tui:
        launch_tui(url)
    elif named:
        say(f"Open it with: huddle --db {masked(named)}")
    else:
        say("Open it with: huddle")


def require_series(db: "Database", name: str) -> None:
    """An unknown series is an error that offers close names and the flag that adds it."""
    from meeting.agenda.series import resolve_series

    with db.read() as session:
        try:
            resolve_series(session, name)
        except HuddleError as exc:
            raise HuddleError(f"{exc}; add --new-series to start it") from None


@meeting_app.command("start")
def meeting_start(
    series: SeriesOption = None,
    template: Annotated[
        str | None,
        typer.Option(
            "--template",
            "-t",
            help="Agenda: sync, alignment, ssc, 4ls or msg. Default: the series'.",
        ),
    ] = None,
    facilitator: Annotated[
        str | None, typer.Option("--facilitator", help="Who runs the meeting.")
    ] = None,
    new_series: Annotated[
        bool, typer.Option("--new-series", help="Create the series if it does not exist.")
    ] = False,
    on: Annotated[
        str | None,
        typer.Option(
            "--date", help="The meeting's date: 2026-12-01, today, +1d, fri. Default: today."
        ),
    ] = None,
    open_tui: Annotated[bool, typer.Option("--open/--no-open", help="Open the TUI on it.")] = True,
) -> None:
    """Start or resume a meeting in the TUI. A running meeting of the series resumes."""
    from meeting.agenda.meetings import get_meeting, start_meeting
    from meeting.foundations.dates import parse_date

    day = parse_date(on, clock().today()) if on is not None else None
    with database() as db:
        if series is not None and not new_series:
            require_series(db, series)
        meeting_id, created = start_meeting(
            db,
            clock=clock(),
            series=series,
            template=template,
            facilitator=facilitator,
            on=day,
            create_series_if_missing=new_series,
        )
        view = get_meeting(db, meeting_id)
        url = db.url
    verb = "Started" if created else "Resuming"
    say(f"{verb} {view.series} on {view.date} (meeting {meeting_id})", err=open_tui)
    if open_tui:
        launch_tui(url, meeting_id=meeting_id)


MeetingArgument = Annotated[
    str, typer.Argument(help="Meeting id, date (2026-11-23, today) or latest.", show_default=False)
]


@meeting_app.command("end")
def meeting_end(
    ref: Annotated[
        str | None,
        typer.Argument(help="Meeting id or date. Default: the running meeting of the series."),
    ] = None,
    series: SeriesOption = None,
) -> None:
    """End a meeting: its timers stop, and what it recorded stays."""
    from meeting.agenda.lookup import running_meeting
    from meeting.agenda.meetings import get_meeting
    from meeting.reads.recorded import find_meeting
    from meeting.reports.closing import end_meeting

    with database() as db:
        if ref is None:
            running = running_meeting(db, series=series)
            if running is None:
                where = f" in series {series!r}" if series else ""
                raise HuddleError(f"no meeting is running{where} (huddle meeting list shows all)")
            meeting_id = running.id
        else:
            meeting_id = find_meeting(db, ref, series=series, clock=clock())
        view = get_meeting(db, meeting_id)
        if view.status != "running":
            raise HuddleError(
                f"meeting {meeting_id} ({view.date}) has already ended "
                f"(to run it again: huddle meeting reopen {meeting_id})"
            )
        end_meeting(db, meeting_id, clock=clock())
    say(f"Ended {view.series} on {view.date} (meeting {meeting_id})")


@meeting_app.command("reopen")
def meeting_reopen(ref: MeetingArgument, series: SeriesOption = None) -> None:
    """Run an ended meeting again, to add what was missed. Its series must have no other
    meeting running."""
    from meeting.agenda.meetings import get_meeting, reopen_meeting
    from meeting.reads.recorded import find_meeting

    with database() as db:
        meeting_id = find_meeting(db, ref, series=series, clock=clock())
        was = get_meeting(db, meeting_id).status
        reopen_meeting(db, meeting_id, clock=clock())
        view = get_meeting(db, meeting_id)
    verb = "is already running" if was == "running" else "is running again"
    say(f"{view.series} on {view.date} (meeting {meeting_id}) {verb}")


@meeting_app.command("show")
def meeting_show(
    ref: MeetingArgument,
    series: SeriesOption = None,
    fmt: FormatOption = OutputFormat.table,
    raw: RawOption = False,
) -> None:
    """Show one meeting. Its date, status, facilitator, attendees and sections with their
    time."""
    from meeting.agenda.meetings import get_meeting
    from meeting.reads.recorded import find_meeting

    with database() as db:
        view = get_meeting(db, find_meeting(db, ref, series=series, clock=clock()))
    if fmt is OutputFormat.table:
        say(
            f"Meeting {view.id}: {view.series} on {view.date}, {view.status}"
            + (f", facilitator {view.facilitator}" if view.facilitator else "")
        )
        if view.attendees:
            say("Attendees: " + ", ".join(f"{name} ({team})" for name, team in view.attendees))
    rows = view.section_records()
    emit(rows, fmt, empty="", raw=raw)


@meeting_app.command("list")
def meeting_list(
    series: Annotated[str | None, typer.Option("--series", "-s", help="Only this series.")] = None,
    fmt: FormatOption = OutputFormat.table,
    raw: RawOption = False,
) -> None:
    """List meetings, newest first."""
    from meeting.agenda.lookup import list_meetings

    with database() as db:
        rows = [row.as_dict() for row in list_meetings(db, series=series)]
    emit(rows, fmt, empty="No meetings yet (start one: huddle meeting start)", raw=raw)
    say_when_empty(rows)


DateOption = Annotated[
    str | None,
    typer.Option("--date", help="2026-12-01, +1w, mon. Default: the series' next meeting."),
]


@meeting_app.command("plan")
def meeting_plan(
    series: SeriesOption = None,
    on: DateOption = None,
    template: Annotated[
        str | None,
        typer.Option(
            "--template",
            "-t",
            help="Agenda: sync, alignment, ssc, 4ls or msg. Default: the series'.",
        ),
    ] = None,
) -> None:
    """Put a meeting in the calendar. Due dates default to it, and starting a meeting on
    its date uses it (with its agenda)."""
    from meeting.agenda.planning import plan_meeting
    from meeting.foundations.dates import parse_date

    with database() as db:
        chosen = pick_series(db, series)
        day = parse_date(on, clock().today()) if on is not None else None
        row = plan_meeting(db, chosen, on=day, template=template, clock=clock())
    say(f"Planned {row.series} on {row.date:%a %d %b %Y} ({row.template})")


@meeting_app.command("planned")
def meeting_planned(
    series: Annotated[str | None, typer.Option("--series", "-s", help="Only this series.")] = None,
    fmt: FormatOption = OutputFormat.table,
    raw: RawOption = False,
) -> None:
    """Meetings planned and not yet held, soonest first."""
    from meeting.agenda.planning import planned_meetings

    with database() as db:
        chosen = pick_series(db, series) if series is not None else None
        rows = [row.as_dict() for row in planned_meetings(db, chosen)]
    emit(rows, fmt, empty="Nothing planned (plan one: huddle meeting plan)", raw=raw)


PlanArgument = Annotated[
    str, typer.Argument(help="The planned meeting's date, or next.", show_default=False)
]


@meeting_app.command("reschedule")
def meeting_reschedule(
    when: PlanArgument,
    to: Annotated[str, typer.Option("--date", help="The new date: 2026-12-03, +2d, wed.")],
    series: SeriesOption = None,
) -> None:
    """Move a planned meeting to another date."""
    from meeting.agenda.planning import reschedule
    from meeting.foundations.dates import parse_date

    with database() as db:
        chosen = pick_series(db, series)
        row = reschedule(db, chosen, when, parse_date(to, clock().today()), clock=clock())
    say(f"{row.series} now meets on {row.date:%a %d %b %Y}")


@meeting_app.command("cancel")
def meeting_cancel(when: PlanArgument, series: SeriesOption = None) -> None:
    """Take a planned meeting out of the calendar. A held meeting stays."""
    from meeting.agenda.planning import cancel_plan

    with database() as db:
        row = cancel_plan(db, pick_series(db, series), when, clock=clock())
    say(f"Cancelled the {row.series} meeting planned on {row.date:%a %d %b %Y}")


@db_app.command("path")
def db_path() -> None:
    """Print the database in use (nothing is created)."""
    from storage.db import shown_url

    chosen, _ = chosen_db(State.db_value)
    say(shown_url(to_url(chosen)))


@db_app.command("check")
def db_check() -> None:
    """Check the database. Its schema version and references (a SQLite file: also
    integrity_check)."""
    from storage.files import sqlite_path
    from storage.maintenance import check_database

    chosen, _ = chosen_db(State.db_value)
    path = sqlite_path(to_url(chosen))
    if path is None:
        from storage.copy import check_server

        with database() as db:
            lines, ok = check_server(db)
    else:
        report = check_database(path)
        lines, ok = report.lines, report.ok
    for line in lines:
        typer.echo(visible(line))
    if not ok:
        raise typer.Exit(1)
    typer.echo("No problems found.")


@db_app.command("backup")
def db_backup(
    target: Annotated[Path, typer.Argument(metavar="FILE", help="Where to write the copy.")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
) -> None:
    """Back the database up to a file. The copy is consistent, safe to take while huddle
    is running."""
    from storage.maintenance import backup_to

    if target.exists() and not force:
        raise HuddleError(f"{target} already exists (use --force to overwrite it)")
    with database(create=False) as db:  # a typo backs nothing up, and makes nothing
        written = backup_to(db, target)
    say(f"Backed up to {written}")


@db_app.command("fresh")
def db_fresh(
    keep: Annotated[
        Path | None,
        typer.Option(
            "--keep",
            metavar="FILE",
            help="Where the copy goes. Default: beside a database file, named by the time.",
        ),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask.")] = False,
) -> None:
    """Start afresh: copy everything to a file, then empty it."""
    from meeting.agenda.lookup import running_meeting
    from storage.copy import empty_database, holds_data, row_counts
    from storage.db import shown_url
    from storage.maintenance import backup_to
    from storage.opening import open_database
    from tui.config import ensure_default_folder

    with database() as db:
        shown = shown_url(db.url)
        if not holds_data(db):
            say(f"{shown} is empty already; nothing changed")
            return
        if db.read_only:
            raise HuddleError(f"{shown} is read-only here; nothing was copied or emptied")
        running = running_meeting(db)
        if running is not None:
            raise HuddleError(
                f"a meeting of {running.series} is running ({running.date}); end it first "
                "(ctrl+e in it, or huddle meeting end), then start afresh"
            )
        target = keep or _set_aside_path(db.path, clock().now())
        if target.exists():
            raise HuddleError(f"{target} already exists (choose another --keep)")
        if not yes:
            if not stdin_is_terminal():
                raise HuddleError(
                    f"this empties {shown} after copying it to {target}; add --yes to go ahead"
                )
            if not typer.confirm(f"Copy {shown} to {target}, then empty it?", default=False):
                say("Nothing changed.")
                return
        if keep is None:
            ensure_default_folder(target)  # the folder huddle chose is huddle's to make
        written = backup_to(db, target)
        copy = open_database(f"sqlite:///{written}", create=False)
        try:
            copied = row_counts(copy)
        finally:
            copy.dispose()
        try:  # refused if another terminal wrote since: nothing is emptied that the copy lacks
            empty_database(db, as_copied=copied)
        except DatabaseError:
            written.unlink(missing_ok=True)  # a copy of nothing done leaves nothing behind
            raise
    say(f"Copied everything to {written} and emptied {shown}.")
    say(f"Start a meeting with `huddle`; open the copy with `huddle --db {written}`.")


def stdin_is_terminal() -> bool:
    """Whether a person can be asked: a script or a pipe gets a refusal naming --yes."""
    return sys.stdin.isatty()


def _set_aside_path(database_file: Path | None, now: dt.datetime) -> Path:
    """`huddle-2026-12-05-143000.db` beside the database file, so it sorts by time and
    is found where the database is; a server database's copy goes to the user data folder."""
    from tui.config import data_dir

    folder = database_file.parent if database_file else data_dir()
    stem = database_file.stem if database_file else "huddle-server"
    return folder / f"{stem}-{now.astimezone():%Y-%m-%d-%H%M%S}.db"


@db_app.command("copy")
def db_copy(
    to: Annotated[
        str,
        typer.Option(
            "--to",
            metavar="PATH|URL",
            help="An empty database: a new file, or a server database "
            "(postgresql+psycopg://host/huddle).",
        ),
    ],
) -> None:
    """Copy the whole database into an empty one. SQLite to PostgreSQL or back; then every
    table's row count is checked against the source."""
    from storage.copy import copy_database
    from storage.db import shown_url

    with database() as source, database(to) as target:
        if source.url == target.url:
            raise HuddleError("--to names the database being copied; choose another one")
        copied = copy_database(source, target)
        where = shown_url(target.url)
    rows = sum(c.rows for c in copied)
    say(f"Copied {rows:,} rows in {len(copied)} tables to {where}; every table's count matches")


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Migrate an older database to this schema. A backup is taken first."""
    from storage.db import HEAD_REVISION, schema_revision
    from storage.files import sqlite_path
    from storage.opening import open_database

    chosen, _ = chosen_db(State.db_value)
    url = to_url(chosen)
    path = sqlite_path(url)
    before = None
    backup: Path | None = None
    if path is not None and path.exists():
        from storage.files import check_file, probe_sqlite

        check_file(path)  # a folder, a text file or an unreadable file: one line, unchanged
        before, _ = probe_sqlite(path)
        if before and before != HEAD_REVISION:
            backup = path.with_name(f"{path.name}.{before}.bak")
    elif path is None:  # a server database: ask it, and back it up, before the upgrade
        before, backup = _back_up_server(url)
    db = open_db() if path is not None else open_database(url, upgrade=True)
    try:
        after, _ = schema_revision(db.engine)
    finally:
        db.dispose()
    if before == HEAD_REVISION:
        say(f"Already at schema {HEAD_REVISION}; nothing to do.")
    else:
        kept = f" (backup: {backup})" if backup else ""
        say(f"Upgraded from schema {before or 'none'} to {after}{kept}")


def _back_up_server(url: str) -> tuple[str | None, Path | None]:
    """The copy taken before a server database is upgraded: a SQLite file at its present
    schema, in the user data folder (`huddle-server-<database>.<schema>.bak`, one per
    schema), and that schema. No copy when there is nothing to upgrade (current, or new
    and empty)."""
    from sqlalchemy.engine import make_url

    from storage.backups import server_backup_at
    from storage.db import HEAD_REVISION, make_engine, recognise, schema_tables, server_trouble
    from tui.config import data_dir, ensure_default_folder

    engine = make_engine(url)
    try:
        try:
            before, tables = schema_tables(engine)
        except Exception as exc:
            from sqlalchemy.exc import SQLAlchemyError

            if not isinstance(exc, SQLAlchemyError):
                raise
            raise server_trouble(exc, opening=True) from exc
        from storage.db import shown_url

        recognise(shown_url(url), before, tables, new=True)
        if before is None or before == HEAD_REVISION:
            return before, None
        name = "".join(c if c.isalnum() or c in "-_" else "-" for c in make_url(url).database or "")
        target = data_dir() / f"huddle-server-{name or 'database'}.{before}.bak"
        ensure_default_folder(target)
        return before, server_backup_at(engine, before, target)
    finally:
        engine.dispose()


db_app.command("timezone")(db_timezone)


def command_name(args: list[str]) -> str | None:
    """The subcommand named on the command line, past the global --db option."""
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--db":
            index += 2
        elif arg.startswith("--db="):
            index += 1
        elif arg.startswith("-"):
            return None
        else:
            return arg
    return None


def main() -> None:
    """Typer converts every command it holds before running one; for a group command
    build a root holding just that group, which starts several times faster."""
    name = command_name(sys.argv[1:])
    if name in GROUPS:
        slim = new_root()
        slim.callback()(root)
        slim.add_typer(GROUPS[name], name=name)
        slim()
    else:
        app()
