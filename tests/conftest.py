"""Real SQLite files under tmp_path, a frozen clock, and a demo database to share."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from meeting.foundations.clock import FixedClock, set_team_zone
from storage.db import Database
from storage.opening import open_database

NOW = dt.datetime(2026, 11, 23, 15, 0, tzinfo=dt.UTC)
pytest_plugins = ["tests.postgres"]


def pin_time() -> None:
    """Every test runs at NOW in UTC, whatever the machine's date and zone: the CLI, the
    TUI and the installed command (which inherits the environment) all read HUDDLE_NOW.
    Set at import, before any fixture (the session's demo database too) reads a date;
    tests of other zones set TZ themselves."""
    os.environ["HUDDLE_NOW"] = NOW.isoformat()
    os.environ["TZ"] = "UTC"
    time.tzset()


pin_time()


@pytest.fixture(scope="session", autouse=True)
def no_personal_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Every app and command in the suite reads its personal settings from a file of the
    suite's own (none: the defaults), and its default database from a folder of its own,
    never the real user's; a test that sets one points HUDDLE_CONFIG or XDG_DATA_HOME at
    its own tmp_path."""
    own = {
        "HUDDLE_CONFIG": str(tmp_path_factory.mktemp("config") / "config.toml"),
        # The default database too: a command run with no --db opens the suite's own,
        # never the user's ~/.local/share/huddle/huddle.db (nor upgrades it).
        "XDG_DATA_HOME": str(tmp_path_factory.mktemp("data")),
    }
    before = {key: os.environ.get(key) for key in own}
    os.environ.update(own)
    yield
    for key, value in before.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(autouse=True)
def machine_zone_until_a_database_says() -> Iterator[None]:
    """Dates start in the machine's zone in every test: the team's zone a command or an app
    read from its database stays with that test."""
    set_team_zone(None)
    yield
    set_team_zone(None)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "huddle.db"


@pytest.fixture(scope="session")
def empty_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new database, migrated once per worker: each test's `db` starts as a copy of it,
    as each PostgreSQL test's starts as a copy of a template. Every migration run anew took
    0.15-0.3 s a test (several times that on a loaded machine), for most of the suite's
    tests; the migrations themselves are tested from an empty file in tests/storage."""
    path = tmp_path_factory.mktemp("empty") / "empty.db"
    open_database(f"sqlite:///{path}").dispose()
    return path


@pytest.fixture
def db(db_path: Path, empty_file: Path) -> Iterator[Database]:
    shutil.copy(empty_file, db_path)
    database = open_database(f"sqlite:///{db_path}")
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from meeting.demo.build import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    database = open_database(f"sqlite:///{path}")
    build_demo(database, clock=FixedClock(NOW))
    database.dispose()
    return path


@pytest.fixture
def demo_db(demo_file: Path, tmp_path: Path) -> Iterator[Database]:
    """A private copy of the demo database, so tests may change it."""
    path = tmp_path / "demo.db"
    shutil.copy(demo_file, path)
    database = open_database(f"sqlite:///{path}")
    yield database
    database.dispose()


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """Three workers to two cores: a UI test spends much of its time waiting (on a
    terminal, a server, a subprocess, a timer), and a worker per core left the cores idle
    a third of the run."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, (cores or 1) * 3 // 2)
