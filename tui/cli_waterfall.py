"""`huddle waterfall`: the funnel from leads to won, period by period, with how fast leads
move through it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from tui.cli_common import FormatOption, RawOption, SeriesOption, database
from tui.output import OutputFormat, emit, say

if TYPE_CHECKING:
    from meeting.numbers.waterfall import Waterfall


def waterfall(
    series: SeriesOption = None,
    period: Annotated[
        str, typer.Option("--period", "-p", help="week, month or quarter.")
    ] = "month",
    periods: Annotated[
        int, typer.Option("--periods", "-n", help="How many periods, the last one last.")
    ] = 3,
    ending: Annotated[
        str | None,
        typer.Option(
            "--ending",
            help="The last period: 2026-W48, 2026-11 or 2026-Q4. "
            "Default: the latest with meetings.",
        ),
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    raw: RawOption = False,
) -> None:
    """The funnel's waterfall with velocity. Each stage's total, the conversion to the next
    against its target (the scorecard's rates), and the median days leads spent in it, from
    the stage dates of imported leads."""
    from meeting.numbers.periods import WATERFALL_PERIODS, parse_period, period_kind, span_of
    from meeting.numbers.waterfall import waterfall_of
    from tui.cli_common import clock

    kind = period_kind(period, WATERFALL_PERIODS)
    ending_on = parse_period(ending, kind) if ending else None
    with database() as db:
        result = waterfall_of(
            db, series, kind=kind, periods=periods, ending=ending_on, today=clock().today()
        )
    if fmt is not OutputFormat.table:
        emit(result.records(), fmt, empty="", raw=raw)
        return
    say(f"Waterfall: {result.series}, {span_of(kind, result.labels)}")
    say("to next: the share of a stage that reached the next, ✓ or ✗ for its target.")
    say("days in stage: the median, of leads that reached the next stage in the period.")
    emit(table_rows(result), fmt, empty="No funnel to show.", raw=raw)
    for note in result.notes():
        say(note)


def table_rows(result: Waterfall) -> list[dict[str, object]]:
    """One row per period and stage, the period named once; totals right-aligned."""
    rows: list[dict[str, object]] = []
    width = max((len(s.shown_total()) for p in result.periods for s in p.steps), default=0)
    width = max(width, len("total"))
    for p in result.periods:
        for index, step in enumerate(p.steps):
            rows.append(
                {
                    "period": p.label if index == 0 else "",
                    "stage": step.stage,
                    "total": step.shown_total().rjust(width),
                    "to next": step.shown_conversion(),
                    "target": step.shown_target(),
                    "days in stage": step.shown_days(),
                }
            )
    return rows
