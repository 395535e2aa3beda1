"""The pulse in a meeting's minutes and summary: how many of each team rated each statement,
never a score, not even a team's of three or more (that average is the scorecard's)."""

from __future__ import annotations

from meeting.agenda import meetings
from meeting.agenda.attendance import mark_present
from meeting.entries import pulse
from meeting.entries.people_changes import add_person
from meeting.foundations.clock import FixedClock
from meeting.reports import closing
from meeting.reports.minutes import collect, minutes_markdown, render
from meeting.reports.minutes_bulk import collect_all
from meeting.reports.summary import summarise_now
from storage.db import Database


def rated_meeting(db: Database, clock: FixedClock) -> int:
    for name, team in (("Dana", "marketing"), ("Alex", "marketing")):
        add_person(db, name, team)
    for name in ("Jordan", "Riley", "Sam"):
        add_person(db, name, "sales")
    meeting_id, _ = meetings.start_meeting(
        db,
        clock=clock,
        series="Monthly alignment",
        template="alignment",
        facilitator="Dana",
        create_series_if_missing=True,
    )
    for name in ("Alex", "Jordan", "Riley", "Sam"):
        mark_present(db, meeting_id, name)
    for name, score in (("Jordan", 1), ("Riley", 2), ("Sam", 2)):
        pulse.rate(db, meeting_id, name, {"lead-quality": score}, clock=clock)
    pulse.rate(db, meeting_id, "Jordan", {"ideal-customer": 4}, clock=clock)
    pulse.rate(db, meeting_id, "Alex", {"ideal-customer": 3}, clock=clock)
    closing.end_meeting(db, meeting_id, clock=clock)
    return meeting_id


def pulse_part(minutes: str) -> str:
    return minutes[minutes.index("## Alignment pulse") :].split("\n## ")[0]


def test_the_minutes_say_how_many_of_each_team_rated_and_no_score(
    db: Database, clock: FixedClock
) -> None:
    meeting_id = rated_meeting(db, clock)
    part = pulse_part(minutes_markdown(db, meeting_id, today=clock.today()))
    assert part.splitlines()[4:] == [
        "| Statement | Key | Rated by | Rated |",
        "|---|---|---|---|",
        "| The leads marketing sends are worth my time | lead-quality | sales | sales 3 |",
        "| Sales follows up on our leads on time | follow-up | marketing | nobody |",
        "| We agree on who our ideal customer is | ideal-customer | both | marketing 1, sales 1 |",
        "| I know what the other team is working on | other-team | both | nobody |",
    ]
    assert "1.7" not in part and "average" not in part.replace("Each team's average", "")


def test_many_meetings_minutes_show_the_same_counts(db: Database, clock: FixedClock) -> None:
    """`huddle export --all` reads many meetings in one pass: the same pulse as one's."""
    meeting_id = rated_meeting(db, clock)
    (bulk,) = collect_all(db, [meeting_id], today=clock.today())
    one = render(collect(db, meeting_id, today=clock.today()))
    assert pulse_part(render(bulk)) == pulse_part(one)
    assert "| lead-quality | sales | sales 3 |" in pulse_part(one)


def test_a_meeting_without_a_pulse_section_has_no_pulse_in_its_minutes(
    db: Database, clock: FixedClock
) -> None:
    meeting_id, _ = meetings.start_meeting(db, clock=clock, facilitator="Dana")
    assert "pulse" not in minutes_markdown(db, meeting_id, today=clock.today()).lower()


def test_the_summary_counts_the_ratings_given(db: Database, clock: FixedClock) -> None:
    meeting_id = rated_meeting(db, clock)
    sections = {s.title: s.entries for s in summarise_now(db, meeting_id).sections}
    assert sections["Pulse"] == 5
