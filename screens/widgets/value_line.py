"""A metric's value, typed on a line under the Numbers table as into a spreadsheet's cell:
the value there is selected, so what is typed replaces it; enter saves, and the cursor goes
on to the next metric; escape leaves the value as it was.

A line, not a form over the screen: a number is typed often, in every meeting, and a form
made the terminal draw the whole meeting screen twice per number (dimmed under the form,
then again without it). The line changes one line and one row."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Static

from meeting.foundations.errors import HuddleError, MeetingClosed
from screens.busy import RETRY_SECONDS, BusyWait
from screens.widgets.footer import Footer
from screens.widgets.quick_add import LineInput
from storage.errors import DatabaseBusy, DatabaseError


class ValueLine(Horizontal):
    DEFAULT_CSS = """
    ValueLine {
        height: 1;
        margin-top: 1;
        padding-left: 1;
        display: none;
        visibility: hidden;
    }
    ValueLine #value-label {
        width: auto;
        max-width: 60%;
        color: $accent;
        margin-right: 1;
    }
    ValueLine #value-text {
        width: 1fr;
        min-width: 10;
        max-width: 24;
    }
    """
    BINDINGS = [Binding("escape", "close", "Cancel", id="value_line.close")]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.return_to: Widget | None = None  # what had focus when the line opened
        self.save: Callable[[str], None] | None = None  # raises to refuse the value
        self.then: Callable[[], None] | None = None  # after a save: the table shows it
        self.busy = BusyWait()
        self.retry_timer: Timer | None = None
        self.opened_with = ""  # the value the line opened with: anything else was typed

    def compose(self) -> ComposeResult:
        yield Static("", id="value-label", markup=False)
        yield LineInput(placeholder="a number, e.g. 42", id="value-text", compact=True)

    def on_mount(self) -> None:
        line = self.query_one(LineInput)
        line.close_line = self.action_close
        line.enter_texts = self.entered

    @property
    def line(self) -> LineInput:
        return self.query_one(LineInput)

    def open(
        self,
        label: str,
        value: str,
        save: Callable[[str], None],
        then: Callable[[], None],
    ) -> None:
        self.stop_retrying()
        self.query_one("#value-label", Static).update(label)
        self.line.value = self.opened_with = value
        self.save, self.then = save, then
        self.display = True
        self.visible = True
        focused = self.screen.focused
        if focused is not None and self not in focused.ancestors_with_self:
            self.return_to = focused
            # Before focus leaves it: the table looks as it did (app.tcss), not drawn again.
            focused.add_class("-typed-row")
        # Now, not after the next refresh: the keys typed right after enter are the value.
        # Focus selects what is there, so they replace it.
        self.screen.query_one(Footer).keys_after_the_frame()
        self.screen.set_focus(self.line)

    def entered(self, texts: list[str]) -> None:
        """Enter (or a paste) on the line: the line is already empty; it is given back its
        text unless the value was saved."""
        if self.save is None:
            return
        if len(texts) > 1 or (texts and self.line.value):  # lines, or a line and more
            self.refused(texts[0], "One value at a time: paste a single number.")
            return
        text = texts[0] if texts else ""
        try:
            self.save(text)
        except DatabaseBusy:
            self.wait_and_retry(text)
            return
        except MeetingClosed as exc:  # ended in another terminal while this line was open
            self.refused(text, exc.on_screen())
            return
        except (HuddleError, DatabaseError) as exc:
            self.refused(text, str(exc))
            return
        self.busy.done()
        then = self.then
        self.action_close()
        if then is not None:
            then()

    def refused(self, text: str, why: str) -> None:
        """Say why in one line; the text stays on the line to be fixed."""
        self.busy.done()
        self.line.value = text
        self.line.place_cursor_at_end()
        self.notify(why, severity="error", markup=False)
        self.app.bell()

    def wait_and_retry(self, text: str) -> None:
        """Another huddle holds the database: keep the text and try again shortly."""
        self.line.value = text
        self.line.place_cursor_at_end()
        if not self.busy.waiting:
            self.busy.start_again()
            self.notify("Waiting for the database: another huddle is writing…", markup=False)
        elif self.busy.out_of_patience():
            waited = self.busy.waited()
            self.refused(
                text,
                f"The database is still busy after {waited:.0f} s (another huddle is "
                "writing). The value is kept: press enter to try again.",
            )
            return
        self.retry_timer = self.set_timer(RETRY_SECONDS, self.retry)

    def retry(self) -> None:
        self.retry_timer = None
        if self.save is not None:  # still open
            text, self.line.value = self.line.value, ""  # as enter leaves it
            self.entered([text])

    def stop_retrying(self) -> None:
        if self.retry_timer is not None:
            self.retry_timer.stop()
            self.retry_timer = None
        self.busy.done()

    def belongs_here(self, shown: bool) -> None:
        """A new section: the line closes, and keeps its room only where it is used. A
        value typed and not saved yet (the meeting moved on in another terminal, followed
        here) keeps the line open, with its metric's name, for enter or escape."""
        if self.visible and self.save is not None and self.line.value != self.opened_with:
            self.display = True
            return
        self.action_close()
        self.display = shown

    def action_close(self) -> None:
        """Hide the line and give focus back at once: a key typed right after (an arrow,
        say) belongs to the table."""
        self.stop_retrying()
        self.visible = False  # its room stays: the table does not move
        self.save = self.then = None
        if self.screen.focused is not None and self in self.screen.focused.ancestors:
            self.screen.query_one(Footer).keys_after_the_frame()
            self.screen.set_focus(self.return_to)
        returning = self.return_to
        if returning is None:
            return
        if self.screen.focused is returning:
            # Once its focus has come (an event of its own, after this): its focused look
            # and the mark's go in one restyle, and nothing in it is drawn again.
            returning.call_later(self.unmark, returning)
        else:
            returning.remove_class("-typed-row")

    def unmark(self, returning: Widget) -> None:
        """The mark goes once the focus is back (SectionTable keeps its rows drawn)."""
        if self.save is None or self.return_to is not returning:  # not opened again since
            returning.remove_class("-typed-row")
