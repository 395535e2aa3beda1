"""The `huddle` command's entry point.

Bare `huddle` (or `huddle --db PATH`) opens the TUI straight away, without building the
whole Typer command tree; everything else goes to the Typer app in `tui.cli`.
"""

from __future__ import annotations

import sys


def tui_only(args: list[str]) -> tuple[bool, str | None]:
    """Whether the arguments ask for nothing but the TUI, and the --db value if given."""
    if not args:
        return True, None
    if len(args) == 2 and args[0] == "--db" and not args[1].startswith("-"):
        return True, args[1]
    if len(args) == 1 and args[0].startswith("--db=") and len(args[0]) > 5:
        return True, args[0][5:]
    return False, None


def main() -> None:
    wanted, db_value = tui_only(sys.argv[1:])
    if not wanted:
        from tui.cli import main as cli_main

        cli_main()
        return
    from pathlib import Path

    from storage.errors import DatabaseError
    from tui.config import chosen_db, ensure_default_folder, to_url

    chosen, is_default = chosen_db(db_value)
    try:
        if is_default:
            ensure_default_folder(Path(chosen))
        from tui.app import run_app

        run_app(to_url(chosen))
    except DatabaseError as exc:
        print(f"huddle: {exc}", file=sys.stderr)
        raise SystemExit(1) from None
