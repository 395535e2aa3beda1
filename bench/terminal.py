"""huddle, or a floor, in a real terminal: a tmux session of its own, driven by keys and
timed until its screen shows what is awaited."""

from __future__ import annotations

import os
import re
import subprocess
import time
from collections.abc import Callable


class Terminal:
    """huddle in a tmux terminal of its own, driven by keys and read off its screen."""

    def __init__(self, *command: str, width: int = 120, height: int = 40) -> None:
        self.name = f"bench{os.getpid()}{time.monotonic_ns()}"
        start = ["tmux", "new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height)]
        for attempt in range(3):
            # A tmux server whose last session just closed may still be on its way out.
            if subprocess.run([*start, *command], capture_output=True).returncode == 0:
                return
            time.sleep(0.1 * (attempt + 1))
        subprocess.run([*start, *command], check=True)

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def text(self, text: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, "-l", text], check=True)

    def screen(self) -> str:
        return subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
        ).stdout

    def wait(self, pattern: str | Callable[[str], bool], timeout: float = 20.0) -> float:
        """Seconds until `pattern` (a regular expression, or a test of the whole screen)
        shows on this terminal's screen."""
        shows = pattern if callable(pattern) else re.compile(pattern).search
        started = time.perf_counter()
        while time.perf_counter() - started < timeout:
            if shows(self.screen()):
                return time.perf_counter() - started
            time.sleep(0.005)
        raise RuntimeError(f"{pattern!r} did not show within {timeout}s:\n{self.screen()}")

    def peak(self) -> int:
        """The app's own peak memory so far (VmHWM of the process in the terminal)."""
        from bench.floors.peak import peak_of

        pid = subprocess.run(
            ["tmux", "display", "-p", "-t", self.name, "#{pane_pid}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        return peak_of(int(pid))

    def timed(self, pattern: str | Callable[[str], bool], *keys: str, literal: str = "") -> float:
        """Seconds from sending `keys` (then `literal` text) until `pattern` shows."""
        started = time.perf_counter()
        if keys:
            self.keys(*keys)
        if literal:
            self.text(literal)
        self.wait(pattern)
        return time.perf_counter() - started

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)
