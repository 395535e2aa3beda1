"""What a database file is before it is opened: its path, whether it is SQLite at all,
whether it can be written, and whether it sits on a network filesystem."""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from storage.errors import DatabaseBusy, DatabaseError

SQLITE_HEADER = b"SQLite format 3\x00"


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for server databases."""
    if not url.startswith("sqlite"):
        return None
    path = url.split(":///", 1)[1] if ":///" in url else ""
    return Path(path) if path and path != ":memory:" else None


def read_only_uri(path: Path) -> str:
    """A URI that opens `path` without writing; `immutable` when not even the folder is
    writable, because a WAL database otherwise needs its -shm file. `immutable` reads the
    file alone, so not when a -wal beside it holds committed changes: those are read
    through the -shm file, and without one (and no folder to make it in) huddle refuses
    rather than show the database without them."""
    uri = f"{path.absolute().as_uri()}?mode=ro"
    if os.access(path.parent, os.W_OK):
        return uri
    wal = path.with_name(path.name + "-wal")
    try:
        pending = wal.stat().st_size > 0
    except OSError:
        pending = False
    if not pending:
        return uri + "&immutable=1"
    if path.with_name(path.name + "-shm").exists():
        return uri
    raise DatabaseError(
        f"{path} is read-only and its {wal.name} holds changes that cannot be read without "
        f"a {path.name}-shm file, which its read-only folder cannot hold; copy {path.name} "
        f"together with {wal.name} to a writable folder and open the copy"
    )


def writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def check_file(path: Path) -> None:
    """Refuse paths that are not, and cannot become, a huddle database."""
    if path.is_dir():
        raise DatabaseError(f"{path} is a directory, not a database file (give a file path)")
    if not path.parent.exists():
        raise DatabaseError(
            f"folder {path.parent} does not exist (create it first or choose another --db path)"
        )
    if path.exists() and path.stat().st_size > 0:
        try:
            with path.open("rb") as handle:
                header = handle.read(len(SQLITE_HEADER))
        except OSError as exc:
            raise DatabaseError(
                f"cannot read {path}: {exc.strerror.lower() if exc.strerror else exc} "
                "(check the file's permissions, or choose another --db path)"
            ) from None
        if header != SQLITE_HEADER:
            raise DatabaseError(
                f"{path} is not a SQLite database; huddle will not write over it "
                "(choose another --db path)"
            )


def probe_sqlite(path: Path) -> tuple[str | None, bool]:
    """(alembic revision, holds other tables) read without changing a byte of the file."""
    revision, tables = probe_schema(path)
    return revision, bool(tables - {"alembic_version"})


def probe_schema(path: Path) -> tuple[str | None, frozenset[str]]:
    """(alembic revision, the names of its tables) read without changing a byte of the
    file."""
    tidy = sidecar_tidier(path)
    try:
        return _probe(path)
    except sqlite3.Error as exc:
        if "locked" in str(exc):  # a busy file is another terminal's, sidecars and all
            raise DatabaseBusy(
                f"{path} is busy: another huddle held it for over {PROBE_TIMEOUT_S:.0f} s "
                "(an upgrade or a long write); nothing was changed, try again in a moment"
            ) from None
        tidy()
        raise DatabaseError(damaged(path, exc)) from None


SIDECARS = ("-wal", "-shm", "-journal")


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold the folder's lock while a new database is put in place: without it a second
    terminal could find no database, a first one put its file in place and write to its
    -wal, and the second set that -wal aside as a leftover, its entries with it. POSIX
    locks the folder itself (no file left behind); Windows a lock file in it."""
    if sys.platform == "win32":
        import msvcrt

        with open(folder / ".huddle.lock", "a+b") as handle:
            while True:
                try:
                    msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
                    break
                except OSError:  # LK_LOCK gives up after ten seconds; keep waiting
                    continue
            try:
                yield
            finally:
                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        descriptor = os.open(folder, os.O_RDONLY)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
            yield
        finally:
            os.close(descriptor)  # closing releases the lock


def set_aside_orphans(path: Path, *, replacing: bool = False) -> list[str]:
    """Rename the -wal, -shm and -journal files found where a new database `path` is about
    to be made: they belong to an earlier file of that name that is gone (or, `replacing`,
    that a copy is about to replace), and SQLite would replay them onto the new one (broken
    pages, rows from elsewhere). Kept, not deleted: they may hold the last entries of a
    database someone means to recover. Returns what to tell the person: one line for all
    of them, or none."""
    if path.exists() and not replacing:
        return []
    stamp = time.strftime("%Y%m%d-%H%M%S")
    moved = []
    for suffix in SIDECARS:
        sidecar = path.with_name(path.name + suffix)
        if not sidecar.exists():
            continue
        aside = sidecar.with_name(f"{sidecar.name}.orphan-{stamp}")
        number = 1
        while aside.exists():
            number += 1
            aside = sidecar.with_name(f"{sidecar.name}.orphan-{stamp}-{number}")
        try:
            os.rename(sidecar, aside)
        except FileNotFoundError:
            continue
        moved.append(sidecar.name)
    if not moved:
        return []
    whose = f"the {path.name} replaced" if replacing else f"a deleted {path.name}"
    return [
        f"set {', '.join(moved)} aside (now *.orphan-{stamp}): left by {whose}, they "
        "would have damaged the new one"
    ]


def put_in_place(draft: Path, target: Path) -> list[str]:
    """Move the finished copy `draft` to `target` (a backup, a copy to a file): a new
    database file like any other, so the -wal, -shm and -journal of an earlier `target`,
    gone or being replaced, are set aside first, under the folder's lock, or SQLite would
    replay them onto the copy the first time it is opened. Returns what to tell the person."""
    with folder_lock(target.parent):
        said = set_aside_orphans(target, replacing=True)
        os.replace(draft, target)
    return said


def alive(pid: int) -> bool:
    """Whether process `pid` runs: a partial file of a live one is still being written."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


PARTIAL = re.compile(r"\.(?:partial|new)-(\d+)(?:-wal|-shm|-journal)?$")


def remove_dead_partials(folder: Path, prefix: str) -> None:
    """Remove the files named `prefix...partial-<pid>` or `...new-<pid>` (a copy or a new
    database being written, and their -journal, -wal and -shm) whose writer, the process
    `pid`, is gone: a backup, an upgrade or a creation that was killed midway."""
    try:
        names = [p.name for p in folder.iterdir() if p.name.startswith(prefix)]
    except OSError:
        return
    for name in names:
        found = PARTIAL.search(name)
        if found is None:
            continue
        pid = int(found.group(1))
        if pid != os.getpid() and not alive(pid):
            with contextlib.suppress(OSError):
                (folder / name).unlink(missing_ok=True)


def file_mode(path: Path | None) -> int:
    """The permission bits a copy of `path` gets: its own, or owner-only for a database
    that is not a file (a server's)."""
    if path is None:
        return 0o600
    try:
        return path.stat().st_mode & 0o666
    except OSError:
        return 0o600


def create_file(path: Path, mode: int) -> None:
    """Create the empty file `path` with at most `mode` (and the umask) from its first byte;
    the owner may write it while it is filled (see finish_mode)."""
    os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, mode | 0o200))


def finish_mode(path: Path, mode: int) -> None:
    """Give a file made by create_file its final permissions: at most `mode`, never more
    than the umask let it have."""
    os.chmod(path, path.stat().st_mode & mode & 0o777)


def sidecar_tidier(path: Path) -> Callable[[], None]:
    """What removes the -wal and -shm files that opening a file refused later made, so a
    refused file stays exactly as it was. Only for files found unusable: a healthy
    database's sidecars may belong to another terminal."""
    sidecars = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
    there = [p.exists() for p in sidecars]

    def tidy() -> None:
        for sidecar, was_there in zip(sidecars, there, strict=True):
            if not was_there:
                with contextlib.suppress(OSError):  # a read-only folder could make none
                    sidecar.unlink(missing_ok=True)

    return tidy


def damaged(path: Path | str, exc: BaseException) -> str:
    """One line for a database file SQLite cannot read, naming what to do next."""
    return (
        f"cannot read the database {path}: {exc} (run huddle --db {path} db check; "
        "if it is damaged, restore a backup)"
    )


# As long as a writer waits for the write lock (storage/db.py): a first look at a file that
# another huddle is upgrading waits for the upgrade instead of failing after sqlite3's 5 s.
PROBE_TIMEOUT_S = 10.0


def _probe(path: Path) -> tuple[str | None, frozenset[str]]:
    conn = sqlite3.connect(read_only_uri(path), uri=True, timeout=PROBE_TIMEOUT_S)
    try:
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        revision = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
    finally:
        conn.close()
    return revision, frozenset(tables)


NETWORK_FILESYSTEMS = {
    "nfs",
    "nfs4",
    "cifs",
    "smbfs",
    "smb3",
    "9p",
    "afs",
    "fuse.sshfs",
    "glusterfs",
    "ceph",
    "lustre",
    "davfs",
}


def filesystem_type(path: Path) -> str | None:
    """The type of the filesystem holding `path`, from /proc/mounts (Linux), else None."""
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return None
    target = path.absolute()
    best, kind = "", None
    for line in mounts:
        fields = line.split()
        if len(fields) >= 3:
            mount_point = fields[1].replace("\\040", " ")
            inside = target == Path(mount_point) or str(target).startswith(
                mount_point.rstrip("/") + "/"
            )
            if inside and len(mount_point) > len(best):
                best, kind = mount_point, fields[2]
    return kind


def network_warning(path: Path) -> str | None:
    """SQLite's locking is not safe over network filesystems: say so, and what to use."""
    kind = filesystem_type(path)
    if kind in NETWORK_FILESYSTEMS:
        return (
            f"{path} is on a network filesystem ({kind}); SQLite can lose writes there when "
            "two machines use it. Teams that share a database should use PostgreSQL "
            "(--db postgresql+psycopg://host/huddle)"
        )
    return None
