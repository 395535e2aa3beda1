"""A NUL character (\\x00) in text is refused in one line on both databases: PostgreSQL
dropped the connection on one, and a SQLite file holding one could not be copied to it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.cli.helpers import contents, invoke
from tests.postgres import PostgresServer


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["actions", "add", "call\x00back", "--owner", "Sam"], "the action's text"),
        (["agreements", "edit", "ideal-customer", "--text", "a\x00b"], "the agreement's text"),
        (["people", "add", "Ze\x00d", "--team", "sales"], "what was typed"),
        (["headsup", "add", "Launch\x00", "--team", "marketing"], "the heads-up's text"),
    ],
)
def test_nul_in_an_argument_is_one_line(db: str, args: list[str], field: str) -> None:
    before = contents(db)
    result = invoke(db, *args)
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"huddle: {field}") or field in result.stderr
    assert "holds a NUL character (\\x00)" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert contents(db) == before


def test_nul_in_a_csv_cell_is_one_line(db: str, tmp_path: Path) -> None:
    path = tmp_path / "leads.csv"
    path.write_text("name,company,email\nAda\x00 L,Engines,ada@example.com\n")
    before = contents(db)
    result = invoke(db, "leads", "import", str(path))
    assert result.exit_code == 1
    assert "holds a NUL character (\\x00)" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert contents(db) == before


def test_a_file_holding_nul_names_its_row_when_copied(
    db_file: str, postgres: PostgresServer
) -> None:
    with sqlite3.connect(db_file) as conn:  # written before huddle refused it
        conn.execute("UPDATE actionitem SET text = ? WHERE id = 3", ("call\x00back",))
    server = postgres.fresh()
    result = invoke(db_file, "db", "copy", "--to", server)
    assert result.exit_code == 1
    assert result.stderr.startswith("huddle: actionitem (id 3) holds a NUL character (\\x00)")
    assert len(result.stderr.strip().splitlines()) == 1
    with sqlite3.connect(db_file) as conn:  # put right as the line says: nothing was copied
        conn.execute("UPDATE actionitem SET text = 'call back' WHERE id = 3")
    assert invoke(db_file, "db", "copy", "--to", server).exit_code == 0
