"""`huddle db ...`: where the database is and how it is kept: its path, a check, a backup,
starting afresh, a copy into another database, an upgrade, the team's time zone."""

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer

from meeting.foundations.errors import HuddleError
from meeting.foundations.text import visible
from storage.errors import DatabaseError
from tui.cli_common import State, clock, database, open_db
from tui.cli_timezone import db_timezone
from tui.config import chosen_db, to_url
from tui.output import say

db_app = typer.Typer(help="Where the database is and how it is kept.", no_args_is_help=True)


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
    from meeting.foundations.clock import EARLIEST, LATEST
    from storage.files import sqlite_path
    from storage.maintenance import check_database

    chosen, _ = chosen_db(State.db_value)
    path = sqlite_path(to_url(chosen))
    if path is None:
        from storage.copy import check_server
        from storage.date_check import check_dates, dates_ok

        with database() as db:
            lines, ok = check_server(db)
            dates = check_dates(db, (EARLIEST, LATEST))
        lines, ok = [*lines, *dates], ok and dates_ok(dates)
    else:
        report = check_database(path, (EARLIEST, LATEST))
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
    said: list[str] = []
    with database(create=False) as db:  # a typo backs nothing up, and makes nothing
        written = backup_to(db, target, said=said)
    for line in said:
        say(f"huddle: {line}", err=True)
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
        said: list[str] = []
        written = backup_to(db, target, said=said)
        for line in said:
            say(f"huddle: {line}", err=True)
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
        said: list[str] = []
        written = server_backup_at(engine, before, target, said=said)
        for line in said:
            say(f"huddle: {line}", err=True)
        return before, written
    finally:
        engine.dispose()


db_app.command("timezone")(db_timezone)
