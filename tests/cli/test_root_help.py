"""`huddle --help` lists the commands from `tui.cli_root` without building them: the list
must be the one the commands themselves would give."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from tui.cli import app
from tui.cli_root import asks_root_help, help_root


@pytest.mark.parametrize("width", [78, 50, 120])
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_root_help_is_the_full_commands_help(width: int, flag: str) -> None:
    full = CliRunner().invoke(app, [flag], terminal_width=width)
    listed = CliRunner().invoke(help_root(), [flag], terminal_width=width)
    assert full.exit_code == listed.exit_code == 0
    assert "Commands:" in full.output
    assert listed.output == full.output


@pytest.mark.parametrize(
    ("args", "asked"),
    [
        (["--help"], True),
        (["-h"], True),
        (["--db", "team.db", "--help"], True),
        (["--db=team.db", "--as", "Dana", "-h"], True),
        ([], False),
        (["--db", "--help"], False),  # --help is the file's name here
        (["actions", "--help"], False),
        (["--help", "actions"], False),
        (["--version", "--help"], False),
    ],
)
def test_only_the_roots_own_help_is_answered_from_the_list(args: list[str], asked: bool) -> None:
    assert asks_root_help(args) is asked
