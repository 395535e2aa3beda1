"""Shared by the CLI tests: a private copy of the demo database as a --db value, on each
database huddle supports (a SQLite file, a PostgreSQL server); `db_file` where a test is
about the file itself."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def db_file(demo_file: Path, tmp_path: Path) -> str:
    path = tmp_path / "team.db"
    path.write_bytes(demo_file.read_bytes())
    return str(path)


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, demo_file: Path, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(request.getfixturevalue("db_file"))
    postgres = request.getfixturevalue("postgres")
    return str(postgres.fresh(request.getfixturevalue("postgres_demo")))
