"""A real PostgreSQL server for the suite, started by the suite itself: one per test
process, a fresh database per test, copied from a migrated template (fast: a file copy,
not seven migrations)."""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text

TEMPLATE = "huddle_template"
_numbers = itertools.count()


class PostgresServer:
    def __init__(self, socket_dir: str) -> None:
        self.socket_dir = socket_dir
        self.admin = create_engine(self.url("postgres"), isolation_level="AUTOCOMMIT")

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@/{database}?host={quote(self.socket_dir)}"

    def create(self, name: str, *, template: str | None = None) -> str:
        like = f" TEMPLATE {template}" if template else ""
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"{like}'))
        return self.url(name)

    def fresh(self, template: str = TEMPLATE) -> str:
        """A new database, a copy of `template`, for one test."""
        return self.create(f"t{next(_numbers)}", template=template)


def pg_ctl(args: list[str], data: Path, user: str | None) -> None:
    """pgserver's pg_ctl on the server in `data`, run as `user`, for a test that stops and
    starts a server of its own. pgserver makes one function per program at import time, out of
    a type checker's sight: the one ignore for it lives here."""
    from pgserver import _commands

    _commands.pg_ctl(args, pgdata=data, user=user)  # type: ignore[attr-defined]


@contextlib.contextmanager
def real_clock_for_children() -> Iterator[None]:
    """The server is another machine, as far as the suite is concerned: it runs on the real
    clock even when the suite runs under faketime (whose preload a child would inherit, and
    under which the server's lock timeouts never fire)."""
    saved = {k: os.environ.pop(k) for k in ("LD_PRELOAD", "FAKETIME") if k in os.environ}
    try:
        yield
    finally:
        os.environ.update(saved)


@contextlib.contextmanager
def server_folder() -> Iterator[Path]:
    """A data folder for a server of the suite's own, outside pytest's temporary root: the
    server runs as another user, and every pytest session that starts on the machine takes
    other users' access to that root away (a second session killed the first one's server)."""
    folder = Path(tempfile.mkdtemp(prefix="huddle-pg-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """The server, with a migrated template database. Never skipped: a machine that cannot
    run it fails here, loudly."""
    import pgserver

    from storage.opening import open_database

    with server_folder() as data:
        with real_clock_for_children():
            server = pgserver.get_server(data, cleanup_mode="stop")
        uri = server.get_uri()
        socket_dir = uri.split("host=", 1)[1]
        running = PostgresServer(socket_dir)
        template_url = running.create(TEMPLATE)
        open_database(template_url).dispose()  # migrated once; each test copies it
        yield running
        running.admin.dispose()
        server.cleanup()


@pytest.fixture(scope="session")
def postgres_demo(postgres: PostgresServer) -> str:
    """A database holding the demo, to copy per test as the SQLite demo file is."""
    from meeting.demo.build import build_demo
    from meeting.foundations.clock import FixedClock
    from storage.opening import open_database
    from tests.conftest import NOW

    database = open_database(postgres.create("huddle_demo", template=TEMPLATE))
    build_demo(database, clock=FixedClock(NOW))
    database.dispose()
    return "huddle_demo"
