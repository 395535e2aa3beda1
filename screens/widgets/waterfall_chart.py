"""The funnel's waterfall as a chart: a bar per stage as long as its total, and beside it
the share that reached the next stage against its target and the median days in it."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from meeting.foundations.text import visible
from meeting.numbers.waterfall import Step

EIGHTHS = " ▏▎▍▌▋▊▉█"
MARK_STYLE = {True: "green", False: "red", None: ""}


def _bar(value: float | None, top: float, width: int) -> str:
    """A bar of `width` eighths-exact cells for value out of top."""
    if value is None or top <= 0 or width <= 0:
        return " " * width
    eighths = round(value / top * width * 8)
    whole, part = divmod(eighths, 8)
    return ("█" * whole + (EIGHTHS[part] if part else "")).ljust(width)


class WaterfallChart(Widget):
    """One line per stage: its name, its bar, its total, → the conversion (target), days."""

    DEFAULT_CSS = """
    WaterfallChart { height: 1fr; min-height: 6; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.steps: list[Step] = []

    def plot(self, steps: list[Step]) -> None:
        self.steps = steps
        self.refresh()

    def render(self) -> Text:
        steps = self.steps
        if not steps:
            return Text("")
        width = self.size.width
        names = [visible(s.stage) for s in steps]
        name_width = min(max(map(len, names)), 16)
        totals = [s.shown_total() for s in steps]
        total_width = max(map(len, totals))
        tails = [self._tail(s) for s in steps]
        tail_width = max(len(t.plain) for t in tails)
        bar_width = max(width - name_width - total_width - tail_width - 4, 4)
        top = max((s.total for s in steps if s.total is not None), default=0)
        out = Text()
        rows = zip(steps, names, totals, tails, strict=True)
        for index, (step, name, total, tail) in enumerate(rows):
            if index:
                out.append("\n")
            out.append(name[:name_width].ljust(name_width) + " ", style="bold")
            out.append(_bar(step.total, top, bar_width), style="cyan")
            out.append(f" {total.rjust(total_width)}  ")
            out.append_text(tail)
        return out

    @staticmethod
    def _tail(step: Step) -> Text:
        """'→ 29% ✗ of 31% · in stage 3.0d (2 leads)'; nothing after the last stage."""
        tail = Text()
        conversion = step.shown_conversion()
        if not conversion:
            return tail
        tail.append(f"→ {conversion}", style=MARK_STYLE[step.met])
        if step.target is not None:
            tail.append(f" of {step.shown_target()}", style="dim")
        tail.append(f" · in stage {step.shown_days()}")
        return tail
