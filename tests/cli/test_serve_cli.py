"""`huddle serve`'s mistakes are one line each, before anything listens."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.helpers import invoke

HUDDLE = str(Path(sys.executable).with_name("huddle"))


def test_a_public_url_that_is_no_web_address_is_one_line(db_path: Path) -> None:
    result = invoke(str(db_path), "serve", "--public-url", "huddle.example.com")
    assert result.exit_code == 1
    assert "is not a web address; give it as https://host" in result.output
    assert "Traceback" not in result.output


def test_a_short_access_code_is_refused(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUDDLE_SERVE_TOKEN", "short")
    result = invoke(str(db_path), "serve", "--host", "0.0.0.0")
    assert result.exit_code == 1
    assert "HUDDLE_SERVE_TOKEN is too short" in result.output


def test_a_port_in_use_is_one_line(db_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [HUDDLE, "--db", str(db_path), "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 1
    assert "Serving huddle" not in done.stdout  # it never served
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and f"cannot listen on 127.0.0.1:{port}" in lines[0], done.stderr
    assert "try --port" in lines[0]


def test_an_ipv6_address_makes_a_link_a_browser_opens(db_path: Path) -> None:
    with socket.socket(socket.AF_INET6) as probe:
        probe.bind(("::1", 0))
        port = probe.getsockname()[1]
    served = subprocess.Popen(
        [HUDDLE, "--db", str(db_path), "serve", "--host", "::1", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert served.stdout is not None
        first = served.stdout.readline()
    finally:
        served.terminate()
        served.wait(timeout=30)
    assert first.strip() == f"Serving huddle on http://[::1]:{port}/"  # loopback: no code


def test_a_tabs_terminal_size_stays_within_reason() -> None:
    """A page asking for 5000x5000 would keep a core busy and its huddle at hundreds of MiB."""
    from tui.serve import within_reason

    assert within_reason(5000, 5000) == (500, 200)
    assert within_reason(155, 50) == (155, 50)
    assert within_reason(0, -3) == (1, 1)
