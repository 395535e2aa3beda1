"""Running `huddle` in-process, the way each CLI test file does."""

from __future__ import annotations

from typer.testing import CliRunner, Result

from tui.cli import app

runner = CliRunner()


def invoke(db: str, *args: str) -> Result:
    return runner.invoke(app, ["--db", db, *args])
