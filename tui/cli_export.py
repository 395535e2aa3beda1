"""`huddle export`: minutes of one meeting, or of all of them, as Markdown files."""

import gc
import sys
from itertools import chain
from pathlib import Path
from typing import Annotated

import typer

from meeting.foundations.text import counted
from tui.cli_common import clock, database
from tui.output import say


def export(
    meeting: Annotated[
        str, typer.Argument(help="A meeting id, a date (2026-11-23) or latest.")
    ] = "latest",
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", help="File to write, or - for standard output (the default)."
        ),
    ] = None,
    all_meetings: Annotated[
        bool, typer.Option("--all", help="Every meeting, one file each (needs --dir).")
    ] = False,
    directory: Annotated[
        Path | None,
        typer.Option("--dir", help="Folder for --all (created if missing)."),
    ] = None,
    series: Annotated[str | None, typer.Option("--series", "-s", help="Only this series.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
) -> None:
    """Export minutes as Markdown. They render exactly as typed, in wikis, pull requests
    and chat."""
    from meeting.foundations.errors import HuddleError

    if all_meetings:
        if directory is None:
            raise HuddleError("--all needs --dir DIR (the folder to write the files into)")
        if output is not None:
            raise HuddleError("--all writes one file per meeting into --dir; drop -o")
        if str(directory) == "-":  # the usual name of standard output, never a folder's
            raise HuddleError(
                "--all writes one file per meeting; --dir - is no folder (give a folder, "
                "or export one meeting to standard output: huddle export MEETING)"
            )
        export_all(directory, series=series, force=force)
        return
    if directory is not None:
        raise HuddleError("--dir goes with --all; for one meeting use -o FILE")
    export_one(meeting, output, series=series, force=force)


def export_one(ref: str, output: str | None, *, series: str | None, force: bool) -> None:
    from meeting.foundations.text import visible
    from meeting.reads.recorded import find_meeting, recorded_minutes
    from meeting.reports.export import check_target, minutes_mode, write_atomically

    target = None if output is None or output == "-" else Path(output)
    if target is not None:
        check_target(target, force=force)  # before any work
    with database() as db:
        meeting_id = find_meeting(db, ref, series=series, clock=clock())
        text = recorded_minutes(db, [meeting_id]).get(meeting_id)
        if text is None:  # still running (or ended before minutes were kept): built now
            from meeting.reports.minutes import minutes_markdown

            text = minutes_markdown(db, meeting_id, today=clock().today())
        mode = minutes_mode(db.path)
    if target is None:
        # A terminal gets control characters made visible; a pipe gets the exact text.
        sys.stdout.write(visible(text) if sys.stdout.isatty() else text)
        return
    write_atomically(target, text, force=force, mode=mode)
    say(f"Wrote {target}", err=True)


def export_all(directory: Path, *, series: str | None, force: bool) -> None:
    # Every meeting's minutes are hundreds of thousands of small objects without cycles: the
    # cyclic garbage collector would walk them over and over, for half the run, for nothing.
    gc.disable()
    try:
        _export_all(directory, series=series, force=force)
    finally:
        gc.enable()


def _export_all(directory: Path, *, series: str | None, force: bool) -> None:
    from meeting.agenda.lookup import list_meetings
    from meeting.foundations.errors import HuddleError
    from meeting.reads.recorded import recorded_minutes
    from meeting.reports.export import (
        make_folder,
        minutes_mode,
        remove_folders,
        write_many_atomically,
    )
    from meeting.reports.file_names import file_names, names_by_id
    from meeting.reports.minutes import render
    from meeting.reports.minutes_bulk import collect_all

    if directory.exists() and not directory.is_dir():
        raise HuddleError(
            f"{directory} is a file, not a folder (give another --dir, or move the file)"
        )
    today = clock().today()
    with database() as db:
        rows = list(reversed(list_meetings(db, series=series)))
        if not rows:
            raise HuddleError("no meetings to export (start one: huddle meeting start)")
        # A name depends on every meeting of its day, whatever the series: the same names
        # with --series or without.
        if series is None:
            names = file_names((row.id, row.date, row.series) for row in rows)
        else:
            names = names_by_id(db)
        paths = {row.id: directory / names[row.id] for row in rows}
        existing = [p for p in paths.values() if p.exists()]
        if existing and not force:
            shown = ", ".join(p.name for p in existing[:3])
            more = f" and {len(existing) - 3} more" if len(existing) > 3 else ""
            raise HuddleError(
                f"{counted(len(existing), 'file')} exist already in {directory} ({shown}{more}); "
                "nothing was written (use --force to overwrite them)"
            )
        mode = minutes_mode(db.path)
        created = make_folder(directory)
        try:
            # Ended meetings as recorded when they ended; the others as they stand now.
            recorded = recorded_minutes(db, list(paths))
            live = collect_all(db, [i for i in paths if i not in recorded], today=today)
            minutes = chain(recorded.items(), ((data.meeting.id, render(data)) for data in live))
            show_progress = len(paths) > 20 and sys.stderr.isatty()
            with typer.progressbar(
                minutes,
                length=len(paths),
                label="Exporting",
                file=sys.stderr,
                hidden=not show_progress,
            ) as progress:
                written = write_many_atomically(
                    ((paths[meeting_id], text) for meeting_id, text in progress),
                    force=True,
                    mode=mode,
                )
        except BaseException:
            remove_folders(created)
            raise
    new = " (a new folder)" if created else ""
    say(f"Wrote {counted(written, 'file')} to {directory}{new}", err=True)
