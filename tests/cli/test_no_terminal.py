"""Run from a script (no terminal): the TUI is refused in one line, and the commands that
open it after their work do that work and open nothing. The installed command, as a
script runs it: standard input and output are not a terminal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HUDDLE = str(Path(sys.executable).with_name("huddle"))


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_DRIVER"}
    env["XDG_DATA_HOME"] = str(tmp_path)
    return subprocess.run(
        [HUDDLE, "--db", str(tmp_path / "h.db"), *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_without_a_terminal_the_tui_is_refused_and_the_work_is_done(tmp_path: Path) -> None:
    demo = run(tmp_path, "demo")
    assert demo.returncode == 0, demo.stderr
    assert "not opened: no terminal here" in demo.stderr
    started = run(tmp_path, "meeting", "start", "--facilitator", "Dana")
    assert started.returncode == 0, started.stderr
    assert "Started Weekly sync" in started.stderr + started.stdout
    listed = run(tmp_path, "meeting", "list", "--format", "json")
    assert '"running"' in listed.stdout
    bare = run(tmp_path)
    assert bare.returncode == 1
    assert bare.stderr.strip().splitlines() == [
        "huddle: the TUI needs a terminal, and standard input or output is not one "
        "(the other commands run without: huddle --help)"
    ]
