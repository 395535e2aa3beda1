"""A bar chart of one metric over meetings, drawn with block characters."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

EIGHTHS = " ▁▂▃▄▅▆▇█"
BAR_WIDTH = 3
AXIS_WIDTH = 9


def _short(value: float) -> str:
    for limit, suffix in ((10**12, "T"), (10**9, "B"), (10**6, "M"), (10**3, "k")):
        if abs(value) >= limit:
            return f"{value / limit:.1f}{suffix}".replace(".0", "")
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


class BarChart(Widget):
    """Bars for values (None leaves a gap), a dotted line at each bar's target (the one of
    its meeting's day), dates underneath."""

    DEFAULT_CSS = """
    BarChart { height: 1fr; min-height: 8; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.labels: list[str] = []
        self.values: list[float | None] = []
        self.targets: list[float | None] = []

    def plot(
        self, labels: list[str], values: list[float | None], targets: list[float | None]
    ) -> None:
        self.labels, self.values, self.targets = labels, values, targets
        self.refresh()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return container.height

    def render_line(self, y: int) -> Strip:
        width, height = self.size
        plot_height = max(height - 2, 1)  # last two lines: axis and dates
        fits = max((width - AXIS_WIDTH) // BAR_WIDTH, 0)
        values = self.values[-fits:] if fits else []
        labels = self.labels[-fits:] if fits else []
        targets = self.targets[-fits:] if fits else []
        present = [v for v in values if v is not None]
        top = max([*present, *(t for t in targets if t is not None), 1])
        bar = Style(color="cyan")
        target_style = Style(color="yellow")
        muted = Style(dim=True)
        if y < plot_height:
            row_from_bottom = plot_height - 1 - y
            level = top * (row_from_bottom + 1) / plot_height
            axis = _short(level) if y in (0, plot_height // 2) else ""
            segments = [Segment(f"{axis:>{AXIS_WIDTH - 2}} │", muted)]
            for value, target in zip(values, targets, strict=True):
                target_row = (
                    target is not None and int(target / top * plot_height - 1e-9) == row_from_bottom
                )
                cell = " " * (BAR_WIDTH - 1)
                if value is not None:
                    eighths = round(value / top * plot_height * 8) - row_from_bottom * 8
                    eighths = min(max(eighths, 0), 8)
                    cell = EIGHTHS[eighths] * (BAR_WIDTH - 1)
                if target_row and cell.strip() == "":
                    segments.append(Segment("┈" * BAR_WIDTH, target_style))
                else:
                    segments.append(Segment(cell, bar))
                    segments.append(Segment("┈" if target_row else " ", target_style))
            return Strip(segments).crop(0, width)
        if y == plot_height:
            line = " " * (AXIS_WIDTH - 2) + "0└" + "─" * (len(values) * BAR_WIDTH)
            return Strip([Segment(line, muted)]).crop(0, width)
        dates = " " * AXIS_WIDTH
        for index, label in enumerate(labels):
            if index % 4 == 0:
                dates = dates.ljust(AXIS_WIDTH + index * BAR_WIDTH) + label
        return Strip([Segment(dates[:width], muted)]).crop(0, width)
