"""Opening a meeting from home paints its first frame before SQLModel, pydantic and the
table classes load (about 0.2 s of a cold open): the meeting, its agenda and its section are
read with Core (meeting/reads/). The ORM loads in the background once that frame is painted,
and keys pressed meanwhile wait for it, in order."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

CHILD = Path(__file__).with_name("first_frame_child.py")
ROOT = Path(__file__).resolve().parent.parent.parent


def test_a_meeting_opens_without_the_orm_and_then_takes_entries(
    demo_file: Path, tmp_path: Path
) -> None:
    path = tmp_path / "demo.db"
    shutil.copy(demo_file, path)
    run = subprocess.run(
        [sys.executable, str(CHILD), f"sqlite:///{path}"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert seen["loaded at home"] == []
    assert seen["loaded at the first frame"] == []
    assert seen["kind"] == "actions"  # the demo's latest meeting ended on its new actions
    # Pressed at once, while the ORM loads behind: each waits for it, in order.
    assert seen["status"] == "running"
    assert seen["section"] == seen["entry section"]
    assert "Slow handoffs" in seen["saved"]
    assert any("Slow handoffs" in row for row in seen["rows"])
