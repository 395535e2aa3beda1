"""A real `huddle serve`, real Chromium tabs on it (Debian's, driven by Playwright), and a
real tmux terminal beside them. A tab's screen is read the way the browser gets it: the
bytes its WebSocket receives, played into a terminal emulator (pyte) of the tab's size,
since the page draws the terminal on a canvas and holds no text to read."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pyte
from playwright.sync_api import Browser, Page, WebSocket

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Chromium as root in a closed network: no sandbox, no GPU, none of its calls home.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP huddle.test 127.0.0.1",  # a name that is not loopback
]
HUDDLE = str(Path(sys.executable).with_name("huddle"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Served:
    """`huddle --db DB serve ...` in a process of its own; `link` is what it printed."""

    def __init__(self, db: str, *options: str, env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        given = [option.replace("{port}", str(self.port)) for option in options]
        self.args = [HUDDLE, "--db", db, "serve", "--port", str(self.port), *given]
        self.env = {**os.environ, **(env or {})}
        self.start()

    def start(self) -> None:
        self.process = subprocess.Popen(
            self.args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=self.env
        )
        assert self.process.stdout is not None
        first = self.process.stdout.readline()
        if not first.startswith("Serving huddle on "):
            self.process.kill()
            said = self.process.stderr.read() if self.process.stderr else ""
            raise AssertionError(f"huddle serve did not start: {first}{said}")
        self.link = first.removeprefix("Serving huddle on ").strip()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def tab_processes(self) -> list[int]:
        """The huddle processes the server runs for its tabs."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        found = [int(pid) for pid in children.read_text().split()]
        return found


class Tab:
    """One browser tab on huddle, read off what its socket received."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.screen = pyte.Screen(80, 24)
        self.stream = pyte.ByteStream(self.screen)
        self.shown: set[str] = set()  # every line the tab has shown, at any moment
        page.on("websocket", self.watch)

    def watch(self, socket_: WebSocket) -> None:
        def received(payload: str | bytes) -> None:
            if isinstance(payload, bytes):
                self.stream.feed(payload)
                self.shown.update(self.screen.display)

        def sent(payload: str | bytes) -> None:
            if isinstance(payload, str) and payload.startswith('["resize"'):
                size = json.loads(payload)[1]
                self.screen.resize(size["height"], size["width"])

        socket_.on("framereceived", received)
        socket_.on("framesent", sent)

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    def ever_showed(self, text: str) -> bool:
        """Whether `text` was on the tab's screen at any moment, however briefly."""
        return any(text in line for line in self.shown)

    def wait(self, pattern: str, timeout: float = 15.0) -> float:
        """Seconds until `pattern` shows on the tab's terminal."""
        found = re.compile(pattern).search
        started = time.monotonic()
        while not found(self.text()):
            if time.monotonic() - started > timeout:
                raise AssertionError(f"{pattern!r} did not show within {timeout}s:\n{self.text()}")
            self.page.wait_for_timeout(20)  # Playwright delivers the socket's frames meanwhile
        return time.monotonic() - started

    def say_who(self, name: str) -> None:
        """Answer the first screen a browser gets: who sits at this tab."""
        self.wait(r"Who are you\?")
        self.type(name)
        self.keys("Enter")
        self.wait(rf"you are {name}")

    def keys(self, *keys: str) -> None:
        self.page.focus(".xterm-helper-textarea")  # where the terminal takes its keys
        for key in keys:
            self.page.keyboard.press(key)

    def type(self, text: str) -> None:
        self.page.focus(".xterm-helper-textarea")
        self.page.keyboard.type(text)


def open_tab(browser: Browser, url: str) -> Tab:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    tab = Tab(page)
    page.goto(url)
    return tab


class Terminal:
    """huddle in a tmux terminal beside the browsers: a tmux server of its own, started
    with this environment (a running server would give its sessions its own, HUDDLE_NOW
    and TZ included)."""

    def __init__(self, *command: str) -> None:
        self.tmux = ["tmux", "-L", f"huddle-test-{os.getpid()}-{time.monotonic_ns()}"]
        subprocess.run(
            [*self.tmux, "new-session", "-d", "-s", "t", "-x", "120", "-y", "40", *command],
            check=True,
        )

    def keys(self, *keys: str) -> None:
        subprocess.run([*self.tmux, "send-keys", "-t", "t", *keys], check=True)

    def type(self, text: str) -> None:
        subprocess.run([*self.tmux, "send-keys", "-t", "t", "-l", text], check=True)

    def text(self) -> str:
        return subprocess.run(
            [*self.tmux, "capture-pane", "-p", "-t", "t"], capture_output=True, text=True
        ).stdout

    def wait(self, pattern: str | Callable[[str], bool], timeout: float = 15.0) -> float:
        found = pattern if callable(pattern) else re.compile(pattern).search
        started = time.monotonic()
        while not found(self.text()):
            if time.monotonic() - started > timeout:
                raise AssertionError(f"{pattern!r} did not show within {timeout}s:\n{self.text()}")
            time.sleep(0.02)
        return time.monotonic() - started

    def close(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], capture_output=True)
