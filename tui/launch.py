"""The `huddle` command's entry point.

Bare `huddle` (or `huddle --db PATH`) opens the TUI straight away, without building the
whole Typer command tree; everything else goes to the Typer app in `tui.cli`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping


def tui_only(args: list[str]) -> tuple[bool, str | None]:
    """Whether the arguments ask for nothing but the TUI, and the --db value if given."""
    if not args:
        return True, None
    if len(args) == 2 and args[0] == "--db" and not args[1].startswith("-"):
        return True, args[1]
    if len(args) == 1 and args[0].startswith("--db=") and len(args[0]) > 5:
        return True, args[0][5:]
    return False, None


def hide_passwords(argv: list[str]) -> None:
    """Mask a database password given on the command line in the process list.

    Anyone on the machine can read a process's arguments (`ps`, /proc) for as long as it
    runs: the TUI runs for hours. The command line is rewritten in place, so only the
    first moment of start-up ever showed it; a password from `PGPASSWORD`, `~/.pgpass` or
    a service file never reaches the arguments at all.
    """
    from storage.urls import holds_password, masked

    if any(holds_password(arg) for arg in argv[1:]):
        import setproctitle

        setproctitle.setproctitle(" ".join(masked(arg) for arg in argv))


# Textual draws a changed screen at its next frame, at most MAX_FPS times a second (60 by
# default): a key's effect waited up to 17 ms for its frame, and a key that changes the
# screen twice (a line opening, then its footer) up to twice that. Set before Textual is
# first imported, which reads it once; a TEXTUAL_FPS of the person's own wins.
FRAMES_PER_SECOND = "120"


def frame_rate(environ: MutableMapping[str, str]) -> None:
    environ.setdefault("TEXTUAL_FPS", FRAMES_PER_SECOND)


def main() -> None:
    frame_rate(os.environ)
    hide_passwords(sys.argv)
    wanted, db_value = tui_only(sys.argv[1:])
    if not wanted:
        from tui.cli_root import asks_root_help

        if asks_root_help(sys.argv[1:]):  # lists the commands without importing them
            from tui.cli_root import root_help as cli_main
        else:
            from tui.cli import main as cli_main
        try:
            cli_main()
        except SystemExit as exc:
            exit_now(exc.code)
        exit_now(0)
    from pathlib import Path

    from meeting.foundations.errors import HuddleError
    from storage.errors import DatabaseError
    from tui.config import chosen_db, ensure_default_folder, to_url

    chosen, is_default = chosen_db(db_value)
    try:
        if is_default:
            ensure_default_folder(Path(chosen))
        from tui.session import run_app

        code = run_app(to_url(chosen))  # closes the database and gives the terminal back
    except (DatabaseError, HuddleError) as exc:
        print(f"huddle: {exc}", file=sys.stderr)
        exit_now(1)
    exit_now(code)


def exit_now(code: object) -> None:
    """End without tearing the interpreter down.

    Freeing every module of SQLAlchemy, pydantic, Typer and Textual one by one takes 0.1 s
    or more, longer than most commands run. Every database was closed when its command or
    the app finished (each is opened in a `with` or a `finally`), and the app has given the
    terminal back, so what is left to do is flush the output.
    """
    import contextlib
    import os

    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("message") prints the message and fails
        print(code, file=sys.stderr)
        status = 1
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # `huddle ... | head`: the reader has all it wanted
        status = status or 1
    with contextlib.suppress(BrokenPipeError):
        sys.stderr.flush()
    os._exit(status)
