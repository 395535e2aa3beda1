"""`huddle series ...`: settings a series keeps for all its meetings."""

from __future__ import annotations

from typing import Annotated

import typer

from tui.cli_common import database
from tui.output import say

series_app = typer.Typer(
    help="A series' own settings: where its summaries are posted.", no_args_is_help=True
)


@series_app.command("webhook")
def series_webhook(
    series: Annotated[str, typer.Argument(help="The series' name.")],
    url: Annotated[
        str,
        typer.Argument(
            metavar="URL|none",
            help="A Slack or Teams incoming webhook's URL, or none to clear.",
        ),
    ],
) -> None:
    """Set the series' chat webhook. `huddle send --chat` posts summaries there."""
    from meeting.agenda.series import set_chat_webhook
    from meeting.foundations.addresses import SERVICES

    with database() as db:
        name, kind = set_chat_webhook(db, series, url)
    if kind is None:
        say(f"{name} posts to no chat now")
    else:  # the URL is the webhook's password: not echoed
        say(f"{name} posts its summaries to {SERVICES[kind]} (huddle send MEETING --chat)")
