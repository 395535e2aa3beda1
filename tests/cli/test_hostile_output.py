"""What commands print: safe in a terminal and in a spreadsheet, exact for scripts."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import subprocess
import sys
from pathlib import Path

from tests.cli.helpers import invoke
from tests.cli.terminal_child import BETWEEN

HUDDLE = str(Path(sys.executable).with_name("huddle"))
OSC52 = "X\x1b]52;c;QkFOTkVS\x1b\\Y"
CHILD = Path(__file__).with_name("terminal_child.py")


def add(db: str, text: str) -> None:
    result = invoke(db, "actions", "add", text, "--owner", "Sam")
    assert result.exit_code == 0, result.output


def test_csv_defuses_formulas_and_quotes_every_line_end(db: str) -> None:
    add(db, '=HYPERLINK("http://x")')
    add(db, "one\rtwo")
    out = invoke(db, "actions", "list", "--search", "HYPERLINK", "--format", "csv").stdout
    [row] = list(csv.DictReader(io.StringIO(out)))
    assert row["text"] == '\'=HYPERLINK("http://x")'
    raw = invoke(db, "actions", "list", "--search", "HYPERLINK", "-f", "csv", "--raw").stdout
    assert next(csv.DictReader(io.StringIO(raw)))["text"] == '=HYPERLINK("http://x")'
    out = invoke(db, "actions", "list", "--search", "two", "--format", "csv").stdout
    assert '"one\rtwo"' in out  # quoted: a reader keeps it one record
    texts = [r["text"] for r in csv.DictReader(io.StringIO(out, newline=""))]
    assert "one\rtwo" in texts and not any(t in ("one", "two") for t in texts)


def test_json_and_csv_to_a_pipe_hold_the_exact_bytes(db: str) -> None:
    add(db, OSC52)
    env = {**os.environ, "HUDDLE_DB": db}
    out = subprocess.run(
        [HUDDLE, "actions", "list", "--search", "52;c", "--format", "json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert "\\u001b]52;c;QkFOTkVS" in out.stdout  # JSON's own escape: the exact text


def run_in_terminal(*args: str, db: str) -> bytes:
    """The installed command with a terminal as its stdout, as a person runs it."""
    return in_terminal([HUDDLE, *args], db)


def run_all_in_terminal(commands: list[list[str]], db: str) -> list[bytes]:
    """What each command printed to a terminal, all run in one process (terminal_child.py)."""
    shown = in_terminal([sys.executable, str(CHILD), json.dumps(commands)], db)
    *each, after = shown.split(BETWEEN.encode())
    assert len(each) == len(commands) and not after.strip(), shown[-300:]
    return each


def in_terminal(command: list[str], db: str) -> bytes:
    main, child = pty.openpty()
    env = {**os.environ, "HUDDLE_DB": db}
    proc = subprocess.Popen(command, stdout=child, stderr=child, env=env)
    os.close(child)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=60)
    os.close(main)
    return b"".join(chunks)


def test_nothing_typed_drives_the_terminal(db: str) -> None:
    add(db, OSC52 + "\x1b[2J\u202e")
    for fmt in ("table", "csv", "json"):
        shown = run_in_terminal("actions", "list", "--search", "52;c", "--format", fmt, db=db)
        assert b"\x1b" not in shown and "\u202e".encode() not in shown, (fmt, shown)
        assert b"52;c;QkFOTkVS" in shown  # shown, as text
    started = run_in_terminal(
        "meeting", "start", "--series", "Ops" + OSC52, "--new-series", "--no-open", db=db
    )
    assert b"\x1b" not in started and b"Started Ops" in started


def test_every_listing_keeps_hostile_names_inert(demo_file: Path, tmp_path: Path) -> None:
    """Hostile text in every kind of field, then every command that prints it, in a
    terminal: nothing reaches it raw."""
    import datetime as dt
    import shutil

    from meeting.foundations.clock import FixedClock
    from storage.opening import open_database
    from tests.tui.test_hostile_text import HOSTILE, hostile_database

    path = tmp_path / "hostile.db"
    shutil.copy(demo_file, path)
    database = open_database(f"sqlite:///{path}")
    hostile_database(database, FixedClock(dt.datetime(2026, 11, 23, 15, tzinfo=dt.UTC)))
    database.dispose()
    series = f"Sync {HOSTILE}"
    commands = [
        ["meeting", "list"],
        ["actions", "list"],
        ["actions", "stats"],
        ["questions", "list"],
        ["questions", "stats"],
        ["leads", "list"],
        ["metrics", "list", "--series", series],
        ["people", "list"],
        ["people", "stats"],
        ["items", "list", "--series", series],
        ["meeting", "show", "latest", "--series", series],
        ["export", "latest", "--series", series, "-o", "-"],
        ["calendar", series],
        ["actions", "export", "--github"],
        ["send", "latest", "--series", series, "--to", "team", "--dry-run"],
    ]
    plain = {"export", "calendar", "send"}  # commands with no --format
    each = [
        [*args, *fmt]
        for args in commands
        for fmt in ([], ["--format", "csv"], ["--format", "json"])
        if not ((args[0] in plain or args[1:2] == ["export"]) and fmt)
    ]
    printed = 0
    for args, shown in zip(each, run_all_in_terminal(each, db=str(path)), strict=True):
        assert b"Traceback" not in shown, (args, shown[-300:])
        for bad in (b"\x1b", b"\x07", "\u202e".encode(), "\x9b".encode()):
            assert bad not in shown, (args, bad)
        printed += b"52;c;QkFOTkVS" in shown  # the hostile text, shown as text
    assert printed >= 10


def test_agreement_text_reaches_a_terminal_shown_and_a_pipe_exact(db: str) -> None:
    text = "Ideal: " + OSC52 + "\x1b[2J\u202e"
    result = invoke(db, "agreements", "edit", "ideal-customer", "--text", text, "--by", OSC52)
    assert result.exit_code == 0, result.output
    each = [
        ["agreements", *args, "--format", fmt]
        for args in (["show", "ideal-customer"], ["history", "ideal-customer"], ["list"])
        for fmt in ("table", "json", "csv")
    ]
    for args, shown in zip(each, run_all_in_terminal(each, db), strict=True):
        assert b"\x1b" not in shown and "\u202e".encode() not in shown, (args, shown)
        assert b"52;c;QkFOTkVS" in shown
    env = {**os.environ, "HUDDLE_DB": db}
    piped = subprocess.run(
        [HUDDLE, "agreements", "show", "ideal-customer", "--format", "json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "\\u001b]52;c;QkFOTkVS" in piped.stdout


def test_every_format_that_leaves_huddle_keeps_hostile_text_inert(
    demo_file: Path, tmp_path: Path
) -> None:
    """One hostile class (terminal sequences, HTML, a chat mention and link, a formula) in
    every field, then every format the minutes and actions leave in: the email's HTML, the
    Slack and Teams messages, the calendar, Jira's and Linear's CSV and gh's commands."""
    import datetime as dt
    import json
    import shlex
    import shutil

    from icalendar import Calendar

    from meeting.foundations.clock import FixedClock
    from meeting.reads.history import ActionFilter, list_actions
    from meeting.reports import trackers
    from meeting.reports.calendar import series_calendar
    from meeting.reports.chat import slack_payload, summary_lines, teams_payload
    from meeting.reports.closing import end_meeting
    from meeting.reports.mail import render_html
    from meeting.reports.sending import ended_minutes
    from storage.opening import open_database
    from tests.tui.test_hostile_text import HOSTILE, hostile_database

    markup = '=cmd|"/c calc"!A1 <script>alert(1)</script> <!channel> <http://x.test|click> [a](http://x.test)'
    path = tmp_path / "hostile.db"
    shutil.copy(demo_file, path)
    database = open_database(f"sqlite:///{path}")
    clock = FixedClock(dt.datetime(2026, 11, 23, 15, tzinfo=dt.UTC))
    try:
        meeting_id = hostile_database(database, clock)
        from meeting.agenda import meetings
        from meeting.entries import actions, items

        view = meetings.get_meeting(database, meeting_id)
        items.add_item(database, view.sections[3].id, markup, team="sales", clock=clock)
        actions.add_action(
            database, meeting_id=meeting_id, text=markup, owner="Sam", due=None, clock=clock
        )
        end_meeting(database, meeting_id, clock=clock)
        minutes = ended_minutes(database, meeting_id)
        rows = list_actions(database, ActionFilter(), today=clock.today())
        formats = {
            "html": render_html(minutes, "Minutes"),
            "slack": json.dumps(slack_payload(summary_lines(database, meeting_id, "slack"))),
            "teams": json.dumps(teams_payload(summary_lines(database, meeting_id, "teams"))),
            "ics": series_calendar(database, view.series, clock=clock)[0].to_ical().decode(),
        }
        jira, linear = trackers.jira_rows(rows), trackers.linear_rows(rows)
        commands = trackers.github_commands(rows)
    finally:
        database.dispose()
    html = formats["html"]
    assert "<script" not in html and "&lt;script&gt;" in html and "href=" not in html
    slack = json.loads(formats["slack"])["text"]
    assert "<!channel>" not in slack and "<http" not in slack and "&lt;!channel&gt;" in slack
    teams = json.loads(formats["teams"])
    shown = " ".join(b["text"] for b in teams["attachments"][0]["content"]["body"])
    assert "[a](http" not in shown  # no link made from an entry
    for name, text in formats.items():
        for bad in ("\x1b", "\x07", "\x9b"):
            assert bad not in text or name == "html", (name, bad)
    summary = str(next(iter(Calendar.from_ical(formats["ics"]).walk("VEVENT")))["summary"])
    assert "\x1b" not in summary and HOSTILE not in summary
    from tui.output import csv_text

    for headers, table in ((trackers.JIRA_HEADERS, jira), (trackers.LINEAR_HEADERS, linear)):
        cells = [cell for row in csv.reader(io.StringIO(csv_text(headers, table))) for cell in row]
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
        assert "'" + markup in cells
    parsed = [shlex.split(command) for command in commands]
    assert any(markup in words for words in parsed)  # one argument, exactly as typed
