"""Numbers over time: every metric of a series with its trend, and a chart of one."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Static

from meeting.agenda.series import list_series
from meeting.foundations.clock import Clock
from meeting.foundations.errors import HuddleError
from meeting.foundations.number_format import format_change, format_value
from meeting.foundations.text import visible
from meeting.numbers import metrics
from meeting.numbers.waterfall import Waterfall, waterfall
from screens.cells import cell
from screens.sections.base import HIT
from screens.widgets.chart import BarChart
from screens.widgets.fit import TableFit
from screens.widgets.footer import Footer
from screens.widgets.waterfall_chart import WaterfallChart
from storage.db import Database

CHART_MEETINGS = 52
COLUMNS = ("Metric", "Team", "Latest", "Target", "", "Change", "Last 12 meetings")


def value_cell(row: metrics.NumberRow) -> Text:
    """This meeting's value; until it has one, the last recorded value and when."""
    if row.value is None and row.previous is not None and row.previous_on is not None:
        shown = format_value(row.previous, row.unit)
        return Text(f"– (last {shown} on {row.previous_on.isoformat()})", style="dim")
    return Text(format_value(row.value, row.unit), style="bold")


def chart_targets(targets: list[float | None], unit: str) -> str:
    """The targets the charted meetings were held against, in turn: `, target 500`, or
    `, target 420, then 500` where it changed in the span; '' where none had one."""
    said: list[str] = []
    for target in targets:
        shown = "none" if target is None else format_value(target, unit)
        if not said or said[-1] != shown:
            said.append(shown)
    return "" if said in ([], ["none"]) else ", target " + ", then ".join(said)


class NumbersScreen(Screen[None]):
    PALETTE_NAMESPACE = "numbers"
    BINDINGS = [
        Binding("escape", "close", "Back", id="numbers.back"),
        Binding(
            "s", "next_series", "Next series", id="numbers.series", tooltip="Show the next series"
        ),
        Binding(
            "w",
            "waterfall",
            "Waterfall",
            id="numbers.waterfall",
            tooltip="The month's funnel: each stage, its conversion and days (w again: back)",
        ),
    ]

    def __init__(self, db: Database, clock: Clock, series_id: int | None = None) -> None:
        super().__init__()
        self.db = db
        self.clock = clock
        self.series_id = series_id
        self.fit = TableFit(list(COLUMNS), flexible=("Metric",), optional=(COLUMNS[-1], "Team"))
        self.fitted_for = 0  # the width the columns were chosen for
        self.rows: list[metrics.NumberRow] = []
        self.series_name = ""
        self.charted: int | None = None  # the metric whose chart was asked for last
        self.falling = False  # the waterfall is shown instead of a metric's chart

    def compose(self) -> ComposeResult:
        yield Static("Numbers", id="topbar", markup=False)
        with Vertical(id="numbers-body"):
            yield DataTable(id="metrics", cursor_type="row", zebra_stripes=True)
            yield Static("", id="chart-title", markup=False)
            yield BarChart(id="chart")
            yield WaterfallChart(id="waterfall")
            yield Static("", id="rates", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(WaterfallChart).display = False
        self.query_one("#metrics", DataTable).focus()
        self.load_series()

    @work(thread=True, exclusive=True, group="numbers")
    def load_series(self) -> None:
        found = metrics.latest_numbers(self.db, self.series_id)
        if found is None:
            self.app.call_from_thread(self.show_empty)
        else:
            self.app.call_from_thread(self.show_series, found)

    def show_empty(self) -> None:
        self.query_one("#chart-title", Static).update("No series yet: start a meeting first.")

    def show_series(self, found: metrics.SeriesNumbers) -> None:
        name, rows = found.series, found.rows
        self.series_id = found.series_id
        self.series_name = name
        self.rows = rows
        self.query_one("#topbar", Static).update(f"Numbers · {visible(name)}")
        table = self.query_one("#metrics", DataTable)
        # Columns and rows together, so the header is measured with the rows, and both fit
        # the terminal: values whole, the trend and the team make way on a narrow one.
        cells = [
            [
                cell(row.name, 60),
                cell(row.team, 20),
                value_cell(row),
                Text("" if row.target is None else format_value(row.target, row.unit)),
                Text("") if row.on_target is None else HIT[row.on_target],
                Text(format_change(row.change, row.unit)),
                Text(row.trend, style="cyan"),
            ]
            for row in rows
        ]
        self.fitted_for = max(self.app.size.width - 6, 20)
        for row, line in zip(rows, self.fit.start(table, cells, self.fitted_for), strict=True):
            table.add_row(*line, key=str(row.metric_id))
        rates = metrics.funnel_rates(rows)
        self.query_one("#rates", Static).update(
            "Funnel, latest meeting: " + " · ".join(r.label() for r in rates) if rates else ""
        )
        if self.falling:
            self.load_waterfall()
        elif rows:
            self.chart(rows[0])

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if 0 <= event.cursor_row < len(self.rows) and not self.falling:
            self.chart(self.rows[event.cursor_row])

    def chart(self, row: metrics.NumberRow) -> None:
        self.charted = row.metric_id
        self.load_chart(row)

    def action_waterfall(self) -> None:
        """The waterfall in place of the chart; pressed again, the metric's chart is back."""
        self.falling = not self.falling
        self.query_one(BarChart).display = not self.falling
        self.query_one(WaterfallChart).display = self.falling
        if self.falling:
            self.charted = None  # a metric's chart still loading is not shown over it
            self.load_waterfall()
            return
        row = self.query_one("#metrics", DataTable).cursor_row
        if 0 <= row < len(self.rows):
            self.chart(self.rows[row])

    @work(thread=True, exclusive=True, group="chart")
    def load_waterfall(self) -> None:
        if self.series_id is None:
            return
        try:
            found: Waterfall | str = waterfall(
                self.db,
                series_id=self.series_id,
                series_name=self.series_name,
                periods=1,
                today=self.clock.today(),
            )
        except HuddleError as error:
            found = str(error)
        self.app.call_from_thread(self.show_waterfall, found)

    def show_waterfall(self, found: Waterfall | str) -> None:
        if not self.falling:
            return  # back to the metric's chart while it loaded
        chart = self.query_one(WaterfallChart)
        if isinstance(found, str):
            self.query_one("#chart-title", Static).update(found)
            chart.plot([])
            return
        [month] = found.periods
        self.query_one("#chart-title", Static).update(
            f"Waterfall {month.label}: totals · → next stage (of target) · median days in it"
        )
        chart.plot(month.steps)

    @work(thread=True, exclusive=True, group="chart")
    def load_chart(self, row: metrics.NumberRow) -> None:
        assert self.series_id is not None
        history = metrics.metric_history(
            self.db, self.series_id, row.metric_id, last=CHART_MEETINGS
        )
        self.app.call_from_thread(self.show_chart, row, history)

    def show_chart(self, row: metrics.NumberRow, history: list[metrics.HistoryPoint]) -> None:
        if row.metric_id != self.charted or self.falling:
            return  # the cursor moved on while it loaded: a thread worker cannot be stopped
        recorded = [p.value for p in history if p.value is not None]
        span = f"{history[0].date} to {history[-1].date}" if history else "no meetings"
        target = chart_targets([p.target for p in history], row.unit)
        average = (
            f", average {format_value(round(sum(recorded) / len(recorded)), row.unit)}"
            if recorded
            else ""
        )
        self.query_one("#chart-title", Static).update(
            f"{visible(row.name)} per meeting, {span}{target}{average}"
        )
        self.query_one(BarChart).plot(
            [p.date.strftime("%m-%d") for p in history],
            [p.value for p in history],
            [p.target for p in history],
        )

    def on_resize(self) -> None:
        if self.rows and max(self.app.size.width - 6, 20) != self.fitted_for:
            self.load_series()

    def action_next_series(self) -> None:
        series = list_series(self.db)
        if len(series) < 2:
            self.notify("There is only one series.")
            return
        ids = [s.id for s in series]
        position = ids.index(self.series_id) if self.series_id in ids else -1
        self.series_id = ids[(position + 1) % len(ids)]
        self.load_series()

    def action_close(self) -> None:
        self.dismiss(None)
