"""An entry written alone reaches nobody else before the reveal, on any path that reads
entries, and reaches everyone after it: the meeting screen and its live refresh, the
summary, History's search, the minutes (`huddle export`, `export --all`), `huddle items
list` in each format, the scorecard's counts per team."""

from __future__ import annotations

from pathlib import Path

from meeting.agenda import meetings
from meeting.agenda.writing_phase import Change, change_section, section_named
from meeting.entries import items
from meeting.entries.identity import me_named
from meeting.entries.people_changes import add_person
from meeting.foundations.clock import FixedClock
from meeting.reads.history import ActionFilter, list_actions
from meeting.reports.summary import summarise_now
from storage.opening import open_database
from tests.cli.helpers import invoke
from tests.tui.test_writing_alone import SECRET, at_broken, shown, until
from tui.app import HuddleApp


def every_path(
    db_file: str, meeting_id: int, tmp: Path, sams: HuddleApp, clock: FixedClock
) -> dict[str, str]:
    """What each path shows Sam (or anyone who is not Priya) of the meeting's entries."""
    db = sams.db
    found = {
        "meeting screen": shown(sams),
        "summary": summarise_now(db, meeting_id).to_json(),
        "history search": repr(
            list_actions(db, ActionFilter(search="demo button"), today=clock.today())
        ),
        "export": invoke(db_file, "export", str(meeting_id)).output,
        "scorecard": invoke(db_file, "scorecard", "--format", "json").output,
    }
    for fmt in ("table", "json", "csv"):
        for who in ((), ("--as", "Sam")):
            listed = invoke(db_file, *who, "items", "list", "--format", fmt)
            found[f"items list {fmt} {who}"] = listed.output + listed.stderr
    folder = tmp / f"all-{len(list(tmp.iterdir()))}"
    assert invoke(db_file, "export", "--all", "--dir", str(folder)).exit_code == 0
    found["export --all"] = "".join(p.read_text() for p in sorted(folder.rglob("*.md")))
    return found


async def test_an_entry_written_alone_reaches_no_one_else_on_any_path_until_the_reveal(
    tmp_path: Path, clock: FixedClock
) -> None:
    path = tmp_path / "team.db"
    url = f"sqlite:///{path}"
    db = open_database(url)
    for name, team in (("Dana", "marketing"), ("Priya", "sales"), ("Sam", "sales")):
        add_person(db, name, team)
    meeting_id, _ = meetings.start_meeting(db, clock=clock, facilitator="Dana")
    broken = section_named(meetings.get_meeting(db, meeting_id), "broken").id
    change_section(db, meeting_id, broken, Change.WRITING_ON, me=me_named(db, "Dana"))
    scorecard_before = invoke(str(path), "scorecard", "--format", "json").output
    items.add_item(db, broken, SECRET, team="marketing", author="Priya", clock=clock)
    sams_db = open_database(url)
    sams = HuddleApp(sams_db, clock=clock, meeting_id=meeting_id, me=me_named(sams_db, "Sam"))
    async with sams.run_test(size=(120, 40)) as pilot:
        await at_broken(pilot)
        await until(pilot, lambda: "Writing alone: Priya 1." in shown(sams))
        items.add_item(db, broken, SECRET + " too", team="sales", author="Priya", clock=clock)
        await until(pilot, lambda: "Writing alone: Priya 2." in shown(sams))  # live refresh

        before = every_path(str(path), meeting_id, tmp_path, sams, clock)
        leaked = [where for where, text in before.items() if SECRET in text]
        assert leaked == []
        assert before["scorecard"] == scorecard_before  # not even whom it is about
        assert "2 entries are being written alone" in before["items list table ()"]
        priyas = invoke(str(path), "--as", "Priya", "items", "list", "--format", "json")
        assert SECRET in priyas.output  # hers to list

        change_section(db, meeting_id, broken, Change.REVEAL, me=me_named(db, "Dana"))
        await until(pilot, lambda: SECRET in shown(sams))
        after = every_path(str(path), meeting_id, tmp_path, sams, clock)
    texts = ("meeting screen", "export", "export --all", "items list json ()")
    assert [where for where in texts if SECRET not in after[where]] == []
    assert all(SECRET in after[f"items list {fmt} ('--as', 'Sam')"] for fmt in ("json", "csv"))
    assert after["scorecard"] != scorecard_before  # counted once revealed
    sams_db.dispose()
    db.dispose()
