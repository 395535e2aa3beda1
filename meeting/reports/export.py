"""Writing files people share: atomically, and never over an existing file unless asked."""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from meeting.foundations.errors import HuddleError
from meeting.foundations.text import as_id
from storage.files import alive


def check_target(path: Path, *, force: bool) -> None:
    """Refuse before any work is done: a directory, a missing folder, an existing file."""
    if path.is_dir():
        raise HuddleError(f"{path} is a directory (give a file name, or use --all --dir)")
    if not path.parent.is_dir():
        raise HuddleError(f"folder {path.parent} does not exist (create it first)")
    if path.exists() and not force:
        raise HuddleError(f"{path} already exists (use --force to overwrite it)")


# Minutes of a database that is not a local file (PostgreSQL): readable by their owner only,
# as a server database is not open to everyone on this machine.
SERVER_DATABASE_MODE = 0o600


def minutes_mode(database_file: Path | None) -> int:
    """The mode minutes are created with (the umask is applied on top): that of the database
    file they come from, so an export is never readable by more people than the database."""
    if database_file is None:
        return SERVER_DATABASE_MODE
    try:
        return stat.S_IMODE(database_file.stat().st_mode) & 0o666
    except OSError:
        return SERVER_DATABASE_MODE


def write_atomically(path: Path, text: str, *, force: bool, mode: int) -> None:
    """Write to a temporary file in the same folder, then rename it into place.

    A crash, a full disk or a refused write leaves either the old file or none, never half
    a file. The file is created with `mode` less the umask.
    """
    check_target(path, force=force)
    handle, temporary = _new_temporary(path, mode)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        if not force and path.exists():
            raise HuddleError(f"{path} already exists (use --force to overwrite it)")
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise HuddleError(f"cannot write {path}: {exc.strerror}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _new_temporary(path: Path, mode: int) -> tuple[int, str]:
    """A new file beside `path`, created with `mode` (the umask applies, unlike mkstemp's
    0600 followed by a chmod); its name is short whatever the length of `path`'s."""
    for _ in range(100):
        temporary = str(path.parent / f".{path.name[:32]}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode), temporary
        except FileExistsError:
            continue
        except OSError as exc:
            raise HuddleError(f"cannot write in {path.parent}: {exc.strerror}") from None
    raise HuddleError(f"cannot write in {path.parent}: no free temporary name")


def make_folder(folder: Path) -> list[Path]:
    """`mkdir -p`: the folders created, outermost first, so a failed export can remove
    them again."""
    if folder.exists() and not folder.is_dir():
        raise HuddleError(
            f"{folder} is a file, not a folder (give another --dir, or move the file)"
        )
    missing = [p for p in (folder, *folder.parents) if not p.exists()][::-1]
    created: list[Path] = []
    for part in missing:
        try:
            part.mkdir()
        except FileExistsError:
            if not part.is_dir():
                raise HuddleError(
                    f"{part} is a file, not a folder (give another --dir, or move the file)"
                ) from None
            continue  # made by someone else meanwhile
        except NotADirectoryError:
            raise HuddleError(
                f"{part.parent} is a file, not a folder (give another --dir, or move the file)"
            ) from None
        except OSError as exc:
            raise HuddleError(f"cannot create folder {part}: {exc.strerror}") from None
        created.append(part)
    return created


def remove_folders(created: list[Path]) -> None:
    """Undo make_folder, leaving any folder something was put in since."""
    for folder in reversed(created):
        with contextlib.suppress(OSError):
            folder.rmdir()


def write_many_atomically(files: Iterable[tuple[Path, str]], *, force: bool, mode: int) -> int:
    """Many files, each appearing whole or not at all, with one flush to disk for all of
    them instead of one per file: every file is written into a staging folder beside its
    target, the disk is synced once, then each is renamed into place. Files are created
    with `mode` less the umask."""
    staging: dict[Path, tuple[Path, int]] = {}
    written: list[tuple[Path, Path]] = []
    try:
        for path, text in files:
            _refuse_overwrite(path, force=force)
            if path.parent not in staging:
                staging[path.parent] = _staging_folder(path.parent)
            folder, folder_fd = staging[path.parent]
            try:
                _write_new(folder_fd, path.name, text.encode("utf-8"), mode)
            except OSError as exc:
                raise HuddleError(f"cannot write {path}: {exc.strerror}") from None
            written.append((folder / path.name, path))
        os.sync()
        for temporary, path in written:
            os.replace(temporary, path)
        return len(written)
    finally:
        for folder, folder_fd in staging.values():
            os.close(folder_fd)
            shutil.rmtree(folder, ignore_errors=True)


STAGING_PREFIX = ".huddle-export-"


def _staging_folder(parent: Path) -> tuple[Path, int]:
    _clear_leftovers(parent)
    try:
        folder = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=parent))
    except FileNotFoundError:
        raise HuddleError(f"folder {parent} does not exist (create it first)") from None
    except OSError as exc:
        raise HuddleError(f"cannot write in {parent}: {exc.strerror}") from None
    return folder, os.open(folder, os.O_RDONLY)


def _clear_leftovers(parent: Path) -> None:
    """Staging folders of runs that were killed before they could clean up: each is named
    with its process id, and goes once that process is gone."""
    try:
        entries = list(os.scandir(parent))
    except OSError:
        return  # said when the folder is written to
    for entry in entries:
        if not entry.name.startswith(STAGING_PREFIX) or not entry.is_dir(follow_symlinks=False):
            continue
        owner = as_id(entry.name[len(STAGING_PREFIX) :].split("-", 1)[0])
        if owner is not None and alive(owner):
            continue  # another export running now
        shutil.rmtree(entry.path, ignore_errors=True)


def _refuse_overwrite(path: Path, *, force: bool) -> None:
    """check_target with one stat per file: thousands of files are checked at once."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return  # a missing folder is reported when the first file is written there
    if stat.S_ISDIR(mode):
        raise HuddleError(f"{path} is a directory (give a file name, or use --all --dir)")
    if not force:
        raise HuddleError(f"{path} already exists (use --force to overwrite it)")


def _write_new(folder_fd: int, name: str, data: bytes, mode: int) -> None:
    """A new file in the folder open as `folder_fd`: no path lookup, no text layer."""
    handle = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode, dir_fd=folder_fd)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view) :]
    finally:
        os.close(handle)
