"""A real PostgreSQL server for the suite, started by the suite itself: one per test
process, a fresh database per test, copied from a migrated template (fast: a file copy,
not seven migrations)."""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
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
        # Hundreds of copied databases: tens of thousands of files, which took a loaded
        # machine 10-27 s to remove at the end of each worker. Removed in the background.
        try:
            subprocess.Popen(
                ["rm", "-rf", "--", str(folder)],
                start_new_session=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except OSError:  # no rm (Windows): remove it here
            shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def own_server() -> Iterator[tuple[Any, Path]]:
    """A server in a folder of its own (pgserver's handle, its data folder), stopped at
    the end however the test left it, restarted or stopped. Stopped here, not by pgserver:
    pgserver's stop is a fast one, whose shutdown checkpoint wrote out hundreds of copied
    databases (10-15 s at the end of each worker on a loaded machine), and it left running
    a server a test had stopped and started again. The data goes with the server."""
    import pgserver

    with server_folder() as data:
        with real_clock_for_children():
            server = pgserver.get_server(data, cleanup_mode=None)
        try:
            yield server, data
        finally:
            with contextlib.suppress(Exception):  # a test may have left it stopped
                pg_ctl(["-w", "-m", "immediate", "stop"], data, server.system_user)
            server.cleanup()


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """The server, with a migrated template database. Never skipped: a machine that cannot
    run it fails here, loudly."""
    from storage.opening import open_database

    with own_server() as (server, _data):
        socket_dir = server.get_uri().split("host=", 1)[1]
        running = PostgresServer(socket_dir)
        template_url = running.create(TEMPLATE)
        open_database(template_url).dispose()  # migrated once; each test copies it
        yield running
        running.admin.dispose()


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
