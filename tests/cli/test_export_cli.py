"""`huddle export`: stdout, files, --all, and every file case."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import Result

from tests.cli.helpers import invoke


def run(db: str, *args: str) -> Result:
    return invoke(db, "export", *args)


def test_latest_to_stdout(db: str) -> None:
    result = run(db)
    assert result.exit_code == 0
    assert result.stdout.startswith("# Weekly sync — 2026-11-16\n")
    assert run(db, "latest", "-o", "-").stdout == result.stdout
    assert run(db, "2026-11-09").stdout.startswith("# Weekly sync — 2026-11-09\n")


def test_to_a_file_never_overwritten_without_force(db: str, tmp_path: Path) -> None:
    target = tmp_path / "minutes.md"
    assert run(db, "-o", str(target)).exit_code == 0
    first = target.read_text()
    assert first.startswith("# Weekly sync")
    target.write_text("my edits")
    again = run(db, "-o", str(target))
    assert again.exit_code == 1 and "already exists (use --force" in again.stderr
    assert target.read_text() == "my edits"
    assert run(db, "-o", str(target), "--force").exit_code == 0
    assert target.read_text() == first
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".minutes")] == []


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("missing/minutes.md", "folder"),
        (".", "is a directory"),
    ],
)
def test_bad_targets_leave_no_file(db: str, tmp_path: Path, target: str, message: str) -> None:
    before = sorted(p.name for p in tmp_path.iterdir())
    result = run(db, "-o", str(tmp_path / target))
    assert result.exit_code == 1 and message in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == before


@pytest.mark.skipif(shutil.which("setpriv") is None, reason="needs setpriv")
@pytest.mark.parametrize("args", [["-o", "{locked}/m.md"], ["--all", "--dir", "{locked}"]])
def test_unwritable_folder(db_file: str, tmp_path: Path, args: list[str]) -> None:
    """As a user without write rights there (root with its override dropped, if root; on
    a SQLite file, which such a user can still read)."""
    db = db_file
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    drop = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", "--"]
    huddle = str(Path(sys.executable).with_name("huddle"))
    try:
        result = subprocess.run(
            [*drop, huddle, "--db", db, "export", *(a.format(locked=locked) for a in args)],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 1, result.stderr
        assert result.stderr.strip() == f"huddle: cannot write in {locked}: Permission denied"
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o755)


def test_unknown_meeting(db: str) -> None:
    result = run(db, "2026-11-17")
    assert result.exit_code == 1 and "no meeting on 2026-11-17" in result.stderr


def test_all_to_a_folder(db: str, tmp_path: Path) -> None:
    out = tmp_path / "minutes"
    out.mkdir()
    result = run(db, "--all", "--dir", str(out))
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 13
    assert names[0] == "2026-08-24-weekly-sync.md" and names[-1] == "2026-11-16-weekly-sync.md"
    (out / names[0]).write_text("edited")
    again = run(db, "--all", "--dir", str(out))
    assert again.exit_code == 1 and "13 files exist already" in again.stderr
    assert (out / names[0]).read_text() == "edited"
    assert run(db, "--all", "--dir", str(out), "--force").exit_code == 0
    assert (out / names[0]).read_text().startswith("# Weekly sync — 2026-08-24")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--all"], "--all needs --dir"),
        (["--dir", "."], "--dir goes with --all"),
        (["--all", "--dir", "-"], "--all writes one file per meeting; --dir - is no folder"),
    ],
)
def test_all_usage_problems(db: str, args: list[str], message: str) -> None:
    result = run(db, *args)
    assert result.exit_code == 1 and message in result.stderr


def test_all_never_replaces_a_folder(db: str, tmp_path: Path) -> None:
    """A folder in the way of one file stops the export before any file is in place."""
    out = tmp_path / "minutes"
    out.mkdir()
    (out / "2026-11-16-weekly-sync.md").mkdir()
    result = run(db, "--all", "--dir", str(out), "--force")
    assert result.exit_code == 1 and "is a directory" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["2026-11-16-weekly-sync.md"]


def test_all_clears_what_a_killed_run_left(db: str, tmp_path: Path) -> None:
    import os
    import subprocess

    gone = subprocess.Popen(["true"])
    gone.wait()
    left = tmp_path / f".huddle-export-{gone.pid}-abc"
    left.mkdir()
    (left / "2026-11-16-weekly-sync.md").write_text("half")
    running = tmp_path / f".huddle-export-{os.getpid()}-def"  # a run still going: kept
    running.mkdir()
    result = invoke(db, "export", "--all", "--dir", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert not left.exists() and running.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == [running.name]


def meetings_today(db: str, *series: str) -> list[int]:
    """One ended meeting of each series today (2026-11-23), series created as needed."""
    from meeting.agenda import meetings
    from meeting.foundations.clock import FixedClock
    from meeting.reports import closing
    from storage.opening import open_database
    from tests.cli.helpers import url_of
    from tests.conftest import NOW

    clock = FixedClock(NOW)
    database = open_database(url_of(db))
    try:
        ids = []
        for name in series:
            meeting_id, _ = meetings.start_meeting(
                database, clock=clock, series=name, create_series_if_missing=True
            )
            closing.end_meeting(database, meeting_id, clock=clock)
            ids.append(meeting_id)
        return ids
    finally:
        database.dispose()


def rename_series(db: str, old: str, new: str) -> None:
    from sqlmodel import select

    from storage.models import Series
    from storage.opening import open_database
    from tests.cli.helpers import url_of

    database = open_database(url_of(db))
    try:
        with database.write() as session:
            series = session.exec(select(Series).where(Series.name == old)).one()
            series.name = new
    finally:
        database.dispose()


def test_all_writes_one_file_per_meeting_whatever_the_series_names(db: str, tmp_path: Path) -> None:
    """A name made unique with a meeting's id can be another series' plain name: each
    meeting still gets a file of its own, and the count is of files written."""
    *_, third = meetings_today(db, "Pipeline first", "Pipeline", "pipeline!")
    rename_series(db, "Pipeline first", f"Pipeline {third}")  # its name is 'pipeline-{third}'
    out = tmp_path / "minutes"
    out.mkdir()
    result = run(db, "--all", "--dir", str(out))
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == f"Wrote 16 files to {out}"
    files = sorted(out.iterdir())
    assert len(files) == 16
    titles = sorted(p.read_text().splitlines()[0] for p in files if "2026-11-23" in p.name)
    # (recorded when each ended: the first under its name then)
    assert titles == sorted(
        f"# {name} — 2026-11-23" for name in ("Pipeline first", "Pipeline", "pipeline!")
    )
    # Again, and only one series: the same names, replaced with --force.
    names = [p.name for p in files]
    assert run(db, "--all", "--dir", str(out), "--force").exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == names
    only = tmp_path / "only"
    only.mkdir()
    assert run(db, "--all", "--dir", str(only), "--series", "pipeline!").exit_code == 0
    (alone,) = only.iterdir()
    assert alone.name in names
    assert (out / alone.name).read_text() == alone.read_text()


def test_all_with_a_very_long_series_name(db: str, tmp_path: Path) -> None:
    """A 300-character series name makes a file name well under every file system's limit,
    cut between words; two such series that differ only at the end still get two files."""
    long = ("Quarterly pipeline review of the northern region " * 7)[:299]
    assert len(long + "A") == 300
    ids = meetings_today(db, long + "A", long + "B")
    out = tmp_path / "minutes"
    out.mkdir()
    result = run(db, "--all", "--dir", str(out))
    assert result.exit_code == 0, result.output
    first_id, second_id = ids
    today = sorted(p.name for p in out.iterdir() if p.name.startswith("2026-11-23"))
    full = "quarterly-pipeline-review-of-the-northern-region-" * 7
    assert len(today) == 2
    for name in today:
        assert len(name.encode()) <= 120
        slug = name.removeprefix("2026-11-23-").removesuffix(".md").removesuffix(f"-{second_id}")
        assert full.startswith(slug + "-")  # whole words only
    assert sorted(today, key=len) == [
        f"2026-11-23-{slug}.md",
        f"2026-11-23-{slug}-{second_id}.md",
    ]
    assert (out / f"2026-11-23-{slug}.md").read_text().startswith(f"# {long}A")
    assert first_id < second_id


def test_all_creates_a_missing_folder(db: str, tmp_path: Path) -> None:
    out = tmp_path / "minutes" / "2026"
    result = run(db, "--all", "--dir", str(out))
    assert result.exit_code == 0, result.output
    assert result.stderr == f"Wrote 13 files to {out} (a new folder)\n"
    assert len(list(out.iterdir())) == 13
    again = run(db, "--all", "--dir", str(out), "--force")
    assert again.stderr == f"Wrote 13 files to {out}\n"


def test_all_creates_no_folder_when_nothing_is_written(db: str, tmp_path: Path) -> None:
    result = run(db, "--all", "--dir", str(tmp_path / "a" / "b"), "--series", "Nope")
    assert result.exit_code == 1 and "unknown series" in result.stderr
    assert not (tmp_path / "a").exists()


@pytest.mark.parametrize("under", ["", "inside"])
def test_all_into_a_file(db: str, tmp_path: Path, under: str) -> None:
    """--dir naming a file (or a folder inside one) gets one line, and nothing changes."""
    blocker = tmp_path / "notes.md"
    blocker.write_text("mine")
    target = blocker / under if under else blocker
    result = run(db, "--all", "--dir", str(target))
    assert result.exit_code == 1
    assert result.stderr == (
        f"huddle: {blocker} is a file, not a folder (give another --dir, or move the file)\n"
    )
    assert blocker.read_text() == "mine"


@pytest.fixture
def umask() -> Iterator[Callable[[int], int]]:
    """Set the umask for one test (CliRunner runs in this process), then put it back."""
    import os

    old = os.umask(0o022)
    try:
        yield os.umask
    finally:
        os.umask(old)


@pytest.mark.parametrize(
    ("db_mode", "mask", "expected"),
    [(0o600, 0o022, 0o600), (0o644, 0o077, 0o600), (0o640, 0o027, 0o640), (0o644, 0o022, 0o644)],
    ids=["db600-umask022", "db644-umask077", "db640-umask027", "db644-umask022"],
)
@pytest.mark.parametrize("how", ["one", "all"])
def test_files_are_no_more_readable_than_the_database(
    db_file: str,
    tmp_path: Path,
    umask: Callable[[int], int],
    db_mode: int,
    mask: int,
    expected: int,
    how: str,
) -> None:
    import os
    import stat

    os.chmod(db_file, db_mode)
    umask(mask)
    out = tmp_path / "out"
    out.mkdir()
    args = ["-o", str(out / "m.md")] if how == "one" else ["--all", "--dir", str(out)]
    assert run(db_file, *args).exit_code == 0
    modes = {stat.S_IMODE(p.stat().st_mode) for p in out.iterdir()}
    assert modes == {expected}
    assert run(db_file, *args, "--force").exit_code == 0  # replaced: the same
    assert {stat.S_IMODE(p.stat().st_mode) for p in out.iterdir()} == {expected}


def test_minutes_of_a_server_database_are_private(
    db: str, tmp_path: Path, umask: Callable[[int], int]
) -> None:
    """A server database has no file mode: its minutes are for their owner (0600, less the
    umask); a SQLite file's give what the file gives."""
    import os
    import stat

    if "://" not in db:
        os.chmod(db, 0o644)
    umask(0o022)
    single = tmp_path / "m.md"
    assert run(db, "-o", str(single)).exit_code == 0
    expected = 0o600 if "://" in db else 0o644
    assert stat.S_IMODE(single.stat().st_mode) == expected
