"""`huddle targets plan`: the funnel's targets worked back from a revenue goal."""

from __future__ import annotations

from typing import Annotated

import typer

from tui.cli_common import FormatOption, RawOption, SeriesOption, clock, database, series_id
from tui.output import OutputFormat, emit, say

targets_app = typer.Typer(
    help="Targets worked back from revenue: plan, and apply.", no_args_is_help=True
)


def _rates(given: list[str]) -> dict[str, float]:
    """`SQLs=40%` (or 0.4) for each --rate: the rate into the stage named."""
    from meeting.foundations.errors import HuddleError
    from meeting.foundations.number_format import parse_value

    rates: dict[str, float] = {}
    for text in given:
        name, sep, value = text.partition("=")
        if not sep or not name.strip():
            raise HuddleError(f"--rate {text!r}: write the stage and its rate, as SQLs=40%")
        number = parse_value(value.strip().rstrip("%"), f"the rate into {name.strip()}")
        rates[name.strip()] = number / 100 if value.strip().endswith("%") or number > 1 else number
    return rates


@targets_app.command("plan")
def targets_plan(
    revenue: Annotated[str, typer.Option("--revenue", help="Revenue to reach in the period.")],
    deal_size: Annotated[str, typer.Option("--deal-size", help="Revenue of one won deal.")],
    period: Annotated[str, typer.Option("--period", help="month, quarter or year.")] = "quarter",
    rate: Annotated[
        list[str] | None,
        typer.Option(
            "--rate", help="A rate into a stage, as SQLs=40% (repeat). Default: measured."
        ),
    ] = None,
    apply: Annotated[
        bool, typer.Option("--apply", help="Set the targets, as a new version of `targets`.")
    ] = False,
    why: Annotated[str | None, typer.Option("--why", help="Why, kept with --apply.")] = None,
    by: Annotated[str | None, typer.Option("--by", help="Who, kept with --apply.")] = None,
    series: SeriesOption = None,
    fmt: FormatOption = OutputFormat.table,
    raw: RawOption = False,
) -> None:
    """Work the funnel's targets back from revenue. Won deals, demos, SQLs, MQLs and
    leads per period, month, week and meeting, through the series' measured rates (or
    given ones), beside today's targets."""
    from meeting.foundations.number_format import parse_value
    from meeting.numbers.plan import apply_plan, plan_targets
    from tui.cli_common import as_name

    with database() as db:
        plan = plan_targets(
            db,
            series_id(db, series),
            revenue=parse_value(revenue, "the revenue", "currency"),
            deal_size=parse_value(deal_size, "the deal size", "currency"),
            period=period.strip().lower(),
            given=_rates(rate or []),
        )
        if fmt is OutputFormat.table:
            say(plan.agreement_text().splitlines()[0])
        emit(plan.rows() if fmt is OutputFormat.table else plan.records(), fmt, empty="", raw=raw)
        if apply:
            version = apply_plan(db, plan, clock=clock(), by=by or as_name(), why=why)
            say(f"Targets set; saved as version {version} of the targets agreement.")
        elif fmt is OutputFormat.table:
            say("Add --apply to set these targets (kept as a version of the targets agreement).")
