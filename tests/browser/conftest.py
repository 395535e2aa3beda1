"""Browsers for the serve tests: Debian's Chromium, never a downloaded one. A machine
without it fails these tests with the command that installs it, never skips them."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.browser.harness import CHROMIUM, CHROMIUM_FLAGS


@pytest.fixture
def browser() -> Iterator[Browser]:
    """One per test: Playwright's sync API keeps an event loop running in this thread
    for as long as it is started, and every asyncio test the same worker runs afterwards
    would fail on it ("cannot be called from a running event loop")."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail("the browser tests need Chromium: apt-get install chromium", pytrace=False)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def demo_copy(demo_file: Path, tmp_path: Path) -> str:
    """A private copy of the demo database for one served huddle."""
    path = tmp_path / "demo.db"
    shutil.copy(demo_file, path)
    return str(path)
