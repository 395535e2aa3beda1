"""A database password never reaches a screen, an error or the process list, and a URL
huddle cannot use is one line, not a traceback."""

from __future__ import annotations

import os
import pty
import select
import signal
import sys
import time
from pathlib import Path
from urllib.parse import unquote

import pytest

from storage.urls import checked_url, masked
from tests.cli.helpers import invoke
from tests.postgres import PostgresServer

SECRET = "Sekrit-Passw0rd"

URL_FORMS = [
    f"postgresql+psycopg://ann:{SECRET}@db.example.com:5432/huddle",
    f"postgresql://ann:{SECRET}@db.example.com/huddle",
    f"postgres://ann:{SECRET}@db.example.com/huddle",
    f"postgresql+psycopg://ann@db.example.com/huddle?password={SECRET}",
    f"postgresql+psycopg://ann@db.example.com/huddle?sslmode=require&password={SECRET}&x=1",
    f"postgresql+psycopg://ann:{SECRET}@with@db.example.com/huddle",  # an unescaped @
    f"postgresql+psycopg://ann:ab?{SECRET}@db.example.com/huddle",  # a ? in the password
    f"postgresql+psycopg://ann:{SECRET}/?x@/huddle?host=/tmp/socket",
    f"postgresql+psycopg://ann:{SECRET}@db.example.com:notaport/huddle",
    f"postgresql+psycopg://ann:{SECRET}@[::1/huddle",
    f"mysql://ann:{SECRET}@db.example.com/huddle",
    # a query's keys are read unescaped: %70assword is password to the driver
    f"postgresql+psycopg://ann@db.example.com/huddle?%70assword={SECRET}",
    f"postgresql+psycopg://ann@db.example.com/huddle?x=1&pass%77ord={SECRET}",
]


@pytest.mark.parametrize("url", URL_FORMS)
def test_every_form_of_url_is_shown_without_its_password(url: str) -> None:
    assert SECRET not in masked(url)
    assert "***" in masked(url)
    result = invoke(url, "db", "path")
    assert SECRET not in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("postgresql+psycopg://ann@localhost:notaport/huddle", "port is not a number"),
        ("postgresql+psycopg://ann@[::1/huddle", "no closing ]"),
        ("mysql://ann@localhost/huddle", "not mysql://"),
        ("oracle+cx://ann@localhost/huddle", "not oracle+cx://"),
    ],
)
def test_a_url_huddle_cannot_use_is_one_line(url: str, says: str) -> None:
    for args in (["meeting", "list"], ["db", "check"], ["demo", "--no-open"]):
        result = invoke(url.replace("ann@", f"ann:{SECRET}@"), *args)
        assert result.exit_code == 1, result.output
        assert result.output.count("\n") == 1, result.output
        assert says in result.output
        assert SECRET not in result.output


def test_an_at_sign_in_a_password_stays_in_the_password() -> None:
    from sqlalchemy.engine import make_url

    url = make_url(checked_url("postgresql://ann:p@ss/word@db.example.com:6543/huddle"))
    assert (url.host, url.port, url.database) == ("db.example.com", 6543, "huddle")
    assert url.password == "p@ss/word"
    # one already escaped is read the same way, not escaped twice
    escaped = make_url(checked_url("postgresql://ann:p%40ss@db.example.com/huddle"))
    assert unquote(str(escaped.password)) == "p@ss"


def test_postgres_schemes_mean_the_driver_huddle_ships_with() -> None:
    for scheme in ("postgres", "postgresql", "POSTGRESQL"):
        assert checked_url(f"{scheme}://ann@h/db").startswith("postgresql+psycopg://")


def test_the_demo_names_its_database_without_the_password(postgres: PostgresServer) -> None:
    url = postgres.fresh().replace("postgres@", f"postgres:{SECRET}@")
    result = invoke(url, "demo", "--no-open")
    assert result.exit_code == 0, result.output
    assert "Open it with: huddle --db" in result.output
    assert SECRET not in result.output


def test_a_service_file_connects_with_no_password_on_the_command_line(
    postgres: PostgresServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.engine import make_url

    served = make_url(postgres.fresh())
    services = tmp_path / "pg_service.conf"
    services.write_text(
        f"[team]\nhost={served.query['host']}\ndbname={served.database}\nuser=postgres\n"
    )
    monkeypatch.setenv("PGSERVICEFILE", str(services))
    result = invoke("postgresql:///?service=team", "meeting", "list")
    assert result.exit_code == 0, result.output
    assert "no meetings" in result.output.lower() or result.output.strip() == ""


def test_the_tui_hides_a_password_from_the_process_list(postgres: PostgresServer) -> None:
    """`ps` shows every user's processes' arguments: a TUI open for an hour must not show
    its password there."""
    url = postgres.fresh().replace("postgres@", f"postgres:{SECRET}@")
    huddle = str(Path(sys.executable).with_name("huddle"))
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
    pid, fd = pty.fork()
    if pid == 0:  # the child: the installed command, as a person starts it
        os.execvpe(huddle, [huddle, "--db", url], env)
    try:
        seen = b""
        deadline = time.monotonic() + 60
        while b"Meetings" not in seen and time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.5)
            if ready:
                try:
                    seen += os.read(fd, 65536)
                except OSError:
                    break
        assert b"Meetings" in seen, seen[-2000:]
        arguments = Path(f"/proc/{pid}/cmdline").read_bytes()
        assert SECRET.encode() not in arguments
        assert b"postgres:***@" in arguments
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
