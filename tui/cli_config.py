"""`huddle config ...`: your personal settings (tui/personal.py), not the team's."""

from __future__ import annotations

from typing import Annotated

import typer

from tui.output import say
from tui.personal import SETTINGS, Personal, config_path, read_personal, setting, write_value

config_app = typer.Typer(
    help="Your personal settings, not the team's. Kept in a file of your own; the team's "
    "are in the database (`huddle db timezone`).",
    no_args_is_help=True,
)

KeyArgument = Annotated[
    str, typer.Argument(metavar="KEY", help=f"A setting: {', '.join(SETTINGS)}.")
]


def read_and_warn() -> Personal:
    """The settings; a value the file holds that huddle cannot take is said on stderr."""
    found = read_personal()
    for problem in found.problems:
        say(f"huddle: warning: {problem}", err=True)
    if found.unknown:
        names = ", ".join(found.unknown)
        say(
            f"huddle: warning: {config_path()} holds settings huddle does not know, left as "
            f"they are: {names} (the known ones are {', '.join(SETTINGS)})",
            err=True,
        )
    return found


@config_app.command("list")
def config_list() -> None:
    """Every setting, its value, and whether it is yours or the default."""
    found = read_and_warn()
    width = max(len(key) for key in SETTINGS)
    for key, known in SETTINGS.items():
        value = found.value(key)
        whose = "set" if key in found.chosen else "default"
        choices = "|".join(known.choices) or "text"
        say(f"{key:<{width}}  {value or '-':<5} {whose:<8} {known.says} ({choices})")


@config_app.command("get")
def config_get(key: KeyArgument) -> None:
    """Print a setting's value (its default when not set)."""
    known = setting(key)
    say(read_and_warn().value(known.key))


@config_app.command("set")
def config_set(
    key: KeyArgument,
    value: Annotated[
        str, typer.Argument(metavar="VALUE", help="bell: on or off; smtp_host: a host name; ...")
    ],
) -> None:
    """Set a setting. The file is made on the first one."""
    known = setting(key)
    word = known.checked(value)
    found = read_personal()
    if found.chosen.get(known.key) == word:
        say(f"{known.key} is already {word}; nothing changed.")
        return
    was = found.value(known.key)
    write_value(known.key, word)
    say(
        f"{known.key} is now {word} (was {was}), in {config_path()}; a huddle already open "
        "uses it when started again."
    )


@config_app.command("unset")
def config_unset(key: KeyArgument) -> None:
    """Take a setting out of the file: its default holds again."""
    known = setting(key)
    found = read_personal()
    if known.key not in found.held:
        say(
            f"{known.key} is not set; it is {known.default or 'empty'}, the default. "
            "Nothing changed."
        )
        return
    write_value(known.key, None)
    say(f"{known.key} is back to its default, {known.default or 'empty'}.")


@config_app.command("path")
def config_file() -> None:
    """Print where your settings are kept (nothing is created)."""
    path = config_path()
    say(str(path))
    if not path.exists():
        say("huddle: not made yet: the first `huddle config set` makes it", err=True)
