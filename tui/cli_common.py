"""What every command shares: the database in use, the clock, output formats."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from tui.config import chosen_db, ensure_default_folder, to_url
from tui.output import OutputFormat, say

if TYPE_CHECKING:
    from meeting.foundations.clock import Clock
    from storage.db import Database
    from storage.models import Series

FormatOption = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="table for people, json or csv for scripts.")
]
RawOption = Annotated[
    bool,
    typer.Option(
        "--raw",
        help="CSV and JSON exactly as stored, even on a terminal and for cells a "
        "spreadsheet would run as formulas.",
    ),
]
SeriesOption = Annotated[
    str | None, typer.Option("--series", "-s", help="Series name. Default: the last one used.")
]
NewTeamOption = Annotated[
    bool,
    typer.Option("--new-team", help="The --team is new: nobody is in it yet (a typo is refused)."),
]


def known_team(db: Database, team: str, *, new: bool) -> str:
    """A --team value as stored: one of the usual teams or one somebody is in, or a new
    one with --new-team. A typo would start a team of its own, a column in the scorecard."""
    from meeting.entries.people import normalise_team, teams_in_use
    from meeting.foundations.errors import HuddleError
    from meeting.foundations.names import close_matches

    cleaned = normalise_team(team)
    with db.read() as session:
        teams = teams_in_use(session)
    if new or cleaned in teams:
        return cleaned
    hint = close_matches(teams, team) or f" (known: {', '.join(teams)})"
    raise HuddleError(f"unknown team {team.strip()!r}{hint}; add --new-team to start it")


class State:
    """The root `--db` and `--as` values, set by the root callback before any subcommand
    runs."""

    db_value: str | None = None
    as_value: str | None = None  # the root --as
    clock: Clock | None = None
    zoned: bool = False  # the team's time zone has been read from the database


def open_db(value: str | None = None, *, create: bool = True) -> Database:
    """The database chosen by --db / HUDDLE_DB / default, opened and migrated."""
    from storage.opening import open_database

    chosen, is_default = chosen_db(value or State.db_value)
    if is_default:
        ensure_default_folder(Path(chosen))
    from meeting.foundations.clock import use_team_zone

    db = open_database(to_url(chosen), create=create)
    for notice in db.notices:
        say(f"huddle: {notice}", err=True)
    try:
        use_team_zone(db)  # every date of the command is on the team's calendar
    except BaseException:
        db.dispose()
        raise
    State.zoned = True
    warn_if_networked(db)
    return db


def warn_if_networked(db: Database) -> None:
    from storage.files import network_warning

    warning = network_warning(db.path) if db.path else None
    if warning:
        say(f"huddle: warning: {warning}", err=True)


EMPTY_HINT = "this database is empty: `huddle demo` fills it with a demo to look around"


def empty_database_hint() -> str:
    """The hint for a command that found nothing, or failed to, on a database nobody has put
    anything in yet: a newcomer learns where the demo is. '' otherwise, or when the database
    cannot be read (that error is said on its own)."""
    from storage.copy import holds_data
    from storage.opening import open_database

    chosen, _ = chosen_db(State.db_value)
    try:
        db = open_database(to_url(chosen), create=False)
    except Exception:
        return ""
    try:
        return "" if holds_data(db) else EMPTY_HINT
    except Exception:
        return ""
    finally:
        db.dispose()


def say_when_empty(found: list[Any]) -> None:
    """Under an empty list, on stderr so a script's output stays as it was."""
    if not found and (hint := empty_database_hint()):
        say(f"huddle: {hint}", err=True)


@contextmanager
def database(value: str | None = None, *, create: bool = True) -> Iterator[Database]:
    db = open_db(value, create=create)
    try:
        yield db
    finally:
        db.dispose()


def clock() -> Clock:
    """One clock per command, so every date it works out is of the same moment, on the
    team's calendar: a command that reads "today" before it opens the database has the
    database's time zone read first."""
    if State.clock is None:
        from meeting.foundations.clock import clock_from_env

        State.clock = clock_from_env()  # a bad HUDDLE_NOW is said before the database opens
    if not State.zoned:
        open_db().dispose()
    return State.clock


PastOption = Annotated[
    bool, typer.Option("--past", help="Accept a due date before today (it is overdue at once).")
]


def due_date(text: str | None, *, past: bool) -> dt.date | None:
    """A --due value (None: not given); one before today is refused unless --past says it
    is meant. An empty one is refused: a script's unset variable must not quietly become
    the next meeting's date, nor clear a due date."""
    from meeting.foundations.dates import parse_date, past_due
    from meeting.foundations.errors import HuddleError

    if text is None:
        return None
    if not text.strip():
        raise HuddleError("--due is empty: give a date (2026-12-01, fri, +1w), or leave it out")
    today = clock().today()
    day = parse_date(text, today)
    if not past and (problem := past_due(day, today)):
        raise HuddleError(f"{problem}; give a later date, or add --past if it was due then")
    return day


def pick_series(db: Database, name: str | None) -> Series:
    """The named series, or the one used last; an error names how to make one."""
    from meeting.agenda.series import default_series_name, resolve_series
    from meeting.foundations.errors import HuddleError

    chosen = name or default_series_name(db)
    if chosen is None:
        raise HuddleError("no series yet (start a meeting first: huddle meeting start)")
    with db.read() as session:
        return resolve_series(session, chosen)


def series_id(db: Database, name: str | None) -> int:
    """The id of the named series, or of the one used last."""
    from storage.models import stored_id

    return stored_id(pick_series(db, name).id)


def meeting_in_series(db: Database, series: Series, ref: str | None) -> int | None:
    """The meeting named by `--meeting`, else the series' running meeting, else none
    (between meetings: the entry comes up in the next one)."""
    from meeting.agenda.lookup import running_meeting
    from meeting.reads.recorded import find_meeting

    if ref is not None:
        return find_meeting(db, ref, series=series.name, clock=clock())
    running = running_meeting(db)
    return running.id if running is not None and running.series == series.name else None


NEXT_MEETING_INSTEAD = "leave out --meeting to add it for the next meeting"


@contextmanager
def next_meeting_offered(named: str | None) -> Iterator[None]:
    """A meeting named with --meeting that has ended: say how to reopen it, and that
    leaving the option out files the entry for the next meeting instead."""
    from meeting.foundations.errors import HuddleError, MeetingClosed

    try:
        yield
    except MeetingClosed as exc:
        if named is None:
            raise
        raise HuddleError(exc.said(NEXT_MEETING_INSTEAD)) from None


def as_name() -> str | None:
    """Who runs this command, if they said: the root --as, else $HUDDLE_AS."""
    import os

    named = State.as_value if State.as_value is not None else os.environ.get("HUDDLE_AS", "")
    return named.strip() or None


def launch_tui(db_url: str, *, meeting_id: int | None = None, needed: bool = True) -> None:
    """The TUI on a database, for bare `huddle`, `huddle demo` and `huddle meeting start`:
    Textual is imported here, not before. Without a terminal, a command whose work is done
    (`needed` false: the demo written, the meeting started) says so and succeeds; bare
    `huddle` fails, in one line."""
    from tui.tty import has_terminal

    if not needed and not has_terminal():  # bare `huddle` is refused by run_app
        say("not opened: no terminal here (open it with: huddle)", err=True)
        return
    from tui.session import run_app

    code = run_app(db_url, meeting_id=meeting_id, as_name=State.as_value)
    if code:
        raise typer.Exit(code)


def read_text_file(file: Path) -> str:
    """A text file given on the command line (`-`: standard input), or one line saying
    what is wrong with it."""
    import sys

    from meeting.foundations.errors import HuddleError

    if str(file) == "-":
        return sys.stdin.read()
    try:
        return file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise HuddleError(f"no file {file} (check the path)") from None
    except IsADirectoryError:
        raise HuddleError(f"{file} is a folder (give a text file)") from None
    except UnicodeDecodeError:
        raise HuddleError(f"{file} is not UTF-8 text (save it as UTF-8)") from None
    except OSError as exc:
        raise HuddleError(f"cannot read {file}: {exc.strerror}") from None
