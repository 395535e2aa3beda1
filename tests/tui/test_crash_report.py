"""An error huddle did not expect ends the app with one line naming a log file: never a
traceback with local variables, nor a password, on the terminal or in the log."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from meeting.foundations.clock import FixedClock
from screens.home import HomeScreen
from storage.db import Database
from tests.tui.helpers import wait_for_screen
from tui.app import HuddleApp


class KeyBroke(Exception):
    pass


async def test_a_crash_prints_one_line_and_logs_no_locals_or_password(
    db: Database,
    clock: FixedClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    secret = "".join(["hun", "ter", "-2", "-secret"])  # not in this file's source lines
    kept = "".join(["pg", "pass", "-77"])
    monkeypatch.setenv("PGPASSWORD", kept)

    def broken(self: HomeScreen) -> None:
        password = secret  # a local a report with locals would print
        url = f"postgresql+psycopg://dana:{password}@db.example.com/huddle"
        raise KeyBroke(f"could not open {url} ({kept})")

    monkeypatch.setattr(HomeScreen, "action_history", broken)
    app = HuddleApp(db, clock=clock)
    capsys.readouterr()
    with pytest.raises(KeyBroke):
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for_screen(pilot, "HomeScreen")
            await pilot.press("h")
            await pilot.pause()
    out = capsys.readouterr()
    printed = out.out + out.err  # what Textual printed when it ended: nothing of it
    assert app.return_code == 1
    line = app.crash_report  # what run_app prints once the terminal is given back
    for shown in (printed, line):
        assert secret not in shown and kept not in shown
        assert "password" not in shown  # no locals: not even the variable's name
        assert "Traceback" not in shown and "broken" not in shown
    assert "\n" not in line
    assert "KeyBroke" in line and "dana:***@db.example.com" in line, line
    found = re.search(r"the details are in (\S+huddle\.log)", line)
    assert found, line
    log = Path(found.group(1))
    assert log.is_relative_to(tmp_path / "state")
    assert log.stat().st_mode & 0o077 == 0  # the owner's alone
    written = log.read_text(encoding="utf-8")
    assert "Traceback" in written and "in broken" in written  # the details are there
    assert secret not in written and kept not in written
    assert "dana:***@db.example.com" in written


def test_the_log_keeps_no_typed_text_from_a_statement() -> None:
    """SQLAlchemy's errors quote a statement's values: what someone typed stays out of a
    file people are asked to attach to a bug report."""
    from tui.crash import masked

    report = "[SQL: INSERT INTO item (text) VALUES (%(text)s)]\n[parameters: {'text': 'Q3 plan'}]"
    assert "Q3 plan" not in masked(report, [])
    assert "INSERT INTO item" in masked(report, [])
