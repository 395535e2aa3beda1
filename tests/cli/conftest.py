"""Shared by the CLI tests: a private copy of the demo database, as a --db path."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def db(demo_file: Path, tmp_path: Path) -> str:
    path = tmp_path / "team.db"
    path.write_bytes(demo_file.read_bytes())
    return str(path)
