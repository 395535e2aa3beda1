"""The TUI on one database, as one person: opened, run, closed, and any crash said once the
terminal is given back."""

from __future__ import annotations

import os
import sys

from meeting.entries.identity import me_named
from meeting.foundations.clock import Clock, clock_from_env
from meeting.foundations.errors import HuddleError
from storage.db import UI_BUSY_TIMEOUT_MS
from storage.files import network_warning
from storage.opening import open_database
from tui.app import HuddleApp
from tui.tty import NO_TERMINAL, has_terminal


def run_app(
    db_url: str,
    *,
    meeting_id: int | None = None,
    clock: Clock | None = None,
    as_name: str | None = None,
) -> int:
    """The TUI on a database, as the person `as_name` names ($HUDDLE_AS when not given),
    or, in a browser ($HUDDLE_BROWSER, set by `huddle serve`), as the one it says it is."""

    clock = clock or clock_from_env(runs=True)  # a bad HUDDLE_NOW: refused before the database
    db = open_database(db_url, busy_ms=UI_BUSY_TIMEOUT_MS)
    for notice in db.notices:
        print(f"huddle: {notice}", file=sys.stderr)
    warning = network_warning(db.path) if db.path else None
    if warning:
        print(f"huddle: warning: {warning}", file=sys.stderr)
    named = as_name if as_name is not None else os.environ.get("HUDDLE_AS", "")
    try:
        me = me_named(db, named) if named.strip() or as_name is not None else None
        if not has_terminal():  # after the person: a wrong name is the thing to fix first
            raise HuddleError(NO_TERMINAL)
    except BaseException:
        db.dispose()
        raise
    browser = os.environ.get("HUDDLE_BROWSER")
    app = HuddleApp(db, clock=clock, meeting_id=meeting_id, me=me, browser=browser)
    try:
        app.run()
    finally:
        db.dispose()
    if app.crash_report:
        print(f"huddle: {app.crash_report}", file=sys.stderr)
    return app.return_code or 0
