"""A domain module that loads the ORM, imported when a key first needs it.

The meeting screen's first frame reads with Core (meeting/reads/), and SQLModel, pydantic
and the table classes (about 0.2 s) load in the background once it is painted: its parts
and section kinds name the modules that write as `deferred(...)`, typed as the module
itself under TYPE_CHECKING. An attribute asked for before the background load is done
waits for it (the import lock), so a key pressed early is neither lost nor reordered.
"""

from __future__ import annotations

import importlib
from typing import Any

DEFERRED: set[str] = set()  # every module named so far, for `load_deferred`


class Deferred:
    """The module called `name`, imported on first use of one of its attributes."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __getattr__(self, attribute: str) -> Any:
        return getattr(importlib.import_module(self.name), attribute)


def deferred(name: str) -> Any:
    DEFERRED.add(name)
    return Deferred(name)


def load_deferred() -> None:
    """Import every deferred module (the App does, in a background thread, once the first
    frame that needs none of them is painted)."""
    for name in sorted(DEFERRED):
        importlib.import_module(name)
