"""Unusable input and damaged files: one line naming the problem and the fix, the file as
it was, never a traceback."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import Result

from tests.cli.helpers import invoke

HUDDLE = str(Path(sys.executable).with_name("huddle"))


@pytest.fixture
def db(db_file: str) -> str:
    """These tests are about the file itself."""
    return db_file


def one_line(result: Result, *words: str) -> None:
    assert result.exit_code in (1, 2), result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("huddle: "), result.stderr
    for word in words:
        assert word in lines[0], lines[0]


def sidecars(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name + "-"))


def test_an_argument_that_is_not_utf8(db: str) -> None:
    bad = b"bad\xff".decode("utf-8", "surrogateescape")
    for args in (
        ["actions", "add", bad, "--owner", "Sam"],
        ["actions", "list", "--search", bad],
        ["meeting", "start", "--series", bad, "--no-open"],
    ):
        result = invoke(db, *args)
        assert result.exit_code == 2
        one_line(result, "is not valid UTF-8")


def test_the_installed_command_refuses_bad_utf8_in_one_line(db: str) -> None:
    out = subprocess.run(
        [HUDDLE, "--db", db, "actions", "add", os.fsdecode(b"bad\xff"), "--owner", "Sam"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "not valid UTF-8" in out.stderr


@pytest.mark.parametrize("kind", ["text", "header only", "truncated", "folder"])
def test_upgrade_and_check_refuse_what_is_not_a_database(
    kind: str, demo_file: Path, tmp_path: Path
) -> None:
    path = tmp_path / "odd.db"
    if kind == "text":
        path.write_text("meeting notes\n")
    elif kind == "header only":
        path.write_bytes(demo_file.read_bytes()[:100])
    elif kind == "truncated":
        path.write_bytes(demo_file.read_bytes()[:50_000])
    else:
        path.mkdir()
    before = path.read_bytes() if path.is_file() else None
    for args in (["db", "upgrade"], ["actions", "list"], ["db", "check"]):
        result = invoke(str(path), *args)
        assert result.exit_code == 1 and "Traceback" not in result.output
        if args != ["db", "check"]:
            one_line(result)
    if before is not None:
        assert path.read_bytes() == before
    assert sidecars(path) == []
    assert not list(tmp_path.glob("*.bak"))


def corrupt_a_page_of(path: Path, table: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    conn.close()
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xff" * page_size)


@pytest.mark.parametrize(
    ("args", "table"),
    [
        (["actions", "list"], "actionitem"),
        (["export", "latest", "-o", "-"], "minutesrecord"),  # an ended meeting's record
        (["actions", "add", "x", "--owner", "Sam"], "actionitem"),
    ],
)
def test_a_corrupted_page_found_mid_command(args: list[str], table: str, db: str) -> None:
    corrupt_a_page_of(Path(db), table)
    result = invoke(db, *args)
    one_line(result, "db check", "restore a backup")


def test_a_meeting_named_by_a_digit_that_is_not_ascii(db: str) -> None:
    result = invoke(db, "export", "²", "-o", "-")  # str.isdigit() says yes, int() says no
    one_line(result)


def test_an_empty_file_is_not_taken_over(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    for args in (["actions", "list"], ["db", "upgrade"], ["meeting", "start", "--no-open"]):
        result = invoke(str(path), *args)
        one_line(result, "is an empty file", "choose another --db path")
    assert path.read_bytes() == b"" and sidecars(path) == []
