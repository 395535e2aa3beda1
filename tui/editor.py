"""Text edited in the person's own editor ($VISUAL, then $EDITOR, then vi), as git does."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path

from meeting.foundations.errors import HuddleError


def edit_text(text: str, *, name: str, suffix: str = ".md") -> str | None:
    """The text as the editor left it, or None when it came back unchanged. `suffix` tells
    the editor what the text is (.md, .toml)."""
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    with tempfile.TemporaryDirectory(prefix="huddle-") as folder:
        path = Path(folder) / f"{name}{suffix}"
        path.write_text(text, encoding="utf-8")
        try:
            done = subprocess.run([*shlex.split(command), str(path)], check=False)
        except FileNotFoundError:
            raise HuddleError(
                f"no editor {command!r} (set $EDITOR, or give the text with --text or --file)"
            ) from None
        if done.returncode != 0:
            raise HuddleError(f"the editor exited with status {done.returncode}; nothing changed")
        edited = path.read_text(encoding="utf-8")
    return None if edited == text else edited
