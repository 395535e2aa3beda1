"""What `huddle serve` does with what arrives on a tab's WebSocket, and with its tabs when
it stops: raw clients on a real server, as a script on the network would talk to it."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import aiohttp

from tests.browser.harness import Served

T = TypeVar("T")


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
