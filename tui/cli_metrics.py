"""`huddle metrics ...`: the catalog, recording values between meetings, CSV in and out."""

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from meeting.foundations.text import counted
from tui.cli_common import (
    FormatOption,
    NewTeamOption,
    RawOption,
    SeriesOption,
    clock,
    database,
    known_team,
    pick_series,
    series_id,
)
from tui.output import OutputFormat, emit, say

if TYPE_CHECKING:
    from meeting.catalog.metric_catalog import MetricInfo

metrics_app = typer.Typer(
    help="Metrics of a series: list, define, record, show, import.", no_args_is_help=True
)

MeetingOption = Annotated[
    str,
    typer.Option("--meeting", "-m", help="A meeting id, a date (2026-11-23) or latest."),
]


def _target(text: str | None) -> float | None:
    from meeting.foundations.number_format import parse_value

    if text is None or text.strip().lower() in ("", "none"):
        return None
    return parse_value(text, "target")


@metrics_app.command("list")
def metrics_list(
    series: SeriesOption = None,
    include_retired: Annotated[
        bool, typer.Option("--all", help="Include retired metrics.")
    ] = False,
    fmt: FormatOption = OutputFormat.table,
    raw: RawOption = False,
) -> None:
    """List the metrics of a series."""
    from meeting.catalog.metric_catalog import list_metrics

    with database() as db:
        rows = list_metrics(db, series_id(db, series), include_retired=include_retired)
    emit([row.as_dict() for row in rows], fmt, empty="No metrics.", raw=raw)


@metrics_app.command("add")
def metrics_add(
    name: Annotated[str, typer.Argument(help="Metric name, e.g. 'Webinar signups'.")],
    team: Annotated[str, typer.Option("--team", help="Team that owns it.")] = "marketing",
    new_team: NewTeamOption = False,
    unit: Annotated[str, typer.Option("--unit", help="count, currency or percent.")] = "count",
    direction: Annotated[
        str, typer.Option("--direction", help="higher or lower (which is better).")
    ] = "higher",
    target: Annotated[
        str | None, typer.Option("--target", help="Target per meeting period.")
    ] = None,
    funnel: Annotated[
        bool, typer.Option("--funnel/--no-funnel", help="A funnel stage (rates between stages).")
    ] = False,
    series: SeriesOption = None,
) -> None:
    """Add a metric to a series."""
    from meeting.catalog.metric_catalog import add_metric

    with database() as db:
        add_metric(
            db,
            series_id(db, series),
            name=name,
            team=known_team(db, team, new=new_team),
            unit=unit,
            direction=direction,
            target=_target(target),
            funnel=funnel,
        )
    say(f"Added metric {name.strip()}")


def _edit(
    series: str | None, metric_name: str, change: Callable[["MetricInfo"], "MetricInfo"]
) -> None:
    from meeting.catalog.metric_catalog import list_metrics, resolve_metric, update_metric
    from storage.models import stored_id

    with database() as db:
        sid = series_id(db, series)
        with db.read() as session:
            metric_id = stored_id(resolve_metric(session, sid, metric_name).id)
        current = next(m for m in list_metrics(db, sid) if m.id == metric_id)
        new = change(current)
        update_metric(
            db,
            metric_id,
            name=new.name,
            team=new.team,
            unit=new.unit,
            direction=new.direction,
            target=new.target,
            funnel=new.funnel,
            on=clock().today(),
        )


@metrics_app.command("rename")
def metrics_rename(
    old: Annotated[str, typer.Argument(help="Current name.")],
    new: Annotated[str, typer.Argument(help="New name.")],
    series: SeriesOption = None,
) -> None:
    """Rename a metric; its recorded values stay with it."""
    _edit(series, old, lambda metric: replace(metric, name=new))
    say(f"Renamed {old.strip()} to {new.strip()}")


@metrics_app.command("target")
def metrics_target(
    name: Annotated[str, typer.Argument(help="Metric name.")],
    value: Annotated[str, typer.Argument(help="Target per meeting period, or 'none'.")],
    series: SeriesOption = None,
) -> None:
    """Set or clear a metric's target."""
    target = _target(value)
    _edit(series, name, lambda metric: replace(metric, target=target))
    say(f"Target of {name.strip()}: {value.strip()}")


@metrics_app.command("retire")
def metrics_retire(
    name: Annotated[str, typer.Argument(help="Metric name.")],
    series: SeriesOption = None,
) -> None:
    """Stop asking for a metric in meetings; its history is kept."""
    from meeting.catalog.metric_catalog import resolve_metric, retire_metric
    from storage.models import stored_id

    with database() as db:
        sid = series_id(db, series)
        with db.read() as session:
            metric_id = stored_id(resolve_metric(session, sid, name).id)
        retire_metric(db, metric_id, clock=clock())
    say(f"Retired {name.strip()} (its history is kept)")


NEXT_MEETING_FOR_NUMBERS = "record it in the next meeting once it starts (`huddle meeting start`)"


@metrics_app.command("record")
def metrics_record(
    metric: Annotated[str, typer.Argument(help="Metric name.")],
    value: Annotated[str, typer.Argument(help="The value for the meeting's period.")],
    meeting: MeetingOption = "latest",
    series: SeriesOption = None,
) -> None:
    """Record a metric's value for a meeting (default: the latest)."""
    from meeting.agenda.meetings import get_meeting
    from meeting.catalog.metric_catalog import resolve_metric
    from meeting.foundations.errors import HuddleError, MeetingClosed
    from meeting.foundations.number_format import format_value, parse_value
    from meeting.numbers.metrics import record_value
    from meeting.reads.recorded import find_meeting
    from storage.models import stored_id

    with database() as db:
        chosen = pick_series(db, series)
        with db.read() as session:
            found = resolve_metric(session, stored_id(chosen.id), metric)
        number = parse_value(value, found.name, found.unit)
        meeting_id = find_meeting(db, meeting, series=chosen.name, clock=clock())
        try:
            record_value(db, meeting_id, stored_id(found.id), number, clock=clock())
        except MeetingClosed as exc:
            # A number is the meeting's: between meetings it waits for the next one.
            raise HuddleError(exc.said(NEXT_MEETING_FOR_NUMBERS)) from None
        day = get_meeting(db, meeting_id).date
    say(f"{found.name} = {format_value(number, found.unit)} for the meeting of {day}")


@metrics_app.command("show")
def metrics_show(
    metric: Annotated[str, typer.Argument(help="Metric name.")],
    last: Annotated[
        int | None, typer.Option("--last", "-n", min=1, help="Last N meetings.")
    ] = None,
    series: SeriesOption = None,
    fmt: FormatOption = OutputFormat.table,
    raw: RawOption = False,
) -> None:
    """A metric over the meetings of its series, oldest first."""
    from meeting.catalog.metric_catalog import resolve_metric
    from meeting.foundations.number_format import format_change, format_value, sparkline
    from meeting.numbers.metrics import metric_history
    from storage.models import stored_id

    with database() as db:
        sid = series_id(db, series)
        with db.read() as session:
            found = resolve_metric(session, sid, metric)
        history = metric_history(db, sid, stored_id(found.id), last=last)
    rows: list[dict[str, object]] = []
    table = fmt is OutputFormat.table

    def shown(number: float | None) -> object:
        """For people, as the meeting and the minutes write it ($47,000.50); a number for
        scripts."""
        return format_value(number, found.unit) if table and number is not None else number

    for point in history:
        rows.append(
            {
                "date": point.date.isoformat(),
                "metric": found.name,
                "value": shown(point.value),
                "target": shown(point.target),  # the one of the meeting's day
                "change": format_change(point.change, found.unit) if table else point.change,
                "meeting_id": point.meeting_id,
            }
        )
    emit(rows, fmt, empty="No meetings in this series yet.", raw=raw)
    if fmt is OutputFormat.table and rows:
        say(f"trend: {sparkline([p.value for p in history])}")


@metrics_app.command("import")
def metrics_import(
    file: Annotated[Path, typer.Argument(help="CSV with columns date,metric,value.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check the file and say what would change.")
    ] = False,
    series: SeriesOption = None,
) -> None:
    """Import metric values; each row goes to the meeting of its date. All rows or none."""
    from meeting.imports.metric_import import apply_metric_import, plan_metric_import

    with database() as db:
        plan = plan_metric_import(db, series_id(db, series), file, clock=clock())
        if not dry_run:
            apply_metric_import(db, plan, clock=clock())
    verb = "Would import" if dry_run else "Imported"
    say(f"{verb} {counted(len(plan.values), 'value')} into {plan.series}: {plan.summary()}")
