"""The `huddle` command. Bare `huddle` opens the TUI; subcommands are headless.

Heavy modules (SQLModel, Textual) are imported inside the commands that need them, so
`huddle --help` and `huddle --version` start fast.
"""

import sys
from typing import Annotated

import typer

from meeting.foundations.errors import HuddleError
from tui.cli_actions import actions_app
from tui.cli_agreements import agreements_app
from tui.cli_calendar import calendar
from tui.cli_common import (
    State,
    clock,
    database,
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
from tui.cli_root import asks_root_help, command_name, new_root, root_help
from tui.cli_scorecard import scorecard
from tui.cli_send import send
from tui.cli_series import series_app
from tui.cli_serve import serve
from tui.cli_targets import targets_app
from tui.cli_templates import templates_app
from tui.cli_waterfall import waterfall
from tui.output import say

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
app.command("waterfall")(waterfall)
app.command("calendar")(calendar)
app.command("send")(send)
app.command("serve")(serve)


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
        launch_tui(url, needed=False)
    elif named:
        say(f"Open it with: huddle --db {masked(named)}")
    else:
        say("Open it with: huddle")


def main() -> None:
    """Typer converts every command it holds before running one; for a group command
    build a root holding just that group, which starts several times faster, and for
    `huddle --help` a root that only lists them (`tui.cli_root`)."""
    if asks_root_help(sys.argv[1:]):
        root_help()
        return
    name = command_name(sys.argv[1:])
    if name in GROUPS:
        slim = new_root()
        slim.add_typer(GROUPS[name], name=name)
        slim()
    else:
        app()
