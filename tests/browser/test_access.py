"""Who may open huddle from a browser: on loopback anyone on this machine; on any other
address only a browser that came with the link's access code; from any address, only a
page of huddle's own (the WebSocket's Origin), and no more tabs than the cap."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urljoin

import aiohttp
import pytest
from playwright.sync_api import Browser

from tests.browser.harness import HUDDLE, Served, open_tab
from tests.postgres import PostgresServer


@pytest.fixture
def on_loopback(demo_copy: str) -> Iterator[Served]:
    served = Served(demo_copy)
    yield served
    served.stop()


@pytest.fixture
def on_the_network(demo_copy: str) -> Iterator[Served]:
    """Served as behind a reverse proxy: listening on loopback, reached by another name."""
    served = Served(demo_copy, "--public-url", "http://huddle.test:{port}")
    yield served
    served.stop()


def socket_status(url: str, origin: str | None, cookies: dict[str, str] | None = None) -> int:
    """What the server answers a WebSocket opened from `origin`: 101 when it opens."""

    async def attempt() -> int:
        headers = {"Origin": origin} if origin else {}
        async with aiohttp.ClientSession(cookies=cookies or {}) as session:
            try:
                async with session.ws_connect(url, headers=headers) as socket:
                    await socket.close()
                    return 101
            except aiohttp.WSServerHandshakeError as refused:
                return refused.status

    with ThreadPoolExecutor(1) as elsewhere:  # Playwright holds this thread's event loop
        return elsewhere.submit(asyncio.run, attempt()).result()


def test_on_loopback_the_page_opens_without_a_code(on_loopback: Served, browser: Browser) -> None:
    assert "token" not in on_loopback.link
    tab = open_tab(browser, on_loopback.link)
    tab.wait(r"Who are you\?")
    assert tab.page.context.cookies()[0]["httpOnly"]


def test_a_network_address_needs_the_links_code(on_the_network: Served, browser: Browser) -> None:
    link = on_the_network.link
    assert link.startswith(f"http://huddle.test:{on_the_network.port}/?token=")
    bare = open_tab(browser, link.split("?")[0])
    assert "needs its access code" in bare.page.content()
    wrong = open_tab(browser, link[:-4] + "xxxx")
    assert "Wrong link" in wrong.page.content()
    right = open_tab(browser, link)
    right.wait(r"Who are you\?")
    # The code left the address bar for a cookie that scripts cannot read.
    assert right.page.url == f"http://huddle.test:{on_the_network.port}/"
    access = {c["name"]: c for c in right.page.context.cookies()}["huddle_access"]
    assert access["httpOnly"] and access["sameSite"] == "Strict"


def test_a_page_from_another_site_cannot_open_a_session(
    on_loopback: Served, on_the_network: Served, browser: Browser
) -> None:
    url = f"ws://127.0.0.1:{on_loopback.port}/ws"
    assert socket_status(url, f"http://127.0.0.1:{on_loopback.port}") == 101
    assert socket_status(url, f"http://localhost:{on_loopback.port}") == 101
    assert socket_status(url, "http://evil.test") == 403
    assert socket_status(url, f"http://127.0.0.1:{on_the_network.port}") == 403
    assert socket_status(url, None) == 403
    # A real page elsewhere tries it, as a site open in the same browser would.
    elsewhere = open_tab(browser, on_the_network.link)
    elsewhere.wait(r"Who are you\?")
    closed = elsewhere.page.evaluate(
        """url => new Promise(done => {
            const socket = new WebSocket(url);
            socket.onopen = () => done("opened");
            socket.onclose = () => done("refused");
        })""",
        url,
    )
    assert closed == "refused"
    # On the network, the right origin is not enough without the code.
    network = f"ws://127.0.0.1:{on_the_network.port}/ws"
    origin = f"http://huddle.test:{on_the_network.port}"
    assert socket_status(network, origin) == 403
    token = on_the_network.link.split("token=")[1]
    assert socket_status(network, origin, {"huddle_access": token}) == 101
    assert socket_status(network, origin, {"huddle_access": token + "x"}) == 403


def test_tabs_beyond_the_cap_are_told_the_meeting_is_full(demo_copy: str, browser: Browser) -> None:
    served = Served(demo_copy, "--max-sessions", "1")
    try:
        first = open_tab(browser, served.link)
        first.wait(r"Who are you\?")
        second = open_tab(browser, served.link)
        assert "The meeting is full" in second.page.content()
        assert "--max-sessions" in second.page.content()
    finally:
        served.stop()


def test_the_database_password_reaches_no_command_line_and_no_page(
    postgres: PostgresServer, postgres_demo: str, browser: Browser
) -> None:
    secret = "pw-Secret-4711"
    url = postgres.fresh(postgres_demo).replace("postgres@", f"postgres:{secret}@")
    served = Served(url)
    try:
        assert secret not in served.link
        tab = open_tab(browser, served.link)
        tab.wait(r"Who are you\?")
        for pid in (served.process.pid, *served.tab_processes()):
            assert secret.encode() not in Path(f"/proc/{pid}/cmdline").read_bytes()
        assert secret not in tab.page.content() and secret not in tab.text()
    finally:
        served.stop()
    assert served.process.stdout is not None and served.process.stderr is not None
    assert secret not in served.process.stdout.read() + served.process.stderr.read()


def test_the_room_opens_the_link_of_a_server_on_every_address(
    demo_copy: str, browser: Browser
) -> None:
    served = Served(demo_copy, "--host", "0.0.0.0")
    try:
        link = served.link
        assert "0.0.0.0" not in link  # an address no other machine can open
        assert link.startswith(f"http://{socket.gethostname()}:{served.port}/?token=")
        # A room member types this machine's name (or address) as the room knows it.
        token = link.split("token=")[1]
        tab = open_tab(browser, f"http://huddle.test:{served.port}/?token={token}")
        tab.wait(r"Who are you\?")
        # Still only huddle's own page: its address and the socket's must be one.
        url = f"ws://127.0.0.1:{served.port}/ws"
        cookies = {"huddle_access": token}
        assert socket_status(url, f"http://127.0.0.1:{served.port}", cookies) == 101
        assert socket_status(url, "http://evil.test", cookies) == 403
        assert socket_status(url, None, cookies) == 403
        assert socket_status(url, f"http://127.0.0.1:{served.port}") == 403  # no code
    finally:
        served.stop()


def test_behind_a_proxy_under_a_path_the_link_leads_back_under_it(demo_copy: str) -> None:
    served = Served(demo_copy, "--public-url", "https://huddle.test/team/huddle/")
    try:
        link = served.link
        assert link.startswith("https://huddle.test/team/huddle/?token=")

        async def trade() -> str:  # as the proxy forwards the link, its path taken off
            async with aiohttp.ClientSession() as session:
                url = f"http://127.0.0.1:{served.port}/?{link.split('?')[1]}"
                async with session.get(url, allow_redirects=False) as answer:
                    assert answer.status == 303
                    return answer.headers["Location"]

        with ThreadPoolExecutor(1) as elsewhere:
            location = elsewhere.submit(asyncio.run, trade()).result()
    finally:
        served.stop()
    assert urljoin(link, location) == "https://huddle.test/team/huddle/"


def test_a_page_whose_session_is_refused_says_so_once(
    on_loopback: Served, browser: Browser
) -> None:
    """Opened by a name the loopback server does not serve: the page loads, its socket is
    refused (wrong origin), and it says so instead of reloading in a loop."""
    tab = open_tab(browser, f"http://huddle.test:{on_loopback.port}/")
    loads: list[str] = []
    tab.page.on("load", lambda page: loads.append(page.url))
    tab.page.get_by_text("huddle did not open a session for this page").wait_for(timeout=10_000)
    tab.page.wait_for_timeout(3000)
    assert loads == []


def test_an_access_code_that_cannot_stand_in_a_link_is_refused(demo_copy: str) -> None:
    done = subprocess.run(
        [HUDDLE, "--db", demo_copy, "serve", "--host", "0.0.0.0", "--port", "1"],
        env={**os.environ, "HUDDLE_SERVE_TOKEN": "my secret pass&phrase;x=1"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "may hold only letters, digits and - _ . ~" in done.stderr
    assert "my secret" not in done.stderr + done.stdout


def test_a_public_url_in_capitals_is_a_web_address(demo_copy: str) -> None:
    served = Served(demo_copy, "--public-url", "HTTP://HUDDLE.TEST:{port}")
    try:
        assert served.link.lower().startswith(f"http://huddle.test:{served.port}/?token=")
    finally:
        served.stop()
