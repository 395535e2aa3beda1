"""This process's own peak memory, as the kernel counts it for its address space.

`getrusage().ru_maxrss` will not do: Linux carries it across exec from the parent, so a
child started by a runner that has just built a 256 MiB database reports at least that,
whatever it uses itself. VmHWM in /proc/self/status belongs to this process's own memory
map and starts afresh at exec."""

from __future__ import annotations

import resource
from pathlib import Path


def own_peak_bytes() -> int:
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024  # reported in kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # elsewhere: the best there is


def peak_of(pid: int) -> int:
    """Another process's own peak memory (VmHWM), read from outside while it runs: how the
    runner measures huddle and its floors in their terminals."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmHWM for process {pid}")
