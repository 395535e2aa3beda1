"""`huddle pulse ...`: the alignment pulse. Statements both teams rate 1 to 5, anonymously,
and each team's averages beside the figures that answer them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from meeting.foundations.errors import HuddleError
from tui.cli_common import FormatOption, RawOption, SeriesOption, clock, database
from tui.output import OutputFormat, emit, say

if TYPE_CHECKING:
    from meeting.numbers.card import Scorecard

pulse_app = typer.Typer(
    help="The alignment pulse. Each team rates a few statements 1 to 5, anonymously.",
    no_args_is_help=True,
)


@pulse_app.command("statements")
def pulse_statements(fmt: FormatOption = OutputFormat.table, raw: RawOption = False) -> None:
    """List the statements. Who rates each, its version and its wording."""
    from meeting.entries.pulse import list_statements

    with database() as db:
        rows = list_statements(db, clock=clock())
    if fmt is not OutputFormat.table:
        emit([row.as_dict() for row in rows], fmt, empty="No statements.", raw=raw)
        return
    shown = [
        {"key": r.key, "rated by": r.rated_by, "version": r.version, "says": r.text} for r in rows
    ]
    emit(shown, fmt, empty="No statements.", raw=raw)


@pulse_app.command("edit")
def pulse_edit(
    key: Annotated[str, typer.Argument(metavar="KEY", help="e.g. lead-quality (see: statements).")],
    text: Annotated[str, typer.Option("--text", help="The new wording.")],
    why: Annotated[str | None, typer.Option("--why", help="Why it changed.")] = None,
    by: Annotated[str | None, typer.Option("--by", help="Who changed it.")] = None,
) -> None:
    """Reword a statement. Ratings keep the wording they were given to."""
    from meeting.agenda.lookup import running_meeting
    from meeting.entries.pulse import edit_statement

    with database() as db:
        running = running_meeting(db)
        number = edit_statement(
            db,
            key,
            text,
            clock=clock(),
            by=by,
            why=why,
            meeting_id=running.id if running else None,
        )
    say(f"{key.strip().lower()}: version {number} saved")


@pulse_app.command("rate")
def pulse_rate(
    meeting: Annotated[str, typer.Argument(metavar="MEETING", help="latest, a date or an id.")],
    scores: Annotated[
        list[str], typer.Argument(metavar="KEY=SCORE...", help="e.g. lead-quality=4 other-team=3")
    ],
    who: Annotated[
        str | None, typer.Option("--as", help="Who rates. Default: the root --as, $HUDDLE_AS.")
    ] = None,
    series: SeriesOption = None,
) -> None:
    """Rate statements 1 to 5 in a meeting. Once each; no one's score is ever shown."""
    from meeting.entries.pulse import rate
    from meeting.reads.recorded import find_meeting
    from tui.cli_common import as_name

    rater = who or as_name()
    if not rater:
        raise HuddleError("who rates? (add --as NAME)")
    given: dict[str, str] = {}
    for pair in scores:
        key, sign, score = pair.partition("=")
        if not sign or not key.strip():
            raise HuddleError(f"{pair!r} is not KEY=SCORE (e.g. lead-quality=4)")
        given[key.strip()] = score
    with database() as db:
        meeting_id = find_meeting(db, meeting, series=series, clock=clock())
        count = rate(db, meeting_id, rater, given, clock=clock())
    say(f"{count} rated, anonymously: only each team's average is ever shown (3 answers or more).")


@pulse_app.command("show")
def pulse_show(
    series: SeriesOption = None,
    period: Annotated[str, typer.Option("--period", "-p", help="month or quarter.")] = "month",
    periods: Annotated[
        int, typer.Option("--periods", "-n", help="How many periods, the last one last.")
    ] = 3,
    fmt: FormatOption = OutputFormat.table,
    raw: RawOption = False,
) -> None:
    """Each team's averages with the trend. The figure that answers each, gaps marked."""
    from meeting.numbers.periods import period_kind, span_of
    from meeting.numbers.scorecard import scorecard_of

    kind = period_kind(period)
    with database() as db:
        card = scorecard_of(db, series, kind=kind, periods=periods, today=clock().today())
    if fmt is not OutputFormat.table:
        emit([row.as_dict(card.labels) for row in card.pulse], fmt, empty="", raw=raw)
        return
    say(f"Pulse: {card.series}, {span_of(kind, card.labels)}")
    if not card.pulse:
        say(
            "No ratings counted yet: a meeting's count once it has ended (rate: huddle pulse rate)."
        )
        return
    emit(pulse_table(card), fmt, empty="", raw=raw)
    for note in card.pulse_notes():
        say(note)


def pulse_table(card: Scorecard) -> list[dict[str, object]]:
    """Each statement and team: the averages oldest first, the trend, and the figures that
    answer it, one a line under each other (joined on one line, they were cut at a cell's
    width, in a file too)."""
    rows: list[dict[str, object]] = []
    for pulse in card.pulse:
        facts = pulse.beside_each() or [""]
        rows.append(
            {
                "statement": pulse.key,
                "team": pulse.team,
                " ".join(card.labels): pulse.series_shown(),
                "trend": pulse.trend,
                "beside": facts[0],
                "gap": "≠" if pulse.gap else "",
            }
        )
        under: dict[str, object] = dict.fromkeys(rows[-1], "")
        rows += [under | {"beside": fact} for fact in facts[1:]]
    return rows
