"""Three terminals starting the meeting at the same moment make one meeting: one says
Started, the others resume it, and nobody sees a traceback."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from storage.models import Meeting
from storage.opening import open_database

CHILD = Path(__file__).with_name("start_child.py")
ROOT = Path(__file__).parents[2]


def start_three_at_once(db: str, go: Path) -> list[subprocess.CompletedProcess[str]]:
    children = [
        subprocess.Popen(
            [sys.executable, str(CHILD), str(go), "--db", str(db), "meeting", "start", "--no-open"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    deadline = time.monotonic() + 30
    while len(list(go.parent.glob(f"{go.name}.ready-*"))) < 3:  # all loaded and waiting
        assert time.monotonic() < deadline, "the children did not start"
        time.sleep(0.01)
    go.touch()
    results = []
    for child in children:
        out, err = child.communicate(timeout=60)
        results.append(subprocess.CompletedProcess(child.args, child.returncode, out, err))
    return results


def old_schema(path: Path) -> None:
    """A database last opened by an older huddle: the three must upgrade it first."""
    from storage.db import make_engine
    from storage.migrate import upgrade

    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, "0006")
    engine.dispose()


@pytest.mark.parametrize("database", ["new", "old", "demo", "postgresql"])
def test_three_starts_at_the_same_moment_make_one_meeting(
    database: str, demo_file: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    for round_number in range(3):
        path = tmp_path / f"{database}-{round_number}.db"
        db = str(path)
        if database == "postgresql":
            postgres = request.getfixturevalue("postgres")
            db = postgres.fresh(request.getfixturevalue("postgres_demo"))
        elif database == "demo":
            path.write_bytes(demo_file.read_bytes())
        elif database == "old":
            old_schema(path)
        results = start_three_at_once(db, tmp_path / f"go-{database}-{round_number}")
        said = sorted(r.stdout.split(" ")[0] for r in results)
        for result in results:
            assert result.returncode == 0, result.stderr
            assert "Traceback" not in result.stderr + result.stdout
        assert said == ["Resuming", "Resuming", "Started"], [r.stdout for r in results]
        opened = open_database(db if "://" in db else f"sqlite:///{db}")
        with opened.read() as session:
            from sqlmodel import select

            running = session.exec(select(Meeting).where(Meeting.status == "running")).all()
        opened.dispose()
        assert len(running) == 1
