"""What commands print: safe in a terminal and in a spreadsheet, exact for scripts."""

from __future__ import annotations

import csv
import io
import os
import pty
import subprocess
import sys
from pathlib import Path

from tests.cli.helpers import invoke

HUDDLE = str(Path(sys.executable).with_name("huddle"))
OSC52 = "X\x1b]52;c;QkFOTkVS\x1b\\Y"


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
    main, child = pty.openpty()
    env = {**os.environ, "HUDDLE_DB": db}
    proc = subprocess.Popen([HUDDLE, *args], stdout=child, stderr=child, env=env)
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
    ]
    printed = 0
    for args in commands:
        for fmt in ([], ["--format", "csv"], ["--format", "json"]):
            if args[0] == "export" and fmt:
                continue
            shown = run_in_terminal(*args, *fmt, db=str(path))
            assert b"Traceback" not in shown, (args, shown[-300:])
            for bad in (b"\x1b", b"\x07", "\u202e".encode(), "\x9b".encode()):
                assert bad not in shown, (args, fmt, bad)
            printed += b"52;c;QkFOTkVS" in shown  # the hostile text, shown as text
    assert printed >= 10


def test_agreement_text_reaches_a_terminal_shown_and_a_pipe_exact(db: str) -> None:
    text = "Ideal: " + OSC52 + "\x1b[2J\u202e"
    result = invoke(db, "agreements", "edit", "ideal-customer", "--text", text, "--by", OSC52)
    assert result.exit_code == 0, result.output
    for args in (("show", "ideal-customer"), ("history", "ideal-customer"), ("list",)):
        for fmt in ("table", "json", "csv"):
            shown = run_in_terminal("agreements", *args, "--format", fmt, db=db)
            assert b"\x1b" not in shown and "\u202e".encode() not in shown, (args, fmt, shown)
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
