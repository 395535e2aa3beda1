"""The root of the `huddle` command: its options, its error handling, and `huddle --help`.

Kept apart from the commands so that `huddle --help` imports Typer and this module only:
building every command to list one line each took longer than Python starting up.
"""

import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

# What `huddle --help` lists, in its order: each command's or group's first sentence.
# tests/cli/test_root_help.py holds this to the commands' own help.
COMMANDS = (
    ("export", "Export minutes as Markdown."),
    ("scorecard", "Both teams' alignment scorecard."),
    ("waterfall", "The funnel's waterfall with velocity."),
    ("calendar", "Write a series' meetings as an iCalendar file."),
    ("send", "Email a meeting's minutes or post its summary."),
    ("serve", "Serve huddle to browsers, one huddle per tab on this database."),
    ("demo", "Fill your database with a demo and open it."),
)
GROUPS = (
    ("meeting", "Start and list meetings."),
    ("db", "Where the database is and how it is kept."),
    ("actions", "Action items."),
    ("metrics", "Metrics of a series: list, define, record, show, import."),
    ("questions", "Lead questions: ask, answer, list, figures."),
    ("leads", "Leads: import from a CRM export, list, accept or reject."),
    ("people", "People and their teams."),
    ("items", "What's working and what's broken."),
    ("agreements", "Agreements both teams keep."),
    ("pulse", "The alignment pulse."),
    ("headsup", "Heads-ups shown in meetings until they end."),
    ("templates", "Agenda templates."),
    ("targets", "Targets worked back from revenue: plan, and apply."),
    ("config", "Your personal settings, not the team's."),
    ("series", "A series' own settings: where its summaries are posted."),
)
HELP_FLAGS = ("-h", "--help")


class HuddleGroup(TyperGroup):
    """Turns our errors into one line on stderr and exit status 1, never a traceback."""

    def main(self, args: Sequence[str] | None = None, *rest: Any, **kwargs: Any) -> Any:
        given = sys.argv[1:] if args is None else list(args)
        for arg in given:
            try:
                arg.encode("utf-8")
            except UnicodeEncodeError:
                from tui.output import say

                shown = arg.encode("utf-8", "backslashreplace").decode("ascii", "replace")
                say(
                    f"huddle: the argument {shown!r} is not valid UTF-8 "
                    "(check the terminal's or the script's encoding, and type it again)",
                    err=True,
                )
                raise SystemExit(2) from None
        return super().main(args, *rest, **kwargs)

    # Any: the Context class is click's or, in newer typer, typer's own copy of it
    def invoke(self, ctx: Any) -> Any:
        import sqlite3

        from meeting.foundations.errors import HuddleError
        from meeting.foundations.text import LARGEST_ID
        from storage.errors import DatabaseError
        from tui.cli_common import empty_database_hint
        from tui.output import say

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
            if "date" in str(exc):  # a day stored outside the window, a week added to it
                say(
                    "huddle: a date stored in the database is out of range "
                    "(huddle db check names it)",
                    err=True,
                )
            else:
                say(
                    f"huddle: a number is too large: ids and counts go up to {LARGEST_ID}", err=True
                )
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
    from tui.cli_common import State
    from tui.config import chosen_db

    if isinstance(exc, OSError):
        where = f" {exc.filename}" if exc.filename else ""
        return f"cannot use{where}: {exc.strerror or exc} (check the path and its permissions)"
    chosen, _ = chosen_db(State.db_value)
    if "://" in chosen and not chosen.startswith("sqlite"):
        from storage.db import server_trouble

        return str(server_trouble(exc))
    return damaged(chosen, exc)


def new_root() -> typer.Typer:
    """The `huddle` group with its options (`root`), holding no command yet."""
    made = typer.Typer(
        cls=HuddleGroup,
        help="Run the sales & marketing sync meeting from the terminal. "
        "Bare `huddle` opens the TUI.",
        invoke_without_command=True,
        no_args_is_help=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": list(HELP_FLAGS)},
    )
    made.callback()(root)
    return made


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"huddle {version('huddle')}")
        raise typer.Exit()


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
    as_name: Annotated[
        str | None,
        typer.Option(
            "--as",
            metavar="NAME",
            help="Open the TUI as this person (someone on `huddle people list`): entries "
            "typed are theirs, and a meeting someone else facilitates is theirs to run. "
            "Default: $HUDDLE_AS.",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    from tui.cli_common import State, database, launch_tui

    State.db_value = db
    State.as_value = as_name
    State.clock = None  # read HUDDLE_NOW afresh for each command
    State.zoned = False  # and the team's time zone
    if ctx.invoked_subcommand is None:
        with database() as opened:
            url = opened.url
        launch_tui(url)


def _root_words(args: list[str]) -> list[str]:
    """The arguments before the subcommand, past the values of --db and --as."""
    words: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        if arg in ("--db", "--as"):
            index += 2
            continue
        if not arg.startswith("-"):
            words.append(arg)
            break
        words.append(arg)
        index += 1
    return words


def command_name(args: list[str]) -> str | None:
    """The subcommand named on the command line, past the global --db and --as options."""
    for arg in _root_words(args):
        if arg.startswith("--db=") or arg.startswith("--as="):
            continue
        return None if arg.startswith("-") else arg
    return None


def asks_root_help(args: list[str]) -> bool:
    """`huddle --help` (or -h), with nothing but --db or --as besides: the root's help."""
    words = [a for a in _root_words(args) if not a.startswith(("--db=", "--as="))]
    return bool(words) and all(word in HELP_FLAGS for word in words)


def help_root() -> typer.Typer:
    """A root listing every command by its line in COMMANDS and GROUPS without building
    any of them: only its help is ever shown, so the commands are empty."""
    made = new_root()

    def listed() -> None:
        """Never run: --help is eager."""

    for name, line in COMMANDS:
        made.command(name, help=line)(listed)
    for name, line in GROUPS:
        made.add_typer(typer.Typer(help=line), name=name)
    return made


def root_help() -> None:
    """Print `huddle --help` (exits, as Typer does after help)."""
    help_root()()
