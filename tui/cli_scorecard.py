"""`huddle scorecard`: whether both teams keep their side, period by period."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from tui.cli_common import FormatOption, RawOption, SeriesOption, database
from tui.output import OutputFormat, emit, render, say

if TYPE_CHECKING:
    from meeting.numbers.card import Scorecard


def scorecard(
    series: SeriesOption = None,
    period: Annotated[str, typer.Option("--period", "-p", help="month or quarter.")] = "month",
    periods: Annotated[
        int, typer.Option("--periods", "-n", help="How many periods, the last one last.")
    ] = 3,
    ending: Annotated[
        str | None,
        typer.Option(
            "--ending",
            help="The last period: 2026-11 or 2026-Q4. Default: the latest with meetings.",
        ),
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    raw: RawOption = False,
) -> None:
    """Both teams' alignment scorecard. Funnel rates, lead questions within the SLA,
    actions on time, what's working and broken about each team, nurture, attendance;
    misses first."""
    from meeting.numbers.periods import parse_period, period_kind, span_of
    from meeting.numbers.scorecard import scorecard_of
    from tui.cli_common import clock

    kind = period_kind(period)
    last = parse_period(ending, kind) if ending else None
    with database() as db:
        result = scorecard_of(
            db, series, kind=kind, periods=periods, ending=last, today=clock().today()
        )
    if fmt is not OutputFormat.table:
        figures = result.misses_first()
        emit([f.as_dict(result.labels) for f in figures], fmt, empty="", raw=raw)
        return
    say(f"Scorecard: {result.series}, {span_of(kind, result.labels)}")
    rows = _table(result, latest_only=False)
    columns = terminal_columns()
    widest = max(map(len, render(rows, fmt, empty="").splitlines()), default=0)
    latest_only = columns is not None and widest > columns
    if latest_only:  # each team's latest value alone, so the table is not wrapped
        rows = _table(result, latest_only=True)
    say(result.legend(latest_only=latest_only))
    emit(rows, fmt, empty="Nothing to score yet.", raw=raw)
    for note in result.notes():
        say(note)


def terminal_columns() -> int | None:
    """The terminal's width when the table goes to one; a file or a pipe gets it whole."""
    import shutil
    import sys

    return shutil.get_terminal_size().columns if sys.stdout.isatty() else None


def _table(result: Scorecard, *, latest_only: bool) -> list[dict[str, object]]:
    rows = []
    for row in result.rows():
        shown: dict[str, object] = {"figure": row.label, "target": row.target}
        shown.update(
            {team: row.cell(team, result.width, latest_only=latest_only) for team in result.teams}
        )
        rows.append(shown)
    return rows
