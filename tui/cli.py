"""The `huddle` command. Bare `huddle` opens the TUI; subcommands are headless.

Heavy modules (SQLModel, Textual) are imported inside the commands that need them, so
`huddle --help` and `huddle --version` start fast.
"""

import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from meeting.foundations.errors import HuddleError
from meeting.foundations.text import LARGEST_ID
from storage.errors import DatabaseError
from tui.cli_actions import actions_app
from tui.cli_agreements import agreements_app
from tui.cli_calendar import calendar
from tui.cli_common import (
    State,
    clock,
    database,
    empty_database_hint,
    launch_tui,
)
from tui.cli_config import config_app
from tui.cli_db import db_app
from tui.cli_export import export
from tui.cli_headsups import headsup_app
from tui.cli_items import items_app
from tui.cli_meeting import meeting_app
from tui.cli_metrics import metrics_app
from tui.cli_people import people_app
from tui.cli_pulse import pulse_app
from tui.cli_questions import leads_app, questions_app
from tui.cli_scorecard import scorecard
from tui.cli_send import send
from tui.cli_series import series_app
from tui.cli_serve import serve
from tui.cli_targets import targets_app
from tui.cli_templates import templates_app
from tui.config import chosen_db
from tui.output import say


class HuddleGroup(TyperGroup):
    """Turns our errors into one line on stderr and exit status 1, never a traceback."""

    def main(self, args: Sequence[str] | None = None, *rest: Any, **kwargs: Any) -> Any:
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

    # Any: the Context class is click's or, in newer typer, typer's own copy of it
    def invoke(self, ctx: Any) -> Any:
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
    "pulse": pulse_app,
    "headsup": headsup_app,
    "templates": templates_app,
    "targets": targets_app,
    "config": config_app,
    "series": series_app,
}
for group_name, group in GROUPS.items():
    app.add_typer(group, name=group_name)
app.command("export")(export)
app.command("scorecard")(scorecard)
app.command("calendar")(calendar)
app.command("send")(send)
app.command("serve")(serve)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"huddle {version('huddle')}")
        raise typer.Exit()


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
    State.db_value = db
    State.as_value = as_name
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


def command_name(args: list[str]) -> str | None:
    """The subcommand named on the command line, past the global --db and --as options."""
    index = 0
    while index < len(args):
        arg = args[index]
        if arg in ("--db", "--as"):
            index += 2
        elif arg.startswith(("--db=", "--as=")):
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
