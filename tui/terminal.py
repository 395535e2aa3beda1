"""The last line of defence between what widgets draw and the terminal.

Every name and text a person typed or imported is shown through `meeting.foundations.text.visible`
(tables, top bars, notifications), which turns control characters into `\\x1b`-style
escapes. This guard makes a slip impossible to exploit: before a line of the screen is
turned into terminal output, any control character, escape sequence start or bidi override
left in its text is dropped. Textual's own sequences (colours, cursor moves) are made
from styles, not from text, so they are untouched. Textual has no public hook for this:
the patch itself is in screens.textual_patches.
"""

from __future__ import annotations

import re

from screens.textual_patches import drop_from_every_strip

# What must never reach the terminal from text: C0 and C1 controls, DEL, bidi controls.
# Each is zero cells wide, so dropping it leaves the line's width as laid out.
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def guard() -> None:
    """Put the guard in place (idempotent). Called when the app module loads."""
    drop_from_every_strip(UNSAFE)
