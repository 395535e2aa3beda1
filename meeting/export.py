"""Writing files people share: atomically, and never over an existing file unless asked."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from meeting.errors import HuddleError


def check_target(path: Path, *, force: bool) -> None:
    """Refuse before any work is done: a directory, a missing folder, an existing file."""
    if path.is_dir():
        raise HuddleError(f"{path} is a directory (give a file name, or use --all --dir)")
    if not path.parent.is_dir():
        raise HuddleError(f"folder {path.parent} does not exist (create it first)")
    if path.exists() and not force:
        raise HuddleError(f"{path} already exists (use --force to overwrite it)")


def write_atomically(path: Path, text: str, *, force: bool) -> None:
    """Write to a temporary file in the same folder, then rename it into place.

    A crash, a full disk or a refused write leaves either the old file or none, never half
    a file.
    """
    check_target(path, force=force)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        raise HuddleError(f"cannot write in {path.parent}: {exc.strerror}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o644)
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


def write_many_atomically(files: Iterable[tuple[Path, str]], *, force: bool) -> int:
    """Many files, each appearing whole or not at all, with one flush to disk for all of
    them instead of one per file: every file is written into a staging folder beside its
    target, the disk is synced once, then each is renamed into place."""
    staging: dict[Path, Path] = {}
    written: list[tuple[Path, Path]] = []
    try:
        for path, text in files:
            check_target(path, force=force)
            folder = staging.get(path.parent)
            try:
                if folder is None:
                    folder = Path(tempfile.mkdtemp(prefix=".huddle-export-", dir=path.parent))
                    staging[path.parent] = folder
                temporary = folder / path.name
                with temporary.open("w", encoding="utf-8", newline="\n") as out:
                    out.write(text)
            except OSError as exc:
                raise HuddleError(f"cannot write {path}: {exc.strerror}") from None
            written.append((temporary, path))
        os.sync()
        for temporary, path in written:
            os.replace(temporary, path)
        return len(written)
    finally:
        for folder in staging.values():
            shutil.rmtree(folder, ignore_errors=True)
