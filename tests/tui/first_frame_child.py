"""Run in a fresh interpreter by test_meeting_first_frame.py: open the latest meeting from
home, note whether the ORM was imported when its first frame was painted, then press keys
that write at once (before the ORM has loaded in the background) and print what it saw."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

import tui.app
from screens.meeting import MeetingScreen
from storage.opening import open_database
from tui.app import HuddleApp

ORM = ("sqlmodel", "pydantic", "storage.models", "sqlalchemy.orm")


SEEN: dict[str, object] = {}
announce = MeetingScreen.announce


def announced(screen: MeetingScreen, first: bool = False) -> None:
    """What was imported when the first frame and its footer were on screen."""
    if first:
        SEEN["loaded at the first frame"] = [m for m in ORM if m in sys.modules]
        SEEN["kind"] = str(screen.section.kind)
    announce(screen, first)


MeetingScreen.announce = announced  # type: ignore[method-assign, assignment]  # watched


class Watched(HuddleApp):
    CSS_PATH = str(Path(tui.app.__file__).with_name("app.tcss"))  # a subclass reads its own


async def main(url: str) -> None:
    app = Watched(open_database(url))
    seen = SEEN
    async with app.run_test(size=(120, 40)) as pilot:
        seen["loaded at home"] = [m for m in ORM if m in sys.modules]
        await pilot.press("enter")
        while "kind" not in seen:
            await pilot.pause(0.01)
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        broken = next(s for s in screen.meeting.sections if s.kind == "items")
        seen["entry section"] = broken.title
        # At once, the ORM still loading behind: reopen, go to an entry section, add one.
        await pilot.press("R", str(broken.position + 1), "a", *"Slow handoffs", "enter")
        await pilot.pause(0.3)
        seen["status"] = str(screen.meeting.status)
        seen["section"] = screen.section.title
        seen["rows"] = [row.detail for row in screen.pane.section_rows.rows]  # type: ignore[union-attr]  # shown by now
        from meeting.entries import items

        seen["saved"] = [i.text for i in items.items(app.db, broken.id)]
    print(json.dumps(seen))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
