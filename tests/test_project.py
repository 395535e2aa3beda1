"""The rules of the code base, checked like any other behaviour."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


def _tool(name: str) -> str:
    found = Path(sys.executable).with_name(name)
    return str(found) if found.exists() else (shutil.which(name) or name)


def test_imports_point_one_way() -> None:
    """tui -> screens -> meeting -> storage; meeting and storage never import Textual."""
    result = subprocess.run([_tool("lint-imports")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("args", [["check", "."], ["format", "--check", "."]])
def test_ruff_is_clean(args: list[str]) -> None:
    result = subprocess.run([_tool("ruff"), *args], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_headless_packages_import_without_textual() -> None:
    code = (
        "import sys, tui, tui.cli, meeting.meetings, meeting.demo, storage.db;"
        "print('textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "False", out.stderr


def test_first_frame_needs_no_orm() -> None:
    """The home screen is drawn before SQLModel, pydantic and the table classes load."""
    code = (
        "import sys, tui.launch, tui.config, tui.app, storage.db;"
        "print(sorted(m for m in ('sqlmodel', 'pydantic', 'storage.models', 'sqlalchemy.orm')"
        " if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr
