"""The benchmarks' memory figure is the measured process's own: it moves by what that
process allocates, and a parent's memory (the runner's, holding a big database) is not
in it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

MiB = 1024 * 1024
FLOORS = Path(__file__).parents[1] / "bench" / "floors"
CHILD = """
import sys
sys.path.insert(0, sys.argv[1])
from peak import own_peak_bytes
size = int(sys.argv[2])
block = bytearray(size)
block[::4096] = b"\\x01" * len(range(0, size, 4096))  # touched: resident, not just reserved
print(own_peak_bytes())
"""


def touched(size: int) -> bytearray:
    block = bytearray(size)
    block[::4096] = b"\x01" * len(range(0, size, 4096))
    return block


def peak_of_a_child(allocating: int) -> int:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(FLOORS), str(allocating)],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(out.stdout.strip())


def test_a_child_allocating_50_mib_is_caught_and_its_parent_is_not_counted() -> None:
    hog = touched(200 * MiB)  # the runner, after building the big database
    idle, busy = peak_of_a_child(0), peak_of_a_child(50 * MiB)
    assert len(hog) == 200 * MiB
    assert busy - idle >= 45 * MiB, (idle, busy)
    assert idle < 100 * MiB, idle  # getrusage's ru_maxrss would say 200 MiB or more here


APP = """
import sys, time
size = int(sys.argv[1])
block = bytearray(size)
block[::4096] = b"\\x01" * len(range(0, size, 4096))
print("ready", flush=True)
sys.stdin.readline()  # stays up, as an app in its terminal does, until told to go
"""


def peak_of_a_running_app(allocating: int) -> int:
    """How the runner reads huddle in its terminal: from outside, by pid, while it runs."""
    sys.path.insert(0, str(FLOORS))
    from peak import peak_of  # type: ignore[import-not-found]  # bench/floors, on sys.path here

    app = subprocess.Popen(
        [sys.executable, "-c", APP, str(allocating)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert app.stdout is not None and app.stdout.readline().strip() == "ready"
        return peak_of(app.pid)
    finally:
        app.communicate("\n", timeout=10)


def test_a_running_app_allocating_50_mib_is_caught_from_outside() -> None:
    hog = touched(200 * MiB)
    idle, busy = peak_of_a_running_app(0), peak_of_a_running_app(50 * MiB)
    assert len(hog) == 200 * MiB
    assert busy - idle >= 45 * MiB, (idle, busy)
    assert idle < 100 * MiB, idle
