"""A server database from the command line: the demo built there, passwords never shown,
a server that cannot be reached or a conflicting write as one line."""

from __future__ import annotations

from pathlib import Path

from tests.cli.helpers import invoke
from tests.postgres import PostgresServer

SECRET = "s3cret-pw"


def test_the_demo_is_built_on_an_empty_server_database(postgres: PostgresServer) -> None:
    url = postgres.fresh()
    built = invoke(url, "demo", "--no-open")  # `huddle --db URL demo`
    assert built.exit_code == 0, built.output
    assert built.output.startswith("Demo written to postgresql+psycopg://postgres@/")
    meetings = invoke(url, "meeting", "list", "--format", "csv").output.splitlines()
    assert len(meetings) == 14  # a header and 13 weekly meetings
    # Ids go on after the demo's rows: the next insert gets a free one.
    assert invoke(url, "actions", "add", "After the demo", "--owner", "Sam").exit_code == 0
    again = invoke(url, "demo", "--no-open")
    assert again.exit_code == 1
    assert "already holds huddle data; the demo only fills a new or empty" in again.output
    other = postgres.fresh()
    named = invoke("unused.db", "demo", "--db", other, "--no-open")
    assert named.exit_code == 0 and "Demo written to" in named.output


def test_upgrade_on_a_current_server_database(postgres: PostgresServer) -> None:
    from storage.db import HEAD_REVISION

    result = invoke(postgres.fresh(), "db", "upgrade")
    assert result.output == f"Already at schema {HEAD_REVISION}; nothing to do.\n"


def test_passwords_are_never_shown() -> None:
    url = f"postgresql+psycopg://sales:{SECRET}@127.0.0.1:1/huddle"
    shown = invoke(url, "db", "path")
    assert shown.output == "postgresql+psycopg://sales:***@127.0.0.1:1/huddle\n"
    unreachable = invoke(url, "actions", "list")
    assert unreachable.exit_code == 1 and SECRET not in unreachable.output
    assert unreachable.stderr.startswith("huddle: cannot reach the database server (")
    assert len(unreachable.stderr.splitlines()) == 1


def test_a_team_moves_to_the_server_and_back(
    db_file: str, postgres: PostgresServer, tmp_path: Path
) -> None:
    server = postgres.fresh()
    copied = invoke(db_file, "db", "copy", "--to", server)
    assert copied.exit_code == 0, copied.output
    assert "every table's count matches" in copied.output
    sent = invoke(db_file, "export", "latest", "-o", "-").stdout
    assert invoke(server, "export", "latest", "-o", "-").stdout == sent
    refused = invoke(db_file, "db", "copy", "--to", server)
    assert refused.exit_code == 1 and "is not empty" in refused.stderr
    checked = invoke(server, "db", "check")
    assert checked.exit_code == 0 and "references: ok" in checked.output, checked.output
    # Work goes on on the server (ids after the copied ones), then a portable backup.
    assert invoke(server, "actions", "add", "On the server", "--owner", "Sam").exit_code == 0
    backup = tmp_path / "server.db"
    assert invoke(server, "db", "backup", str(backup)).exit_code == 0
    assert invoke(str(backup), "db", "check").exit_code == 0
    listed = invoke(str(backup), "actions", "list", "--search", "On the server").output
    assert "On the server" in listed
    assert invoke(server, "db", "backup", str(backup)).exit_code == 1  # no --force
    back = tmp_path / "back.db"
    assert invoke(server, "db", "copy", "--to", str(back)).exit_code == 0
    assert invoke(str(back), "export", "latest", "-o", "-").stdout == sent


def test_a_server_database_whose_migrations_wrote_rows_upgrades(
    postgres: PostgresServer, tmp_path: Path
) -> None:
    """A server at 0013 or later holds a row its migration wrote (the time zone): the backup
    made before the upgrade holds the server's row, where it used to clash with the one the
    backup's own migrations wrote and refuse the upgrade."""
    import sqlite3

    from sqlalchemy import text

    from storage.db import HEAD_REVISION, make_engine
    from storage.migrate import upgrade
    from tests.cli.helpers import runner
    from tui.cli import app

    url = postgres.create("zoned_team")
    engine = make_engine(url)
    upgrade(engine, "0013")
    with engine.begin() as conn:
        conn.execute(text("UPDATE setting SET value = 'Pacific/Auckland'"))
        conn.execute(text("INSERT INTO person (name, team) VALUES ('Sam', 'sales')"))
    engine.dispose()
    env = {"XDG_DATA_HOME": str(tmp_path / "data")}
    upgraded = runner.invoke(app, ["--db", url, "db", "upgrade"], env=env)
    assert upgraded.exit_code == 0, upgraded.output
    assert f"to {HEAD_REVISION} (backup: " in upgraded.stdout
    backup = tmp_path / "data" / "huddle" / "huddle-server-zoned_team.0013.bak"
    with sqlite3.connect(backup) as conn:
        assert conn.execute("SELECT value FROM setting").fetchall() == [("Pacific/Auckland",)]
        assert conn.execute("SELECT name FROM person").fetchall() == [("Sam",)]
    zone = runner.invoke(app, ["--db", url, "db", "timezone"], env=env)
    assert "Pacific/Auckland" in zone.stdout, zone.output
