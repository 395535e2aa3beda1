"""What `huddle serve` does with what arrives on a tab's WebSocket, and with its tabs when
it stops: raw clients on a real server, as a script on the network would talk to it."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from collections.abc import Coroutine
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import aiohttp
import pytest

from tests.browser.harness import Served

T = TypeVar("T")
GOING_AWAY = 1001  # the server is stopping: the page says the connection was lost


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    """`coroutine` on an event loop of its own thread (Playwright may hold this one's)."""
    with ThreadPoolExecutor(1) as elsewhere:
        return elsewhere.submit(asyncio.run, coroutine).result()


def socket_url(served: Served) -> tuple[str, dict[str, str]]:
    return f"ws://127.0.0.1:{served.port}/ws", {"Origin": f"http://127.0.0.1:{served.port}"}


def output(served: Served) -> str:
    assert served.process.stdout is not None and served.process.stderr is not None
    return served.process.stdout.read() + served.process.stderr.read()


NOT_FROM_THE_PAGE = [
    "not json",
    "[]",
    "{}",
    '"stdin"',
    '["stdin", 5]',
    '["resize", 3]',
    '["resize", {"width": "wide"}]',
    '["resize", {"width": 80}]',
]


def test_messages_huddles_page_never_sends_are_ignored_without_a_traceback(
    demo_copy: str,
) -> None:
    served = Served(demo_copy)

    async def talk() -> list[object]:
        url, headers = socket_url(served)
        async with (
            aiohttp.ClientSession() as session,
            session.ws_connect(url, headers=headers) as socket,
        ):
            for text in NOT_FROM_THE_PAGE:
                await socket.send_str(text)
            await socket.send_str('["ping", "still here"]')
            async for message in socket:
                if message.type == aiohttp.WSMsgType.TEXT:
                    return list(message.json())
            return ["closed", socket.close_code]

    try:
        answer = run(asyncio.wait_for(talk(), 30))
    finally:
        served.stop()
    assert answer == ["pong", "still here"]  # the session goes on
    assert "Traceback" not in output(served)


def hold_tabs(served: Served, count: int) -> tuple[ThreadPoolExecutor, Future[list[int | None]]]:
    """`count` tabs on `served`, held open until the server closes them: their close codes."""

    async def hold() -> list[int | None]:
        url, headers = socket_url(served)
        async with aiohttp.ClientSession() as session:

            async def one() -> int | None:
                async with session.ws_connect(url, headers=headers) as socket:
                    async for _ in socket:
                        pass
                    return socket.close_code

            return list(await asyncio.wait_for(asyncio.gather(*(one() for _ in range(count))), 60))

    elsewhere = ThreadPoolExecutor(1)
    held = elsewhere.submit(asyncio.run, hold())
    started = time.monotonic()
    while len(served.tab_processes()) < count:
        if held.done():
            held.result()  # what went wrong
        assert time.monotonic() - started < 30, "the tabs' huddle processes did not start"
        time.sleep(0.05)
    return elsewhere, held


def gone(pids: list[int], within: float) -> bool:
    started = time.monotonic()
    while any(Path(f"/proc/{pid}").exists() for pid in pids):
        if time.monotonic() - started > within:
            return False
        time.sleep(0.05)
    return True


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_stopping_the_server_closes_its_tabs_at_once(demo_copy: str, stop: signal.Signals) -> None:
    served = Served(demo_copy)
    try:
        elsewhere, held = hold_tabs(served, 2)
        tabs = served.tab_processes()
        started = time.monotonic()
        served.process.send_signal(stop)
        served.process.wait(timeout=20)
    finally:
        served.stop()
    elsewhere.shutdown(wait=False)
    assert time.monotonic() - started < 5, "the server took its time to stop"
    assert served.process.returncode == 0
    assert held.result(timeout=10) == [GOING_AWAY, GOING_AWAY]  # the pages reconnect
    assert gone(tabs, within=5)


def test_a_killed_server_leaves_no_huddle_behind(demo_copy: str) -> None:
    served = Served(demo_copy)
    try:
        elsewhere, _ = hold_tabs(served, 2)
        tabs = served.tab_processes()
    finally:
        served.process.kill()
    served.process.wait()
    elsewhere.shutdown(wait=False)
    survivors = [pid for pid in tabs if not gone([pid], within=5)]
    for pid in survivors:
        os.kill(pid, signal.SIGKILL)
    assert not survivors, "the tabs' huddle processes outlived their server"
