"""Updating a Static without laying the whole screen out when its size cannot change."""

from __future__ import annotations

from textual.visual import VisualType
from textual.widgets import Static


def update(static: Static, content: VisualType) -> None:
    """New content for `static`. Only an `auto` side can follow the content, so a widget
    whose stylesheet fixes its height (and leaves its width to its parent, or fixes it)
    needs a repaint, not a layout pass over the screen: that pass is most of the cost of a
    keystroke that changes the line under a table, or of a timer's tick."""
    height, width = static.styles.height, static.styles.width
    fixed = height is not None and not height.is_auto and not (width is not None and width.is_auto)
    static.update(content, layout=not fixed)
