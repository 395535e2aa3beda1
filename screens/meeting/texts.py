"""The meeting screen's lines of text, repainted only when they change.

Several parts of the screen write a line of their own (the agenda's note, who else is here,
the entries waiting for the database, the section's title) and most writes, a timer's tick
among them, change nothing: one record of what each line shows keeps those from costing a
repaint, whichever part writes.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Static

from screens.widgets import static


class ShownTexts:
    """What each line of a screen shows, as last written."""

    def __init__(self, screen: Screen[None]) -> None:
        self.screen = screen
        self.shown: dict[str, str] = {}

    def set(self, selector: str, text: str) -> None:
        """Update a Static only when its text changes: each update costs a repaint."""
        if self.shown.get(selector) != text:
            self.shown[selector] = text
            static.update(self.screen.query_one(selector, Static), text)

    def display(self, selector: str, shown: bool) -> None:
        widget = self.screen.query_one(selector)
        if widget.display != shown:
            widget.display = shown
