"""Where data lives: `--db`, then `HUDDLE_DB`, then the platform's user data folder."""

from __future__ import annotations

import os
from pathlib import Path

ENV_DB = "HUDDLE_DB"


def data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path("huddle", appauthor=False)


def default_db_path() -> Path:
    return data_dir() / "huddle.db"


def chosen_db(flag: str | None) -> tuple[str, bool]:
    """The database value in force and whether it is the default one."""
    if flag:
        return flag, False
    env = os.environ.get(ENV_DB, "").strip()
    if env:
        return env, False
    return str(default_db_path()), True


def to_url(value: str) -> str:
    """A path or a URL with a scheme (`postgresql+psycopg://...`) as a SQLAlchemy URL; a URL
    that cannot be read is one line (DatabaseError) here, before any driver sees it."""
    if "://" in value:
        from storage.urls import checked_url

        return checked_url(value)
    return f"sqlite:///{Path(value).expanduser().absolute()}"


def ensure_default_folder(path: Path) -> None:
    """The default folder is ours to create; a folder named on the command line is not."""
    path.parent.mkdir(parents=True, exist_ok=True)


def log_dir() -> Path:
    """Where a crash's details go: the platform's user log folder (~/.local/state/huddle/log
    on Linux), not the terminal."""
    from platformdirs import user_log_path

    return user_log_path("huddle", appauthor=False)
