"""`huddle meeting ...`: starting, ending and reopening meetings, showing and listing
them, and the calendar of planned ones."""

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from meeting.foundations.errors import HuddleError
from meeting.foundations.statuses import MeetingStatus
from tui.cli_common import (
    FormatOption,
    RawOption,
    SeriesOption,
    as_name,
    clock,
    database,
    launch_tui,
    pick_series,
    say_when_empty,
)
from tui.output import OutputFormat, emit, say

if TYPE_CHECKING:
    from meeting.agenda.writing_phase import Change
    from storage.db import Database

meeting_app = typer.Typer(help="Start and list meetings.", no_args_is_help=True)


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
            help="Agenda: a template's key (huddle templates list). Default: the series'.",
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
        launch_tui(url, meeting_id=meeting_id, needed=False)


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
        if view.status != MeetingStatus.RUNNING:
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
    verb = "is already running" if was == MeetingStatus.RUNNING else "is running again"
    say(f"{view.series} on {view.date} (meeting {meeting_id}) {verb}")


@meeting_app.command("facilitator")
def meeting_facilitator(
    ref: MeetingArgument,
    name: Annotated[
        str, typer.Argument(help="Who facilitates from now on (someone on huddle people list).")
    ],
    series: SeriesOption = None,
) -> None:
    """Hand a meeting to another facilitator. Theirs are its moves between sections, its
    timer and ending it; terminals on it see the change within seconds. An ended meeting
    is reopened first: who ran it is part of its record."""
    from meeting.agenda.facilitator import hand_over
    from meeting.agenda.meetings import get_meeting
    from meeting.reads.recorded import find_meeting

    with database() as db:
        meeting_id = find_meeting(db, ref, series=series, clock=clock())
        now, before = hand_over(db, meeting_id, name)
        view = get_meeting(db, meeting_id)
    which = f"{view.series} on {view.date} (meeting {meeting_id})"
    if before == now:
        say(f"{now} already facilitates {which}")
    else:
        say(f"{now} facilitates {which} now" + (f", not {before}" if before else ""))


class Switch(StrEnum):
    on = "on"
    off = "off"


SectionArgument = Annotated[
    str, typer.Argument(help="The section: its key (broken), title or number on the agenda.")
]


def _change_section(ref: str, section: str, series: str | None, change: "Change") -> None:
    from meeting.agenda.meetings import get_meeting
    from meeting.agenda.writing_phase import change_section, section_named
    from meeting.entries.identity import me_named
    from meeting.reads.recorded import find_meeting

    with database() as db:
        meeting_id = find_meeting(db, ref, series=series, clock=clock())
        named = as_name()
        me = me_named(db, named) if named else None
        target = section_named(get_meeting(db, meeting_id), section)
        said = change_section(db, meeting_id, target.id, change, me=me)
    say(said)


@meeting_app.command("writing")
def meeting_writing(
    ref: MeetingArgument,
    section: SectionArgument,
    switch: Annotated[Switch, typer.Argument(help="on: everyone writes alone; off: not.")],
    anonymous: Annotated[
        bool | None,
        typer.Option(
            "--anonymous/--named", help="Keep no author for its entries (or keep them again)."
        ),
    ] = None,
    series: SeriesOption = None,
) -> None:
    """Everyone writes alone in a section, until the reveal.

    Before anyone writes in it: each person's entries are theirs alone, the others see
    how many, until the facilitator reveals them (huddle meeting reveal)."""
    from meeting.agenda.writing_phase import Change

    if anonymous is not None:
        on = Change.ANONYMOUS_ON if anonymous else Change.ANONYMOUS_OFF
        _change_section(ref, section, series, on)
    on_off = Change.WRITING_ON if switch == Switch.on else Change.WRITING_OFF
    _change_section(ref, section, series, on_off)


@meeting_app.command("reveal")
def meeting_reveal(
    ref: MeetingArgument, section: SectionArgument, series: SeriesOption = None
) -> None:
    """Show what was written alone in a section to everyone."""
    from meeting.agenda.writing_phase import Change

    _change_section(ref, section, series, Change.REVEAL)


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
            help="Agenda: a template's key (huddle templates list). Default: the series'.",
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
