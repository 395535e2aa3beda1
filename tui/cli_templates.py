"""`huddle templates ...`: the agendas meetings start from. The built-in ones, and the
team's own, kept in the database as TOML so every terminal on it shares them."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from meeting.foundations.errors import HuddleError
from tui.cli_common import FormatOption, RawOption, clock, database, read_text_file
from tui.output import OutputFormat, emit, say

if TYPE_CHECKING:
    from meeting.catalog.template_files import Template

templates_app = typer.Typer(
    help="Agenda templates. List, show, add your own from a TOML file, edit, export, remove.",
    no_args_is_help=True,
)

KeyArgument = Annotated[
    str, typer.Argument(metavar="KEY", help="e.g. sync, alignment, ssc (see: list).")
]


@templates_app.command("list")
def templates_list(fmt: FormatOption = OutputFormat.table, raw: RawOption = False) -> None:
    """Every template. The built-in ones, the team's, and which team one replaces a
    built-in."""
    from meeting.catalog.template_store import list_templates

    with database() as db:
        rows = list_templates(db)
    emit([row.as_dict() for row in rows], fmt, empty="No templates.", raw=raw)


@templates_app.command("show")
def templates_show(
    key: KeyArgument, fmt: FormatOption = OutputFormat.table, raw: RawOption = False
) -> None:
    """One template's sections, in order. Kind, title, prompt, minutes, writing alone,
    anonymous."""
    from meeting.catalog.template_store import find_template

    with database() as db:
        template, source = find_template(db, key)
    records = [
        {
            "position": position,
            "key": spec.key,
            "kind": spec.kind.value,
            "title": spec.title,
            "prompt": spec.hint,
            "minutes": spec.minutes,
            "writing": spec.writing,
            "anonymous": spec.anonymous,
        }
        for position, spec in enumerate(template.sections, start=1)
    ]
    if fmt is OutputFormat.table:
        total = sum(spec.minutes for spec in template.sections)
        say(f"{template.key}: {template.name} ({source}, {total} min)")
        for record in records:
            for flag in ("writing", "anonymous"):
                record[flag] = "yes" if record[flag] else ""
    emit(records, fmt, empty="", raw=raw)


def _problems(exc: HuddleError) -> typer.Exit:
    """Every problem of a template file on its own line, then exit status 1."""
    from meeting.catalog.template_files import TemplateProblems

    lines = exc.problems if isinstance(exc, TemplateProblems) else [str(exc)]
    for line in lines:
        say(f"huddle: {line}", err=True)
    say("huddle: nothing was saved", err=True)
    return typer.Exit(1)


def _saved(template: Template, replaced: bool) -> None:
    minutes = sum(spec.minutes for spec in template.sections)
    did = "Replaced" if replaced else "Added"
    say(
        f"{did} template {template.key}: {template.name}, {len(template.sections)} sections, "
        f"{minutes} min (start one: huddle meeting start --template {template.key})"
    )


@templates_app.command("add")
def templates_add(
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="The template's TOML file (- for stdin).")
    ],
    replace: Annotated[
        bool,
        typer.Option("--replace", help="Put it in place of the template with its key."),
    ] = False,
) -> None:
    """Add a template from a TOML file. Checked whole first: every problem is listed with
    its line, and nothing is saved until there are none."""
    from meeting.catalog.template_store import save_template

    text = read_text_file(file)
    name = "stdin" if str(file) == "-" else file.name
    stem = None if str(file) == "-" else file.stem.lower()
    with database() as db:
        try:
            template, replaced = save_template(
                db, text, source=name, key=stem, replace=replace, clock=clock()
            )
        except HuddleError as exc:
            raise _problems(exc) from exc
    _saved(template, replaced)


@templates_app.command("edit")
def templates_edit(key: KeyArgument) -> None:
    """Edit a template in $EDITOR. A built-in one becomes the team's own version; it is
    checked before it is saved."""
    from meeting.catalog.template_store import save_template, template_text
    from tui.editor import edit_text

    with database() as db:
        text = template_text(db, key)
        while True:
            edited = edit_text(text, name=key, suffix=".toml")
            if edited is None:
                say(f"{key}: the template came back unchanged; nothing changed.")
                return
            try:
                template, _ = save_template(
                    db,
                    edited,
                    source=f"{key}.toml",
                    key=key,
                    keep_key=key,
                    replace=True,
                    clock=clock(),
                )
            except HuddleError as exc:
                _again(exc)
                text = edited
                continue
            break
    _saved(template, True)


def _again(exc: HuddleError) -> None:
    """Say what is wrong with an edit. In a terminal, `y` opens the editor again on the
    text as edited; anything else stops, saving nothing."""
    from meeting.catalog.template_files import TemplateProblems

    for line in exc.problems if isinstance(exc, TemplateProblems) else [str(exc)]:
        say(f"huddle: {line}", err=True)
    if not sys.stdin.isatty() or not typer.confirm("Edit it again?", default=False):
        say("huddle: nothing was saved", err=True)
        raise typer.Exit(1)


@templates_app.command("remove")
def templates_remove(key: KeyArgument) -> None:
    """Remove the team's template. Removing the team's version of a built-in brings the
    built-in back; one a series starts from stays."""
    from meeting.catalog.template_store import remove_template

    with database() as db:
        said = remove_template(db, key)
    say(said)


@templates_app.command("export")
def templates_export(
    key: KeyArgument,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File to write (default: standard output)."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the file.")] = False,
) -> None:
    """Write a template as TOML. `huddle templates add` takes it back as it is."""
    from meeting.catalog.template_store import export_text
    from meeting.foundations.text import visible
    from meeting.reports.export import minutes_mode, write_atomically

    with database() as db:
        text = export_text(db, key)
        mode = minutes_mode(db.path)
    if output is None or str(output) == "-":
        sys.stdout.write(visible(text) if sys.stdout.isatty() else text)
        return
    if output.is_dir():
        raise HuddleError(f"{output} is a folder (give a file name, e.g. {output / key}.toml)")
    if not output.parent.is_dir():
        raise HuddleError(f"folder {output.parent} does not exist (create it first)")
    write_atomically(output, text, force=force, mode=mode)
    say(f"Wrote {output}", err=True)
