"""Text fields that keep up with fast typists and keep every line of a paste.

Textual delivers keys to the focused widget, but runs bindings (enter, tab) only after the
key has bubbled up to the app; keys typed right after them are already in this field's
queue by then. So tab is handled here, in order, and keys that arrive once focus has moved
on bubble up, for the app to hand to the widget that has focus now (`tui.app`).
"""

from __future__ import annotations

import re

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.widgets import Input
from textual.widgets.input import Selection

LINE_END = re.compile(r"\r\n|\r|\n")


def one_line_end(text: str) -> str:
    """Terminals send `\r` or `\r\n` in a bracketed paste; huddle stores `\n` only."""
    return LINE_END.sub("\n", text)


def split_lines(text: str) -> list[str]:
    return LINE_END.split(text)


def _picture(char: str) -> str:
    if char == "\n":
        return "↵"
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode control pictures: ␛ for escape
    return "␡" if code == 0x7F else "�"  # C1 controls and bidi overrides


CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# Input's own editing keys (backspace, ctrl+u, ctrl+w, the arrows...), run here in the order
# they were typed: as bindings they ran once the key had bubbled up to the app, after the
# letters typed behind them were already on the line ("abc", ctrl+u, "xyz" kept "abcxyz";
# in a form, ctrl+u then a title lost the title). Enter stays with whoever handles it.
EDITING = {
    key.strip(): binding.action
    for binding in Input.BINDINGS
    if isinstance(binding, Binding) and binding.action != "submit"
    for key in binding.key.split(",")
}


class TextInput(Input):
    @property
    def _value(self) -> Text:
        """The value as one line of cells: a pasted line end or control character shows as
        a one-cell picture of itself (`↵`, `␛`) instead of moving the terminal's cursor, so
        the text never paints outside the field and the cursor stays where it is drawn.
        Overrides a private property of Input (listed in screens.textual_patches)."""
        shown = CONTROL.sub(lambda m: _picture(m.group()), self.value)
        return Text(shown, no_wrap=True, overflow="ignore", end="")

    keep_text_on_focus = False

    def focus_keeping_text(self) -> None:
        """Focused by the program, not by tab (a form opening, a save that failed): the
        text stays as it is, the cursor after it, not selected for the next key to
        replace."""
        self.keep_text_on_focus = True
        self.focus()

    def place_cursor_at_end(self) -> None:
        self.selection = Selection.cursor(len(self.value))

    def on_focus(self, event: events.Focus) -> None:
        # Runs before Input's own handler, which selects the text: undo that after it.
        if self.keep_text_on_focus:
            self.keep_text_on_focus = False
            self.call_later(self.place_cursor_at_end)

    async def on_key(self, event: events.Key) -> None:
        # Textual calls each class's key handler in turn, this one before Input's own;
        # prevent_default() skips Input's.
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
        elif event.key in EDITING:
            event.stop()
            event.prevent_default()
            await self.run_action(EDITING[event.key])

    def on_paste(self, event: events.Paste) -> None:
        if event.text:
            text = one_line_end(event.text)
            selection = self.selection
            if selection.is_empty:
                self.insert_text_at_cursor(text)
            else:
                self.replace(text, *selection)
        event.stop()
        event.prevent_default()  # Input's own handler would paste the first line again
