"""Text fields that keep up with fast typists and keep every line of a paste.

Textual delivers keys to the focused widget, but runs bindings (enter, tab) only after the
key has bubbled up to the app; keys typed right after them are already in this field's
queue by then. So tab is handled here, in order, and keys that arrive once focus has moved
on bubble up, for the app to hand to the widget that has focus now (`tui.app`).
"""

from __future__ import annotations

import re

from textual import events
from textual.widgets import Input
from textual.widgets.input import Selection

LINE_END = re.compile(r"\r\n|\r|\n")


def one_line_end(text: str) -> str:
    """Terminals send `\r` or `\r\n` in a bracketed paste; huddle stores `\n` only."""
    return LINE_END.sub("\n", text)


def split_lines(text: str) -> list[str]:
    return LINE_END.split(text)


class TextInput(Input):
    def place_cursor_at_end(self) -> None:
        """Focused by the program, not by tab (a form opening, a save that failed): the
        text stays as it is, not selected for the next key to replace."""
        self.selection = Selection.cursor(len(self.value))

    async def _on_key(self, event: events.Key) -> None:
        # Textual calls each class's `_on_key` in turn; prevent_default() skips Input's.
        if self.screen.focused is not self:
            event.prevent_default()  # typed after focus moved on: it bubbles to the app,
            return  # which hands it to the widget that has focus now
        if event.key in ("tab", "shift+tab"):
            event.stop()
            event.prevent_default()
            if event.key == "tab":
                self.screen.focus_next()
            else:
                self.screen.focus_previous()

    def _on_paste(self, event: events.Paste) -> None:
        if event.text:
            text = one_line_end(event.text)
            selection = self.selection
            if selection.is_empty:
                self.insert_text_at_cursor(text)
            else:
                self.replace(text, *selection)
        event.stop()
        event.prevent_default()  # Input's own handler would paste the first line again
