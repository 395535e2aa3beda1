"""The alignment scorecard: both teams' figures side by side per month or quarter, the rows
with a miss first, each with its trend; `p` switches months and quarters."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static

from meeting.foundations.clock import Clock
from meeting.foundations.errors import HuddleError
from meeting.foundations.text import one_line, visible
from meeting.numbers import card
from meeting.numbers.scorecard import scorecard_of
from screens.cells import cell
from screens.widgets.fit import fit_cells
from screens.widgets.footer import Footer
from storage.db import Database
from storage.errors import DatabaseError

LABEL_WIDTH = 60  # longest a label gets before the table's width is considered
MET = {True: Text("✓", style="green"), False: Text("✗", style="bold red"), None: Text("")}
GAP = Text("≠", style="bold yellow")  # a pulse average the figure beside it disagrees with


def side(figure: card.Figure | None, width: int) -> Text:
    """One team's latest value, its trend and whether it met the target: narrow enough for
    both teams and leadership in 80 columns; the highlighted row's line below has them all."""
    if figure is None:
        return Text("")
    return Text.assemble(
        figure.shown(figure.latest).rjust(width),
        " ",
        (figure.trend, "cyan"),
        " ",
        GAP if figure.gap else MET[figure.met],
    )


def detail(
    row: card.Row, teams: list[str], labels: list[str], pulse: Sequence[card.PulseRow] = ()
) -> str:
    """Every period's value of each team, for the highlighted row, and how many meetings
    each rate stands on; a pulse row, the figure that answers it and any gap."""
    sides = [f"{team}: {f.story()}" for team in teams if (f := row.by_team.get(team))]
    target = f" · target {row.target}" if row.target else ""
    bases = {basis for f in row.by_team.values() if (basis := f.basis(labels))}
    stands = "".join(f" · {basis}" for basis in sorted(bases))
    answers = [
        f" · {p.team} beside {p.beside()}{f' ({p.gap})' if p.gap else ''}"
        for p in pulse
        if f"pulse: {p.key}" == row.label and p.facts
    ]
    return f"{row.label} — {' · '.join(sides)}{target}{stands}{''.join(answers)}"


class ScorecardScreen(Screen[None]):
    PALETTE_NAMESPACE = "scorecard"
    BINDINGS = [
        Binding("p", "switch_period", "Month/quarter", id="scorecard.period"),
        Binding("escape", "close", "Back", id="scorecard.back"),
    ]

    def __init__(self, db: Database, clock: Clock) -> None:
        super().__init__()
        self.db = db
        self.clock = clock
        self.kind = "month"
        self.teams: list[str] = []
        self.rows: list[card.Row] = []
        self.labels: list[str] = []
        self.result: card.Scorecard | None = None

    def compose(self) -> ComposeResult:
        yield Static("Scorecard", id="topbar", markup=False)
        yield Static("Loading…", id="scorecard-state", markup=False)
        yield DataTable(id="scorecard", cursor_type="row", zebra_stripes=True, fixed_columns=1)
        yield Static("", id="scorecard-detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#scorecard", DataTable).focus()
        self.load(self.kind)

    @work(thread=True, exclusive=True, group="scorecard", exit_on_error=False)
    def load(self, kind: str) -> None:
        try:
            result = scorecard_of(self.db, None, kind=kind, today=self.clock.today())
        except (HuddleError, DatabaseError) as exc:  # the server away, say
            self.app.call_from_thread(self.show_error, kind, str(exc))
            return
        self.app.call_from_thread(self.show, result)

    def show_error(self, kind: str, message: str) -> None:
        if self.is_attached and kind == self.kind:
            self.query_one("#scorecard-state", Static).update(message)

    def show(self, result: card.Scorecard) -> None:
        # A thread worker cannot be stopped: after `p p`, the first one's months may land
        # after the quarters asked for last.
        if not self.is_attached or result.kind != self.kind:
            return
        self.query_one("#topbar", Static).update(
            f"Scorecard · {visible(result.series)} · by {result.kind}"
        )
        first, last = result.labels[0], result.labels[-1]
        self.query_one("#scorecard-state", Static).update(
            f"{first} to {last} · {result.missed} of {result.with_target} targets missed in "
            f"{last}, those rows first · each team: its {last} value, the trend, ✓ or ✗"
        )
        self.result = result
        self.teams, self.rows = result.teams, result.rows()
        self.labels = result.labels
        self.fill_table()
        self.show_detail(self.query_one("#scorecard", DataTable).cursor_row)

    def fill_table(self) -> None:
        """The figures' labels get the width the teams leave, cut with an ellipsis when
        they must be (the full label is on the highlighted row's line)."""
        if self.result is None:
            return
        table = self.query_one("#scorecard", DataTable)
        header = ["Figure", "Target", *[one_line(team, 20) for team in self.teams]]
        cells = [
            [
                cell(row.label, LABEL_WIDTH),
                Text(row.target),
                *[side(row.by_team.get(team), self.result.width) for team in self.teams],
            ]
            for row in self.rows
        ]
        flexible = [True] + [False] * (len(header) - 1)
        # Room for the scrollbar is always kept: the table spans the screen, so its width is
        # known before layout, and the fit does not depend on when the rows land.
        width = table.size.width or self.app.size.width
        available = width - table.styles.scrollbar_size_vertical
        _shown, widths, fitted = fit_cells(header, cells, flexible, available)
        cursor = table.cursor_row
        table.clear(columns=True)
        for title, width in zip(header, widths, strict=True):
            table.add_column(title, width=width)
        for line in fitted:
            table.add_row(*line)
        if fitted:
            table.move_cursor(row=min(max(cursor, 0), len(fitted) - 1), animate=False)

    def on_resize(self) -> None:
        self.call_after_refresh(self.fill_table)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail(event.cursor_row)

    def show_detail(self, index: int) -> None:
        if 0 <= index < len(self.rows):
            pulse = self.result.pulse if self.result else []
            text = visible(detail(self.rows[index], self.teams, self.labels, pulse))
            self.query_one("#scorecard-detail", Static).update(text)

    def action_switch_period(self) -> None:
        self.kind = "quarter" if self.kind == "month" else "month"
        self.query_one("#scorecard-state", Static).update("Loading…")
        self.load(self.kind)

    def action_close(self) -> None:
        self.dismiss(None)
