"""Several huddle commands in one process, each as `huddle ARGS` runs it, with a line
between their outputs: run by the terminal tests under a pseudo-terminal. Starting the
command costs most of a second, and the hostile-output walk runs forty of them. (The
launcher's own `main` ends the process once its command is done: this calls the one
behind it.)"""

from __future__ import annotations

import contextlib
import json
import sys

from tui.cli import main

BETWEEN = "--- the next command ---"


def run_all(commands: list[list[str]]) -> None:
    for args in commands:
        sys.argv = ["huddle", *args]
        with contextlib.suppress(SystemExit):  # every command ends so, with its exit code
            main()
        sys.stderr.flush()
        print(f"\n{BETWEEN}", flush=True)


if __name__ == "__main__":
    run_all(json.loads(sys.argv[1]))
