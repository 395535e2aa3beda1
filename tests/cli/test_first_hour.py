"""A newcomer's first commands: `huddle demo` fills the database every command uses, so
`huddle`, `huddle actions list` and the rest find the demo; `huddle db fresh` empties it
again (after a copy), and a command on an empty database says where the demo is."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from tui.cli import app

runner = CliRunner()
HINT = "huddle: this database is empty: `huddle demo` fills it with a demo to look around\n"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "data"


def huddle(home: Path, *args: str) -> Result:
    """As a newcomer runs it: no --db, no HUDDLE_DB, the user data folder under `home`."""
    return runner.invoke(app, list(args), env={"XDG_DATA_HOME": str(home), "HUDDLE_DB": ""})


def meetings_in(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("select count(*) from meeting").fetchone()[0])


def test_the_demo_is_the_database_every_command_uses(home: Path) -> None:
    default = home / "huddle" / "huddle.db"
    built = huddle(home, "demo", "--no-open")
    assert built.exit_code == 0, built.output
    assert built.stdout.startswith(f"Demo written to {default}, the database every huddle")
    listed = json.loads(huddle(home, "actions", "list", "--format", "json").stdout)
    assert len(listed) > 30
    assert huddle(home, "questions", "list").stderr == ""
    again = huddle(home, "demo", "--no-open")
    assert again.exit_code == 0
    assert f"{default} already holds meetings; opening it" in again.stdout
    assert meetings_in(default) == 13  # not built twice


def test_starting_fresh_keeps_a_copy_and_asks_first(home: Path) -> None:
    default = home / "huddle" / "huddle.db"
    huddle(home, "demo", "--no-open")
    ours = home / "ours.toml"
    ours.write_text('name = "Ours"\n[[section]]\nkind = "items"\ntitle = "A"\ntimebox = 5\n')
    assert huddle(home, "templates", "add", str(ours)).exit_code == 0
    unasked = huddle(home, "db", "fresh")  # no terminal to ask in: refused
    assert unasked.exit_code == 1 and "add --yes to go ahead" in unasked.stderr
    assert meetings_in(default) == 13
    with pytest.MonkeyPatch.context() as patch:  # a person at a terminal: asked, enter is no
        patch.setattr("tui.cli_db.stdin_is_terminal", lambda: True)
        declined = runner.invoke(
            app, ["db", "fresh"], input="\n", env={"XDG_DATA_HOME": str(home), "HUDDLE_DB": ""}
        )
    assert "then empty it? [y/N]" in declined.stdout and "Nothing changed." in declined.stdout
    assert meetings_in(default) == 13, declined.output
    kept = home / "kept.db"
    fresh = huddle(home, "db", "fresh", "--keep", str(kept), "--yes")
    assert fresh.exit_code == 0, fresh.output
    assert f"Copied everything to {kept} and emptied {default}." in fresh.stdout
    assert meetings_in(kept) == 13 and meetings_in(default) == 0
    assert "Ours" in huddle(home, "templates", "list").stdout  # how the team works stays
    nothing = huddle(home, "actions", "list")
    assert nothing.stdout == "No action items match.\n" and nothing.stderr == HINT
    missing = huddle(home, "questions", "answer", "19", "Signed", "--outcome", "won")
    assert missing.exit_code == 1
    assert missing.stderr.endswith(HINT) and "no lead question with id 19" in missing.stderr
    assert huddle(home, "db", "fresh", "--yes").stdout.endswith(
        "is empty already; nothing changed\n"
    )
    rebuilt = huddle(home, "demo", "--no-open")
    assert rebuilt.exit_code == 0 and meetings_in(default) == 13


def test_starting_fresh_waits_for_the_running_meeting_to_end(home: Path) -> None:
    default = home / "huddle" / "huddle.db"
    huddle(home, "demo", "--no-open")
    assert huddle(home, "meeting", "start", "--no-open").exit_code == 0
    refused = huddle(home, "db", "fresh", "--yes")
    assert refused.exit_code == 1 and "is running" in refused.stderr
    assert "end it first" in refused.stderr and meetings_in(default) == 14
    assert list((home / "huddle").glob("huddle-*.db")) == []  # no copy made either


def test_the_demo_fills_a_database_that_was_only_looked_at(home: Path) -> None:
    """A first `huddle agreements list` writes the default agreements: still empty."""
    assert huddle(home, "agreements", "list").exit_code == 0
    built = huddle(home, "demo", "--no-open")
    assert built.exit_code == 0, built.output
    assert meetings_in(home / "huddle" / "huddle.db") == 13
