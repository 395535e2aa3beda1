"""Whether the TUI can run here. Without a terminal (a script, a cron job, output sent to a
file), Textual's loop waited at full speed for input that never came, for as long as
nobody noticed; the TUI is refused in one line instead."""

from __future__ import annotations

import os
import sys

NO_TERMINAL = (
    "the TUI needs a terminal, and standard input or output is not one "
    "(the other commands run without: huddle --help)"
)


def has_terminal() -> bool:
    """A terminal on both ends, or Textual told of another way out (`huddle serve` gives
    each tab's huddle the web driver)."""
    if os.environ.get("TEXTUAL_DRIVER"):
        return True
    return sys.stdin.isatty() and sys.stdout.isatty()
