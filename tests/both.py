"""`db` and `demo_db` on both databases huddle supports: a SQLite file and a real
PostgreSQL server, with the same expectations. A test module (or a conftest) imports them
to run its tests on both."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from storage.db import Database
from storage.opening import open_database

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, db_path: Path) -> Iterator[Database]:
    if request.param == "sqlite":
        shutil.copy(request.getfixturevalue("empty_file"), db_path)
        url = f"sqlite:///{db_path}"
    else:
        url = request.getfixturevalue("postgres").fresh()
    database = open_database(url)
    yield database
    database.dispose()


@pytest.fixture(params=BACKENDS)
def demo_db(request: pytest.FixtureRequest, demo_file: Path, tmp_path: Path) -> Iterator[Database]:
    if request.param == "sqlite":
        path = tmp_path / "demo.db"
        shutil.copy(demo_file, path)
        url = f"sqlite:///{path}"
    else:
        template = request.getfixturevalue("postgres_demo")
        url = request.getfixturevalue("postgres").fresh(template)
    database = open_database(url)
    yield database
    database.dispose()
