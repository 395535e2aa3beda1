"""An Input that keeps every line of a paste: Textual's keeps only the first, and a
facilitator pasting notes from chat must not lose the rest."""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class TextInput(Input):
    def _on_paste(self, event: events.Paste) -> None:
        if event.text:
            selection = self.selection
            if selection.is_empty:
                self.insert_text_at_cursor(event.text)
            else:
                self.replace(event.text, *selection)
        event.stop()
        event.prevent_default()  # Input's own handler would paste the first line again
