"""The headless commands through Typer's CliRunner, and the installed `huddle` in a subprocess."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from tui.cli import app

runner = CliRunner()


def huddle(*args: str, env: dict[str, str] | None = None) -> Result:
    return runner.invoke(app, list(args), env=env)


@pytest.fixture
def demo_path(demo_file: Path, tmp_path: Path) -> Path:
    path = tmp_path / "team.db"
    path.write_bytes(demo_file.read_bytes())
    return path


def test_version_and_help() -> None:
    result = huddle("--version")
    assert result.exit_code == 0 and result.stdout.startswith("huddle ")
    result = huddle("--help")
    assert result.exit_code == 0
    for command in ("demo", "meeting", "db"):
        assert command in result.stdout


def test_demo_builds_a_database_without_opening(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    result = huddle("demo", "--db", str(path), "--no-open")
    assert result.exit_code == 0, result.output
    assert f"Demo written to {path}." in result.stdout
    listed = huddle("--db", str(path), "meeting", "list", "--format", "json")
    assert len(json.loads(listed.stdout)) == 13
    # One record per line between the brackets, each a whole JSON object.
    lines = listed.stdout.splitlines()
    assert lines[0] == "[" and lines[-1] == "]" and len(lines) == 15
    assert json.loads(lines[1].rstrip(","))["date"] == "2026-11-16"


def test_demo_never_overwrites_a_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.db"
    path.write_text("keep")
    result = huddle("demo", "--db", str(path), "--no-open")
    assert result.exit_code == 1
    assert "huddle will not write over it" in result.stderr
    assert path.read_text() == "keep"


def test_meeting_list_formats(demo_path: Path) -> None:
    table = huddle("--db", str(demo_path), "meeting", "list")
    assert table.exit_code == 0
    assert table.stdout.splitlines()[0].split() == ["id", "date", "series", "status", "facilitator"]
    rows = json.loads(huddle("--db", str(demo_path), "meeting", "list", "-f", "json").stdout)
    assert rows[0] == {
        "id": 13,
        "date": "2026-11-16",
        "series": "Weekly sync",
        "status": "ended",
        "facilitator": "Dana",
    }
    parsed = list(
        csv.DictReader(
            io.StringIO(huddle("--db", str(demo_path), "meeting", "list", "--format", "csv").stdout)
        )
    )
    assert len(parsed) == 13 and parsed[-1]["date"] == "2026-08-24"


def test_meeting_start_without_tui_then_resume(tmp_path: Path) -> None:
    db = str(tmp_path / "h.db")
    first = huddle("--db", db, "meeting", "start", "--facilitator", "Dana", "--no-open")
    assert first.exit_code == 0, first.output
    assert "Started Weekly sync" in first.stdout
    again = huddle("--db", db, "meeting", "start", "--no-open")
    assert "Resuming Weekly sync" in again.stdout


def test_unknown_series_and_template_are_one_line_errors(demo_path: Path) -> None:
    before = demo_path.read_bytes()
    result = huddle(
        "--db", str(demo_path), "meeting", "start", "--series", "Weekly sinc", "--no-open"
    )
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "huddle: unknown series 'Weekly sinc' (did you mean: Weekly sync?); "
        "add --new-series to start it"
    )
    result = huddle("--db", str(demo_path), "meeting", "start", "--template", "x", "--no-open")
    assert result.exit_code == 1 and "unknown template 'x'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert demo_path.read_bytes() == before


def test_bad_db_paths(tmp_path: Path) -> None:
    result = huddle("--db", str(tmp_path), "meeting", "list")
    assert result.exit_code == 1 and "is a directory" in result.stderr
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    result = huddle("--db", str(notes), "meeting", "list")
    assert result.exit_code == 1 and "not a SQLite database" in result.stderr
    assert notes.read_text() == "hello"


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    result = huddle("--db", str(tmp_path / "x.db"), "meeting", "list", "--format", "xml")
    assert result.exit_code == 2


def test_db_path_follows_flag_then_env(tmp_path: Path) -> None:
    assert huddle("--db", str(tmp_path / "a.db"), "db", "path").stdout.strip() == str(
        tmp_path / "a.db"
    )
    env_path = str(tmp_path / "env.db")
    assert huddle("db", "path", env={"HUDDLE_DB": env_path}).stdout.strip() == env_path
    assert not Path(env_path).exists()


def test_installed_command_end_to_end(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("huddle")
    env = {**os.environ, "HUDDLE_DB": str(tmp_path / "e2e.db")}
    made = subprocess.run(
        [str(exe), "meeting", "start", "--no-open"], env=env, capture_output=True, text=True
    )
    assert made.returncode == 0, made.stderr
    listed = subprocess.run(
        [str(exe), "meeting", "list", "--format", "json"], env=env, capture_output=True, text=True
    )
    assert json.loads(listed.stdout)[0]["status"] == "running"
    bad = subprocess.run(
        [str(exe), "--db", str(tmp_path), "meeting", "list"], capture_output=True, text=True
    )
    assert bad.returncode == 1 and "Traceback" not in bad.stderr


def test_installed_command_leaves_a_whole_database_file(tmp_path: Path) -> None:
    """Headless commands skip interpreter teardown: their databases must be closed first,
    so the write-ahead log is folded back and the .db file alone holds every change."""
    exe = Path(sys.executable).with_name("huddle")
    db = tmp_path / "whole.db"
    for args in (
        ["demo", "--db", str(db), "--no-open"],
        ["--db", str(db), "actions", "add", "Call Jane", "--owner", "Riley"],
    ):
        done = subprocess.run([str(exe), *args], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["whole.db"]
    with sqlite3.connect(db) as conn:
        found = conn.execute("SELECT count(*) FROM actionitem WHERE text = 'Call Jane'")
        assert found.fetchone() == (1,)
    # Output is flushed before the quick exit.
    listed = subprocess.run(
        [str(exe), "--db", str(db), "actions", "list", "--format", "csv"],
        capture_output=True,
        text=True,
    )
    assert listed.returncode == 0 and listed.stdout.splitlines()[-1].startswith("41,Call Jane,")


def test_start_with_another_template_while_one_runs_says_so(tmp_path: Path) -> None:
    db = str(tmp_path / "h.db")
    assert huddle("--db", db, "meeting", "start", "--no-open").exit_code == 0
    other = huddle("--db", db, "meeting", "start", "--template", "ssc", "--no-open")
    assert other.exit_code == 1
    assert other.stderr.startswith("huddle: a sync meeting of 'Weekly sync' is running")
    assert "leave out --template to resume it" in other.stderr
    same = huddle("--db", db, "meeting", "start", "--template", "sync", "--no-open")
    assert same.exit_code == 0 and "Resuming Weekly sync" in same.stdout


def test_an_alignment_meeting_running_is_said_with_its_article(tmp_path: Path) -> None:
    db = str(tmp_path / "h.db")
    assert (
        huddle("--db", db, "meeting", "start", "--template", "alignment", "--no-open").exit_code
        == 0
    )
    other = huddle("--db", db, "meeting", "start", "--template", "sync", "--no-open")
    assert other.stderr.startswith("huddle: an alignment meeting of 'Weekly sync' is running")


def test_a_reader_that_stops_reading_ends_the_command_quietly(
    demo_file: Path, tmp_path: Path
) -> None:
    """`huddle actions list | head -1`: no error about a broken pipe on the terminal."""
    import shutil

    copy = tmp_path / "demo.db"
    shutil.copy(demo_file, copy)
    huddle = str(Path(sys.executable).with_name("huddle"))
    for args in (["actions", "list"], ["meeting", "list"]):
        read, write = os.pipe()
        os.close(read)  # the reader is gone before the first byte
        try:
            done = subprocess.run(
                [huddle, "--db", str(copy), *args], stdout=write, stderr=subprocess.PIPE, text=True
            )
        finally:
            os.close(write)
        assert "Broken pipe" not in done.stderr and "Traceback" not in done.stderr, done.stderr
