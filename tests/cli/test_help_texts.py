"""Every command's line in `huddle --help` and `huddle GROUP --help` is a whole sentence:
a longer first sentence of a command's help gets cut with '...'."""

from __future__ import annotations

from typer.testing import CliRunner

from tui.cli import app


def commands_listed(args: list[str]) -> dict[str, str]:
    """The Commands section of `huddle ARGS --help` in 80 columns (help is laid out in
    two fewer): name to its line."""
    shown = CliRunner().invoke(app, [*args, "--help"], terminal_width=78).output
    section = shown.split("Commands:\n", 1)[1] if "Commands:\n" in shown else ""
    listed: dict[str, str] = {}
    for line in section.splitlines():
        name, _, text = line.strip().partition(" ")
        if name and line.startswith("  ") and not line.startswith("    "):
            listed[name] = text.strip()
        elif name and listed:  # a wrapped line belongs to the command above
            last = list(listed)[-1]
            listed[last] += " " + line.strip()
    return listed


def test_command_lists_show_whole_sentences() -> None:
    top = commands_listed([])
    assert "export" in top and "actions" in top
    cut = [f"huddle {name}: {text}" for name, text in top.items() if "..." in text]
    for group in top:
        cut += [
            f"huddle {group} {name}: {text}"
            for name, text in commands_listed([group]).items()
            if "..." in text
        ]
    assert not cut, "\n".join(cut)
