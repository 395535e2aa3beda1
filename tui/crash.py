"""An error huddle did not expect: one line on the terminal, the details in a log file.

Textual's own report prints every frame's local variables, a database URL's password among
them. This one names the error and the file; the file holds the traceback without locals,
and with every password it knows of (the database URL's, PGPASSWORD) masked.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import traceback
from pathlib import Path

from storage.db import first_line
from tui.config import log_dir

LOG_NAME = "huddle.log"
# scheme://user:password@host, in any URL the error or its traceback may quote
URL_PASSWORD = re.compile(r"(\b[a-z][a-z0-9+.-]*://[^\s:/@]*:)[^\s@/]+@", re.IGNORECASE)
# SQLAlchemy's errors quote the values of the statement: text people typed, not for a log
SQL_PARAMETERS = re.compile(r"\[parameters: .*?\]$", re.M)
# key=value connection strings (libpq's "password=..." among them)
KEY_PASSWORD = re.compile(r"(\bpassword\s*=\s*)('[^']*'|\S+)", re.IGNORECASE)


def secrets_of(db_url: str) -> list[str]:
    """The passwords this process knows of, to mask wherever they appear."""
    found = [os.environ.get("PGPASSWORD", "")]
    try:
        from sqlalchemy.engine import make_url

        found.append(make_url(db_url).password or "")
    except Exception:  # not a URL: a file path holds no password
        pass
    return [secret for secret in found if len(secret) >= 3]


def masked(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        text = text.replace(secret, "***")
    text = SQL_PARAMETERS.sub("[parameters: not kept]", text)
    text = URL_PASSWORD.sub(r"\1***@", text)
    return KEY_PASSWORD.sub(r"\1***", text)


def write_log(error: BaseException, secrets: list[str]) -> Path | None:
    """Append the traceback (no locals) to the log file, readable by its owner only;
    None when the file cannot be written."""
    details = "".join(traceback.format_exception(error))
    stamp = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    path = log_dir() / LOG_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as log:
            log.write(f"--- {stamp} huddle stopped on an unexpected error\n")
            log.write(masked(details, secrets))
    except OSError:
        return None
    return path


def crash_line(error: BaseException, secrets: list[str]) -> str:
    """What the terminal shows: what happened and where the details are."""
    path = write_log(error, secrets)
    said = f": {first_line(error)}" if str(error).strip() else ""
    what = masked(f"{type(error).__name__}{said}", secrets)
    if len(what) > 160:
        what = what[:159] + "…"
    where = f"the details are in {path}" if path else "the log file could not be written"
    return f"stopped on an unexpected error ({what}); {where}"
