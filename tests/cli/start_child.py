"""Run by test_concurrent_start.py, three at once: load huddle, wait for the go signal
(a file appearing), then run `huddle meeting start`, so the three starts meet in the
database at the same moment rather than one process start-up apart."""

from __future__ import annotations

import os
import sys
import time

import meeting.agenda.meetings  # noqa: F401  loaded before the signal, as the command would
import storage.db  # noqa: F401
from tui.cli import main

if __name__ == "__main__":
    go = sys.argv[1]
    open(f"{go}.ready-{os.getpid()}", "w").close()
    while not os.path.exists(go):
        time.sleep(0.0005)
    sys.argv = ["huddle", *sys.argv[2:]]
    main()
