"""The funnel's stages as a CRM export names them: `mql_at`, `SQL date`, `won_at`. A stage
is matched forgivingly (case, punctuation, plural: "MQLs", "mql", "Closed-won" by "won"),
so the lead import and the waterfall agree on which date is which stage's."""

from __future__ import annotations

import re
from typing import TypeVar

When = TypeVar("When")

# The key of a date that says when the lead came to be: the first stage of any funnel,
# whatever the series calls it.
FIRST = "created"
FIRST_WORDS = frozenset({"create", "created", "creation", "lead"})
DATE_SUFFIXES = ("at", "date")
AT_FORM = "at"  # `mql_at`: written by a person; `Create Date`: a CRM's own column


def stage_key(name: str) -> str:
    """`Closed-won` -> `closed won`, `MQLs` -> `mql`: lower case, words singular."""
    words = re.sub(r"[^0-9a-z]+", " ", name.lower()).split()
    return " ".join(
        w[:-1] if len(w) > 2 and w.endswith("s") and not w.endswith("ss") else w for w in words
    )


def date_column(header: str) -> tuple[str, str] | None:
    """A header that dates a stage: (the stage's key, how it was written: `at` or `date`);
    None for any other column. The first stage's synonyms give `FIRST`."""
    words = stage_key(header).split()
    if len(words) < 2 or words[-1] not in DATE_SUFFIXES:
        return None
    key = " ".join(words[:-1])
    return (FIRST if key in FIRST_WORDS else key), words[-1]


def names_stage(key: str, stage: str) -> bool:
    """Whether a date's key names the stage: its whole name, or one word of it (`won` for
    Closed-won)."""
    name = stage_key(stage)
    return key == name or key in name.split()


def stage_date_of(dates: dict[str, When], stage: str, *, first: bool) -> When | None:
    """The date among a lead's (by key) that the stage was reached: by its name, or the
    lead's creation for the first stage."""
    for key, value in dates.items():
        if key != FIRST and names_stage(key, stage):
            return value
    return dates.get(FIRST) if first else None
