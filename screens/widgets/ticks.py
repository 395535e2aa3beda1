"""Checkboxes that read ticked or not without colour: [x] and [ ].

Textual draws the same ▐X▌ for both states and tells them apart by colour alone, which a
monochrome terminal (NO_COLOR) or a colour-blind eye does not see.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList

TICKED, UNTICKED = "x", " "


class TickBox(Checkbox):
    """A checkbox showing [x] when ticked and [ ] when not."""

    BUTTON_LEFT = "["
    BUTTON_RIGHT = "]"

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # a property where Checkbox has a class attribute
        return TICKED if self.value else UNTICKED


class TickList(SelectionList[str]):
    """A selection list whose rows start with [x] when chosen and [ ] when not."""

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        segments = list(line)
        index = self.scroll_offset.y + y
        if len(segments) < 4 or index >= self.option_count:
            return line
        option = self.get_option_at_index(index)
        chosen = getattr(option, "value", None) in self.selected
        left, inner, right = segments[:3]
        segments[:3] = [
            Segment("[", left.style),
            Segment(TICKED if chosen else UNTICKED, inner.style),
            Segment("]", right.style),
        ]
        return Strip(segments, line.cell_length)
