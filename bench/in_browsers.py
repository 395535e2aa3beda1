"""`huddle serve` against huddle in a terminal: the scenarios that drive browser tabs.

Debian's Chromium (never a downloaded one) runs the tabs through Playwright's sync API, one
browser context per tab, as separate people would. A tab's screen is what its WebSocket
received, played into a terminal emulator (pyte) of the tab's size: the page draws the
terminal on a canvas and holds no text. A wait ends in the socket's frame handler, at the
frame that completes what is awaited, not at the next poll.

Playwright's sync API delivers events only while the runner is inside a Playwright call,
so the runner waits with `page.wait_for_timeout`, never `time.sleep`, while a tab is timed.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

from in_terminals import MiB, saved
from measure import HUDDLE, Result, result
from terminal import Terminal

from bench.floors.peak import peak_of

# Chromium as the browser tests run it: root, a closed network, no GPU.
from tests.browser.harness import CHROMIUM, CHROMIUM_FLAGS

# A tab of 120x40 cells at the page's 16 px font, the size of the runner's terminals; the
# terminal beside it takes whatever size the tab reports, so both draw the same screen.
VIEWPORT = {"width": 1085, "height": 735}
TABS = (5, 10, 15, 20)  # the room the product aims at is 20 browsers on one meeting
WITHIN = 1.0  # seconds: "it shows the others' entries within a second" (README)
IDLE = 20.0  # seconds of nobody typing, at the most tabs: one heartbeat (HEARTBEAT_SECONDS)


class Server:
    """`huddle --db DB serve` on a free port; its output drained so it never blocks."""

    def __init__(self, db: Path, max_sessions: int) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        command = [HUDDLE, "--db", str(db), "serve", "--port", str(port)]
        self.process = subprocess.Popen(
            [*command, "--max-sessions", str(max_sessions)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        assert self.process.stdout is not None
        first = self.process.stdout.readline()
        if not first.startswith("Serving huddle on "):
            self.process.kill()
            raise RuntimeError(f"huddle serve did not start: {first}{self.process.stdout.read()}")
        self.link = first.removeprefix("Serving huddle on ").strip()
        self.said: list[str] = []
        threading.Thread(target=self.drain, daemon=True).start()

    def drain(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.said.append(line)

    def tabs(self) -> list[int]:
        """The huddle processes the server runs for its tabs."""
        found: list[int] = []
        for task in Path(f"/proc/{self.process.pid}/task").iterdir():
            try:
                found += [int(pid) for pid in (task / "children").read_text().split()]
            except FileNotFoundError:  # a thread that has just ended
                continue
        return found

    def peak(self) -> int:
        return peak_of(self.process.pid)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Tab:
    """A browser tab on huddle, read off what its socket receives.

    Frames are kept as they come and played into the screen when it is read, except while a
    wait is armed: then each frame is checked as it arrives and the moment recorded."""

    def __init__(self, browser, link: str) -> None:  # type: ignore[no-untyped-def]
        import pyte

        self.context = browser.new_context(viewport=VIEWPORT)
        self.page = self.context.new_page()
        self.size = (80, 24)
        self.screen = pyte.Screen(80, 24)
        self.stream = pyte.ByteStream(self.screen)
        self.pending: list[bytes] = []
        self.tail = b""
        self.needle = b""  # bytes awaited in the frames, when armed that way
        self.check: Callable[[str], bool] | None = None  # or a test of the whole screen
        self.seen = 0.0  # perf_counter() at the frame that completed the armed wait
        self.frames: list[tuple[float, int]] = []  # when each frame came, and its size
        self.page.on("websocket", self.watch)
        self.page.goto(link)

    def watch(self, socket_) -> None:  # type: ignore[no-untyped-def]
        import json

        def received(payload: str | bytes) -> None:
            # The moment it arrived, before the runner's own work on it (pyte takes
            # milliseconds for a full screen) can count against the tab.
            arrived = time.perf_counter()
            if not isinstance(payload, bytes):
                return
            self.frames.append((arrived, len(payload)))
            if self.needle:
                if self.needle in self.tail + payload:
                    self.seen = arrived
                    self.needle = b""
                self.tail = payload[-200:]
            self.pending.append(payload)
            if self.check is not None and self.check(self.text()):
                self.seen = arrived
                self.check = None

        def sent(payload: str | bytes) -> None:
            if isinstance(payload, str) and payload.startswith('["resize"'):
                size = json.loads(payload)[1]
                self.flush()
                self.size = (size["width"], size["height"])
                self.screen.resize(size["height"], size["width"])

        socket_.on("framereceived", received)
        socket_.on("framesent", sent)

    def flush(self) -> None:
        pending, self.pending = self.pending, []
        for payload in pending:
            self.stream.feed(payload)

    def text(self) -> str:
        self.flush()
        return "\n".join(line.rstrip() for line in self.screen.display)

    def wait(self, pattern: str, timeout: float = 30.0) -> None:
        found = re.compile(pattern).search
        started = time.perf_counter()
        while not found(self.text()):
            if time.perf_counter() - started > timeout:
                raise RuntimeError(f"{pattern!r} did not show in a tab:\n{self.text()}")
            self.page.wait_for_timeout(20)  # frames are delivered meanwhile

    def arm(self, *, needle: str = "", check: Callable[[str], bool] | None = None) -> None:
        """From now, note the moment a frame carries `needle` or completes `check`."""
        self.flush()
        self.tail, self.seen = b"", 0.0
        self.needle, self.check = needle.encode(), check

    def focus(self) -> None:
        self.page.focus(".xterm-helper-textarea")  # where the terminal takes its keys

    def keys(self, *keys: str) -> None:
        self.focus()
        for key in keys:
            self.page.keyboard.press(key)

    def say_who(self, name: str) -> None:
        """Answer a browser's first screen, who sits at this tab: each tab a person of its
        own (a new name is added to sales), as in a room of people."""
        self.wait(r"Who are you\?")
        self.focus()
        self.page.keyboard.type(name)
        self.wait(re.escape(name))
        self.keys("Enter")
        self.wait(r"Running")

    def close(self) -> None:
        self.context.close()


def until_seen(tabs: list[Tab], timeout: float = 20.0) -> None:
    """Stay in Playwright calls until every armed tab has seen what it awaits."""
    started = time.perf_counter()
    while not all(tab.seen for tab in tabs):
        if time.perf_counter() - started > timeout:
            late = [tab for tab in tabs if not tab.seen]
            raise RuntimeError(f"{len(late)} tab(s) did not show it:\n{late[0].text()}")
        tabs[0].page.wait_for_timeout(2)


def running_meeting(path: Path, entries: int) -> None:
    """A running meeting whose What's broken holds `entries` entries."""
    from meeting.agenda.meetings import get_meeting, start_meeting
    from meeting.entries.items import add_item
    from meeting.foundations.clock import Clock
    from storage.opening import open_database

    for leftover in path.parent.glob(f"{path.name}*"):
        leftover.unlink()
    db = open_database(f"sqlite:///{path}")
    clock = Clock()
    meeting_id, _ = start_meeting(
        db, clock=clock, facilitator="Dana", create_series_if_missing=True
    )
    broken = get_meeting(db, meeting_id).sections[3].id
    for n in range(entries):
        add_item(db, broken, f"Existing entry {n}", team="sales", clock=clock)
    db.dispose()


def to_broken(screen: Tab | Terminal) -> None:
    """From home to the running meeting's What's broken."""
    screen.wait(r"Running")
    screen.keys("r")
    screen.wait(r"· running ·")
    screen.keys("4")
    screen.wait(r"4\. What's broken")


def pause(tab: Tab, seconds: float) -> None:
    tab.page.wait_for_timeout(seconds * 1000)


# ---------------------------------------------------------------- keystroke and memory


def keystroke(browser, folder: Path, rounds: int) -> list[Result]:  # type: ignore[no-untyped-def]
    """An entry added on What's broken (200 entries, as in `add entry`): `enter` until the
    entry is in the table and the add line empty, in a tab and in a terminal on the same
    database, turn about; then the peak memory of the tab's huddle, the terminal's and the
    server's. Fresh pairs of 8 entries each, so memory has more than one sample."""
    path = folder / "browser.db"
    running_meeting(path, 200)
    server = Server(path, max_sessions=30)
    ours: list[float] = []
    base: list[float] = []
    memory: dict[str, list[float]] = {"tab": [], "terminal": [], "server": []}
    try:
        for pair in range(max(1, rounds // 8)):
            tab = Tab(browser, server.link)
            tab.say_who(f"Tab {pair}")
            width, height = tab.size
            terminal = Terminal(HUDDLE, "--db", str(path), width=width, height=height)
            try:
                to_broken(tab)
                to_broken(terminal)
                tab.keys("a")
                tab.wait(r"Add:")
                terminal.keys("a")
                terminal.wait(r"Add:")
                for number in range(8):
                    sides = ["tab", "terminal"] if number % 2 else ["terminal", "tab"]
                    for side in sides:
                        text = f"Entry {pair}-{number} typed in the {side}"
                        if side == "tab":
                            ours.append(in_tab(tab, text))
                        else:
                            base.append(in_terminal(terminal, text))
                        # The other side reloads the section too (live refresh, ten times
                        # a second), below its screen's last row: let it finish first.
                        pause(tab, 0.6)
                (process,) = server.tabs()
                memory["tab"].append(peak_of(process))
                memory["terminal"].append(terminal.peak())
                memory["server"].append(server.peak())
            finally:
                tab.close()
                terminal.close()
                ended = time.perf_counter()
                while server.tabs() and time.perf_counter() - ended < 10:
                    time.sleep(0.05)
    finally:
        server.stop()
    size = {"unit": "MiB", "scale": 1 / MiB}
    return [
        result("browser entry", ours, base, max_ratio=1.5),
        result("memory tab", memory["tab"], memory["terminal"], extra=10 * MiB, **size),
        result("memory serve", memory["server"], memory["terminal"], extra=0, **size),
    ]


def in_tab(tab: Tab, text: str) -> float:
    tab.page.keyboard.type(text)
    tab.wait(r"Add: " + re.escape(text))
    pause(tab, 0.1)
    tab.arm(check=saved(text))
    started = time.perf_counter()
    tab.page.keyboard.press("Enter")
    until_seen([tab])
    return tab.seen - started


def in_terminal(terminal: Terminal, text: str) -> float:
    terminal.text(text)
    terminal.wait(r"Add: " + re.escape(text))
    time.sleep(0.1)
    return terminal.timed(saved(text), "Enter")


# ---------------------------------------------------------------- a room of tabs


def room(browser, folder: Path, rounds: int, terminal_peak: list[float]) -> list[Result]:  # type: ignore[no-untyped-def]
    """Tabs opened on one running meeting, 5 at a time up to 20; at each count an entry is
    typed in the first tab, and timed until every tab shows it (the slowest tab), against
    the typing tab showing its own. The room holds N tabs when, at N and every count below,
    the slowest tab shows it within a second (the median round). Then the server's own peak
    memory with 20 tabs, against a huddle in a terminal (from `keystroke`)."""
    path = folder / "room.db"
    running_meeting(path, 0)
    server = Server(path, max_sessions=max(TABS) + 5)
    tabs: list[Tab] = []
    rows: list[Result] = []
    spent: list[str] = []
    held = 0
    try:
        for count in TABS:
            fresh = [Tab(browser, server.link) for _ in range(count - len(tabs))]
            for number, tab in enumerate(fresh, start=len(tabs)):
                tab.say_who(f"Guest {number}")
                to_broken(tab)
            tabs += fresh
            typing, others = tabs[0], tabs[1:]
            if len(tabs) == len(fresh):
                typing.keys("a")
                typing.wait(r"Add:")
            pause(typing, 1.0)  # the newcomers' "Here too" settles
            slowest: list[float] = []
            own: list[float] = []
            cpu = dict.fromkeys(CPU_GROUPS, 0.0)
            for number in range(rounds):
                text = f"Seen by {count} tabs, round {number}"
                typing.focus()
                typing.page.keyboard.type(text)
                typing.wait(r"Add: " + re.escape(text))
                pause(typing, 0.1)
                typing.arm(check=saved(text))
                for tab in others:
                    tab.arm(needle=text)
                before = cpu_seconds(server)
                started = time.perf_counter()
                typing.page.keyboard.press("Enter")
                until_seen(tabs)
                after = cpu_seconds(server)
                own.append(typing.seen - started)
                slowest.append(max(tab.seen for tab in tabs) - started)
                for group in cpu:
                    cpu[group] += (after[group] - before[group]) / rounds
                for tab in others:  # what the frame carried is on the tab's screen
                    if text not in tab.text():
                        raise RuntimeError(f"a tab received {text!r} but does not show it")
                pause(typing, 0.5)
            row = result(f"{count} tabs see it", slowest, own, max_value=WITHIN)
            rows.append(row)
            spent.append(
                f"{count:>6} tabs  wait {row.median / 1000:.2f}s  CPU in it: "
                + "  ".join(f"{group} {seconds:.2f}s" for group, seconds in cpu.items())
            )
            if row.passed and held == len(tabs) - len(fresh):  # and every count below
                held = count
        # Nobody typing for one heartbeat (each tab says where it is once): what the room
        # costs at rest, which grows with the square of the tabs if a heartbeat re-reads.
        before = cpu_seconds(server)
        pause(tabs[0], IDLE)
        after = cpu_seconds(server)
        spent.append(
            f"{len(tabs):>6} tabs  idle {IDLE:.0f}s, nobody typing: "
            + "  ".join(
                f"{group} {(after[group] - before[group]) / IDLE:.2f} of a core"
                for group in CPU_GROUPS
            )
        )
        aim = max(TABS)
        rows.append(
            Result("tabs held", "", held, held, held, aim, held / aim, f">= {aim}", held >= aim)
        )
        rows.append(
            result(
                f"memory serve {aim}",
                [server.peak()],
                terminal_peak,
                extra=0,
                unit="MiB",
                scale=1 / MiB,
            )
        )
    finally:
        for tab in tabs:
            tab.close()
        server.stop()
    print("where the CPU went while the room waited (mean of the rounds):")
    print("\n".join(spent), flush=True)
    return rows


CPU_GROUPS = ("tab huddles", "serve", "browser", "runner")
TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(server: Server) -> dict[str, float]:
    """CPU time so far of the tabs' huddle processes, the server, the browser (Chromium and
    Playwright's driver: everything else this runner started) and the runner itself."""

    def used(pid: int) -> float:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            return 0.0
        return (int(fields[11]) + int(fields[12])) / TICK

    tabs = set(server.tabs())
    mine = descendants(os.getpid()) - tabs - {server.process.pid}
    return {
        "tab huddles": sum(map(used, tabs)),
        "serve": used(server.process.pid),
        "browser": sum(map(used, mine)),
        "runner": used(os.getpid()),
    }


def descendants(pid: int) -> set[int]:
    found: set[int] = set()
    waiting = [pid]
    while waiting:
        parent = waiting.pop()
        try:
            tasks = list(Path(f"/proc/{parent}/task").iterdir())
        except FileNotFoundError:
            continue
        for task in tasks:
            try:
                children = [int(child) for child in (task / "children").read_text().split()]
            except FileNotFoundError:
                continue
            found.update(children)
            waiting += children
    return found


# ---------------------------------------------------------------- the group


def in_browsers(folder: Path, rounds: int) -> list[Result]:
    """The browser group: one Chromium for every tab, each tab a context of its own."""
    from playwright.sync_api import sync_playwright

    if not os.access(CHROMIUM, os.X_OK):
        raise SystemExit("the browser benchmarks need Chromium: apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            rows = keystroke(browser, folder, rounds)
            terminal_peak = [rows[1].floor * MiB]  # the huddle in a terminal, at its median
            rows += room(browser, folder, 3 if rounds <= 16 else 5, terminal_peak)
        finally:
            browser.close()
    return rows
