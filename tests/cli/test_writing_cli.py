"""`huddle meeting writing` and `huddle meeting reveal`: the facilitator's writing phase
from the command line; `huddle items list` shows an entry written alone to its writer only."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from sqlalchemy import create_engine, text

from tests.cli.helpers import invoke, url_of

SECRET = "Standups run long"


# Start / Stop / Continue with every column open, so the tests turn writing alone on.
OPEN_RETRO = """key = "open"
name = "Open retro"
[[section]]
key = "review"
kind = "review"
title = "Review actions"
timebox = 5
[[section]]
key = "start"
kind = "items"
title = "Start"
timebox = 10
[[section]]
key = "stop"
kind = "items"
title = "Stop"
timebox = 10
[[section]]
key = "continue"
kind = "items"
title = "Continue"
timebox = 10
"""


def retro(db: str) -> str:
    for name, team in (("Yara", "marketing"), ("Zed", "sales")):
        assert invoke(db, "people", "add", name, "--team", team).exit_code == 0
    with tempfile.TemporaryDirectory() as folder:
        template = Path(folder) / "open.toml"
        template.write_text(OPEN_RETRO, encoding="utf-8")
        assert invoke(db, "templates", "add", str(template)).exit_code == 0
    started = invoke(
        db, "meeting", "start", "--series", "Retro", "--new-series", "--template", "open",
        "--facilitator", "Yara", "--no-open",
    )  # fmt: skip
    assert started.exit_code == 0, started.output
    return started.output.split("(meeting ")[1].rstrip(")\n")


def phases(db: str, meeting: str) -> dict[str, str]:
    """Each section's phase as `huddle meeting show` says it (entries' sections only)."""
    shown = json.loads(invoke(db, "meeting", "show", meeting, "--format", "json").stdout)
    return {row["section"]: row["phase"] for row in shown if row["section"] != "Continue"}


def listed(db: str, meeting: str, *who: str) -> tuple[list[str], str]:
    found = invoke(
        db, *who, "items", "list", "--series", "Retro", "-m", meeting, "--format", "json"
    )
    assert found.exit_code == 0, found.output
    return [e["text"] for e in json.loads(found.stdout)], found.stderr


def test_the_facilitator_starts_writing_alone_and_reveals(db: str) -> None:
    meeting = retro(db)
    refused = invoke(db, "--as", "Zed", "meeting", "writing", meeting, "stop", "on")
    assert refused.exit_code == 1
    assert "Yara facilitates this meeting and starts writing phases" in refused.output
    started = invoke(db, "--as", "Yara", "meeting", "writing", meeting, "stop", "on")
    assert "Stop: everyone writes alone now" in started.output, started.output
    added = invoke(db, "items", "add", "stop", SECRET, "--by", "Zed", "--series", "Retro")
    assert added.exit_code == 0, added.output

    assert listed(db, meeting) == ([], "1 entry is being written alone: shown once the "
                                   "facilitator reveals them.\n")  # fmt: skip
    assert listed(db, meeting, "--as", "Yara")[0] == []
    assert listed(db, meeting, "--as", "Zed")[0] == [SECRET]
    entry = json.loads(
        invoke(db, "--as", "Zed", "items", "list", "-m", meeting, "--format", "json").stdout
    )[0]["id"]
    vote = invoke(db, "items", "vote", str(entry), "--by", "Yara")
    assert vote.exit_code == 1 and "votes come once the facilitator reveals it" in vote.output

    assert phases(db, meeting) == {"Review actions": "", "Start": "open", "Stop": "writing"}
    revealed = invoke(db, "--as", "Yara", "meeting", "reveal", meeting, "Stop")
    assert "Revealed Stop: 1 entry" in revealed.output
    assert phases(db, meeting)["Stop"] == "revealed"
    assert listed(db, meeting) == ([SECRET], "")


def test_an_anonymous_section_from_the_command_line_stores_no_author(db: str) -> None:
    meeting = retro(db)
    on = invoke(db, "meeting", "writing", meeting, "start", "on", "--anonymous")
    assert "Start is anonymous" in on.output and "everyone writes alone now" in on.output
    invoke(db, "items", "add", "start", SECRET, "--by", "Zed", "--series", "Retro")
    engine = create_engine(url_of(db))
    try:
        with engine.connect() as conn:
            stored = conn.execute(
                text("SELECT author_id FROM item WHERE text = :t"), {"t": SECRET}
            ).all()
    finally:
        engine.dispose()
    assert stored == [(None,)]


def test_a_section_that_takes_no_entries_or_none_at_all_is_one_line(db: str) -> None:
    meeting = retro(db)
    review = invoke(db, "meeting", "writing", meeting, "review", "on")
    assert review.exit_code == 1
    assert "Review actions takes no entries" in review.output
    nope = invoke(db, "meeting", "writing", meeting, "nope", "on")
    assert "has no section 'nope' for entries (choose: start, stop, continue)" in nope.output
    invoke(db, "items", "add", "start", "Said aloud", "--series", "Retro")
    late = invoke(db, "meeting", "writing", meeting, "start", "on")
    assert "has entries already: a writing phase starts before anyone writes" in late.output
    assert "Traceback" not in late.output + nope.output + review.output
