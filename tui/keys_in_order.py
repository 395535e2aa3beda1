"""Keys handled one at a time, each to its end, however fast they come.

Textual hands every key to the widget with focus the moment it arrives. A key's effect often
comes later: its binding runs once the key has bubbled back up to the App, a table's enter
posts a message its screen handles after that, a pushed screen mounts and takes focus later
still. Keys typed in one burst (a text expander, a remote terminal, a fast typist on a loaded
machine) were meanwhile handed to the screen being left: `enter 4 3 5 enter` on a metric
typed the number into nothing and jumped to section 4, `enter R` on home lost the `R`.

So the App hands on a key (or a paste) only once the one before has settled: it sends a
probe after each key to whatever has focus, and the probe bubbles back to the App behind
everything that key set going there. The next key goes on when a probe comes back to a
mounted screen whose focus is where the probe went and whose messages are all handled. A key
typed while nothing is pending goes on at once, so a person typing waits for nothing.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from textual import events
from textual.app import App, ScreenStackError
from textual.message import Message
from textual.message_pump import MessagePump
from textual.screen import Screen

from screens.textual_patches import forward_key

# A probe goes round again while the key's effects are still under way, at most this often:
# a widget with a timer of its own may never look quiet, and keys must not wait on it.
MOST_ROUNDS = 6
# A probe that never comes back (its widget was removed on the way) lets the next key go after
# this long, as Textual alone would have.
LOST_AFTER = 1.0
# A screen whose rows are on their way from a worker (a new filter's first page) is looked at
# again this often, for at most ROWS_WAIT: a key after `o` acts on the rows `o` asked for.
ROWS_POLL = 0.02
ROWS_WAIT = 3.0

Typed = events.Key | events.Paste


class Probe(Message):
    """Sent after a key to the widget with focus; back at the App, it says whether the
    key's effects are over."""

    def __init__(self, number: int) -> None:
        super().__init__()
        self.number = number


class KeysInOrder:
    """The keys (and pastes) waiting for the one before them to settle. `hand_on` is the
    App's own way of handing a key to the focused widget."""

    def __init__(self, app: App[Any], hand_on: Callable[[Typed], Awaitable[None]]) -> None:
        self.app = app
        self.hand_on = hand_on
        self.waiting: deque[Typed] = deque()
        self.busy = False  # a key was handed on and has not settled
        self.key_number = 0
        self.probe_number = 0
        self.rounds = 0
        self.probed: MessagePump | None = None
        self.handed_at = 0.0
        self.screen_then: Screen[object] | None = None  # the screen when the key was handed on

    def must_wait(self, event: Typed) -> bool:
        """Whether `event` waits its turn (kept here): true while a key before it is
        unsettled."""
        if self.busy or self.waiting:
            self.waiting.append(event)
            return True
        return False

    def handed_on(self) -> None:
        """The App has just handed a key on: watch it settle."""
        self.busy = True
        self.key_number += 1
        self.rounds = 0
        self.handed_at = time.monotonic()
        self.screen_then = self.screen()
        self.send_probe()
        number = self.key_number
        self.app.set_timer(LOST_AFTER, lambda: self.lost(number), name="keys-in-order")

    def send_probe(self) -> None:
        self.probe_number += 1
        self.probed = self.focus_target()
        if not self.probed.post_message(Probe(self.probe_number)):
            self.probed = None  # closing: the timer lets the next key go

    def focus_target(self) -> MessagePump:
        screen = self.screen()
        return self.app if screen is None else (screen.focused or screen)

    async def returned(self, probe: Probe) -> None:
        """A probe is back: the next key goes on if the one before has settled."""
        if probe.number != self.probe_number or not self.busy:
            return  # an earlier round's, or the key was let go
        if self.rows_awaited():
            self.app.set_timer(ROWS_POLL, self.send_probe, name="keys-in-order")
            return
        if self.rounds >= MOST_ROUNDS or self.settled():
            await self.next_one()
            return
        self.rounds += 1
        screen = self.screen()
        if screen is not None and screen is not self.screen_then and screen._callbacks:
            screen.call_after_refresh(self.send_probe)  # a dialog a new screen opens on mount
        else:
            self.send_probe()

    def rows_awaited(self) -> bool:
        """The screen's rows are on their way from a worker (`rows_coming`), not for long."""
        screen = self.screen()
        coming = bool(getattr(screen, "rows_coming", False))
        return coming and time.monotonic() - self.handed_at < ROWS_WAIT

    async def lost(self, key_number: int) -> None:
        if self.busy and self.key_number == key_number and not self.rows_awaited():
            await self.next_one()

    async def next_one(self) -> None:
        self.busy = False
        if self.waiting:
            await self.hand_on(self.waiting.popleft())

    def screen(self) -> Screen[object] | None:
        try:
            return self.app.screen
        except ScreenStackError:
            return None

    def refocused(self, key: events.Key) -> bool:
        """A key back up at the App from a widget that has lost focus since it was handed
        on (a key let go by the timer, a focus moved by a timer of the screen's) is handed
        to the widget with focus now, as if typed there: true if so."""
        sent_to = getattr(key, "sent_to", None)
        focused = self.app.focused
        if sent_to is None or focused is None or focused is sent_to:
            return False
        again = events.Key(key.key, key.character)
        again.sent_to = focused  # type: ignore[attr-defined]  # our own mark on Textual's Key
        forward_key(focused, again)
        return True

    def settled(self) -> bool:
        """A mounted screen (one the key opened: with nothing left to run after its next
        refresh), focus where the probe went, and nothing left to handle anywhere on it."""
        screen = self.screen()
        if screen is None:  # the app is ending: nothing left to wait for
            return True
        if not screen.is_mounted or self.focus_target() is not self.probed:
            return False
        if screen is not self.screen_then and screen._callbacks:  # a new screen's, on mount
            return False
        # Every widget of the screen, not only those between focus and the screen: a key's
        # binding may change another (a filter's tick box, whose message reloads the rows).
        return not any(node.message_queue_size for node in screen.walk_children(with_self=True))
