"""`huddle send`: an ended meeting's minutes by email, its summary to the series' chat.

Every send is recorded (where, when, by whom), and one already made is skipped unless
--again: a command run twice, or run again after a failure, sends only what is missing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from meeting.foundations.errors import HuddleError
from tui.cli_common import SeriesOption, as_name, clock, database
from tui.output import say

if TYPE_CHECKING:
    from storage.db import Database


def send(
    ref: Annotated[
        str, typer.Argument(metavar="MEETING", help="Meeting id, date (2026-11-23) or latest.")
    ],
    to: Annotated[
        list[str] | None,
        typer.Option(
            "--to",
            metavar="WHO",
            help="Email the minutes to: attendees, team (everyone on the list), a team "
            "(sales), a person's name or an address. Repeat it, or separate with commas.",
            show_default=False,
        ),
    ] = None,
    chat: Annotated[
        bool, typer.Option("--chat", help="Post the summary to the series' chat webhook.")
    ] = False,
    again: Annotated[
        bool, typer.Option("--again", help="Send to those it was sent to before too.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say who would get what; send nothing.")
    ] = False,
    series: SeriesOption = None,
) -> None:
    """Email a meeting's minutes or post its summary. Each send is recorded: run again,
    it sends only what did not go (--again: everything)."""
    from meeting.reads.recorded import find_meeting
    from meeting.reports.sending import ended_minutes

    wanted = [part.strip() for value in to or [] for part in value.split(",") if part.strip()]
    if not wanted and not chat:
        raise HuddleError("say where the minutes go: --to attendees|team|NAME|ADDRESS, or --chat")
    with database() as db:
        meeting_id = find_meeting(db, ref, series=series, clock=clock())
        ended_minutes(db, meeting_id)  # an ended meeting's, or one line saying why not
        if wanted:
            email(db, meeting_id, wanted, again=again, dry_run=dry_run)
        if chat:
            post_chat(db, meeting_id, again=again, dry_run=dry_run)


def email(db: Database, meeting_id: int, wanted: list[str], *, again: bool, dry_run: bool) -> None:
    import os
    from shlex import quote

    from meeting.reports.emailing import plan_email, send_email
    from meeting.reports.mail import smtp_settings
    from tui.personal import read_personal

    plan = plan_email(db, meeting_id, wanted, again=again)
    verb = "Would email" if dry_run else "Emailing"
    say(f"{verb} the minutes of {plan.series} on {plan.date} (meeting {meeting_id}):")
    for address, name in plan.going:
        say(f"  to {name} <{address}>" if name else f"  to {address}")
    for address, sent in plan.repeated:
        when = sent.astimezone().strftime("%Y-%m-%d %H:%M")
        say(f"  not {address}: sent on {when} (--again sends it again)")
    for name in plan.unreachable:
        say(f"  not {name}: no email address (huddle people email {quote(name)} ADDRESS)")
    if not plan.going:
        raise HuddleError("nobody to email: every address given has the minutes already")
    try:
        settings = smtp_settings(os.environ, read_personal().smtp())
    except HuddleError as exc:
        if not dry_run:
            raise
        say(f"  through: not set up yet ({exc})")
        settings = None
    if dry_run:
        if settings is not None:
            say(f"  through {settings.where}, from {settings.sender}")
        say(f"  as text and HTML, with the series' calendar attached ({plan.calendar_name})")
        return
    assert settings is not None
    taken = send_email(db, plan, settings, by=as_name(), clock=clock())
    say(f"Sent to {len(taken)} of {len(plan.going)} through {settings.where}")
    for address, _ in plan.going:
        if address not in taken:
            say(f"huddle: {address} was refused by the server (not recorded)", err=True)


def post_chat(db: Database, meeting_id: int, *, again: bool, dry_run: bool) -> None:
    from meeting.reports.posting import payload_of, plan_chat, post_summary

    plan = plan_chat(db, meeting_id)
    if plan.posted_at is not None and not again:
        when = plan.posted_at.astimezone().strftime("%Y-%m-%d %H:%M")
        raise HuddleError(
            f"meeting {meeting_id}'s summary was posted to {plan.service} on {when} "
            "(--again posts it again)"
        )
    if dry_run:
        say(f"Would post the summary to {plan.series}'s {plan.service} webhook:")
        import json

        say(json.dumps(payload_of(db, plan), ensure_ascii=False, indent=2))
        return
    post_summary(db, plan, by=as_name(), clock=clock())
    say(f"Posted the summary of meeting {meeting_id} to {plan.series}'s {plan.service} channel")
