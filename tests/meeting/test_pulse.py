"""The alignment pulse on a hand-made history, on SQLite and on PostgreSQL: statements and
their versions, anonymous ratings, each team's averages per period (none under three
answers), the figure beside each, and the gap between feeling and fact."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import inspect

from meeting.agenda.meetings import get_meeting, start_meeting
from meeting.catalog.metric_catalog import list_metrics, update_metric
from meeting.catalog.target_history import SINCE_EVER
from meeting.entries import pulse
from meeting.entries.identity import me_named
from meeting.entries.lead_decisions import decide_lead
from meeting.entries.leads import save_lead
from meeting.entries.people_changes import add_person, merge_people
from meeting.foundations.clock import FixedClock
from meeting.foundations.errors import HuddleError, MeetingClosed
from meeting.foundations.statuses import LeadDecisionKind
from meeting.numbers import metrics, scorecard
from meeting.numbers.card import Figure, PulseRow, Scorecard
from meeting.reads.recorded import find_meeting
from meeting.reports.closing import end_meeting
from meeting.reports.minutes import collect, render
from storage.db import Database

SALES = ("Sam", "Sue", "Sid")
ACCEPT, REJECT = LeadDecisionKind.ACCEPTED, LeadDecisionKind.REJECTED
MARKETING = ("Priya", "Mo")


def at(day: str, hour: int = 15) -> FixedClock:
    return FixedClock(dt.datetime.fromisoformat(day).replace(hour=hour, tzinfo=dt.UTC))


def start(db: Database, day: str) -> int:
    meeting_id, _ = start_meeting(
        db, clock=at(day), facilitator="Dana", series="Sync", create_series_if_missing=True
    )
    return meeting_id


def funnel(db: Database, meeting_id: int, series_id: int, mqls: int, sqls: int, day: str) -> None:
    stage = {m.name: m for m in list_metrics(db, series_id)}
    for name, value in (("MQLs", mqls), ("SQLs", sqls)):
        metrics.record_value(db, meeting_id, stage[name].id, value, clock=at(day))


def history(db: Database) -> tuple[Scorecard, int]:
    """October: sales rates lead quality 2, 2, 1 while MQL -> SQL (60 %) beats its 50 %
    target and sales accepts 4 of the 5 leads handed over (80 %); marketing, two of them,
    rates follow-up. November: sales rates it 4, 4, 5 and decides on no lead."""
    for name in SALES:
        add_person(db, name, "sales")
    for name in MARKETING:
        add_person(db, name, "marketing")
    add_person(db, "Dana", "leadership")
    october = start(db, "2026-10-05")
    series_id = get_meeting(db, october).series_id
    for metric in list_metrics(db, series_id):
        if metric.name in ("MQLs", "SQLs"):
            update_metric(
                db,
                metric.id,
                name=metric.name,
                team=metric.team,
                unit=metric.unit,
                direction=metric.direction,
                target=40 if metric.name == "MQLs" else 20,
                funnel=metric.funnel,
                on=SINCE_EVER,
            )
    funnel(db, october, series_id, 40, 24, "2026-10-05")
    clock = at("2026-10-05")
    for number, kind in enumerate((ACCEPT, ACCEPT, ACCEPT, REJECT, ACCEPT)):
        lead_id = save_lead(db, None, name=f"Lead {number}", clock=clock)
        reason = "junk" if kind == REJECT else None
        decide_lead(
            db, lead_id, kind, reason=reason, by="Sam", clock=at("2026-10-0" + str(number + 1))
        )
    for name, score in zip(SALES, (2, 2, 1), strict=True):
        pulse.rate(db, october, name, {"lead-quality": score, "other-team": 3}, clock=clock)
    for name in MARKETING:
        pulse.rate(db, october, name, {"follow-up": 1, "other-team": 4}, clock=clock)
    end_meeting(db, october, clock=at("2026-10-05", 16))
    november = start(db, "2026-11-02")
    funnel(db, november, series_id, 40, 24, "2026-11-02")
    for name, score in zip(SALES, (4, 4, 5), strict=True):
        pulse.rate(db, november, name, {"lead-quality": score}, clock=at("2026-11-02"))
    end_meeting(db, november, clock=at("2026-11-02", 16))
    card = scorecard.scorecard(
        db, series_id=series_id, series_name="Sync", periods=2, today=dt.date(2026, 11, 23)
    )
    return card, series_id


def row(card: Scorecard, key: str, team: str) -> PulseRow:
    return next(r for r in card.pulse if r.key == key and r.team == team)


def test_each_team_averages_per_period_none_under_three_answers(db: Database) -> None:
    card, _ = history(db)
    lead = row(card, "lead-quality", "sales")
    assert lead.values == [1.7, 4.3] and lead.answers == [3, 3]
    follow = row(card, "follow-up", "marketing")
    assert follow.answers == [2, 0] and follow.values == [None, None]
    assert row(card, "other-team", "sales").values == [3.0, None]
    assert row(card, "other-team", "marketing").values == [None, None]
    assert [(r.key, r.team) for r in card.pulse] == [
        ("lead-quality", "sales"),
        ("follow-up", "marketing"),
        ("other-team", "marketing"),
        ("other-team", "sales"),
    ]


def test_the_figure_beside_and_the_gap_between_feeling_and_fact(db: Database) -> None:
    card, series_id = history(db)
    lead = row(card, "lead-quality", "sales")
    assert [fact.label for fact in lead.facts] == ["MQLs → SQLs", "leads sales accepted"]
    # November: 4.3, the rate meets its target and no lead was decided on
    assert lead.beside() == "MQLs → SQLs 60% ✓ · leads sales accepted – "[:-1]
    assert lead.gap == ""
    october = scorecard.scorecard(
        db,
        series_id=series_id,
        series_name="Sync",
        periods=1,
        ending=card.periods[0],
        today=dt.date(2026, 11, 23),
    )
    felt = row(october, "lead-quality", "sales")
    assert felt.beside() == "MQLs → SQLs 60% ✓ · leads sales accepted 80% ✓"
    assert felt.values == [1.7] and felt.gap == "feels worse than the figures"
    assert row(october, "other-team", "sales").facts == ()


def test_a_gap_when_it_feels_good_and_the_figure_misses(db: Database) -> None:
    fact = Figure("sales", "MQLs → SQLs", "%", [30.0], 50.0)
    assert PulseRow("lead-quality", "", "sales", [4.0], [3], (fact,)).gap == (
        "feels better than the figure"
    )
    accepted = Figure("marketing", "leads sales accepted", "%", [90.0], 80.0)
    both = PulseRow("lead-quality", "", "sales", [4.0], [3], (fact, accepted))
    assert both.gap == "feels better than the figures"  # one of the two misses
    low = PulseRow("lead-quality", "", "sales", [1.5], [3], (fact, accepted))
    assert low.gap == "feels worse than the figures"  # one of the two meets
    assert PulseRow("lead-quality", "", "sales", [3.0], [3], (fact,)).gap == ""
    assert PulseRow("lead-quality", "", "sales", [None], [2], (fact,)).gap == ""


def test_no_one_rates_twice_outside_one_to_five_or_for_the_other_team(db: Database) -> None:
    for name in SALES:
        add_person(db, name, "sales")
    add_person(db, "Priya", "marketing")
    meeting_id = start(db, "2026-10-05")
    clock = at("2026-10-05")
    pulse.rate(db, meeting_id, "Sam", {"lead-quality": 2}, clock=clock)
    with pytest.raises(HuddleError, match="Sam has rated lead-quality in this meeting already"):
        pulse.rate(db, meeting_id, "sam", {"Lead-Quality": "5"}, clock=clock)
    for bad in ("0", "6", "3.5", "four", ""):
        with pytest.raises(HuddleError, match="whole number from 1 to 5"):
            pulse.rate(db, meeting_id, "Sue", {"other-team": 3, "lead-quality": bad}, clock=clock)
    with pytest.raises(HuddleError, match="follow-up is rated by marketing"):
        pulse.rate(db, meeting_id, "Sue", {"other-team": 3, "follow-up": 2}, clock=clock)
    with pytest.raises(HuddleError, match="unknown statement"):
        pulse.rate(db, meeting_id, "Sue", {"vibes": 3}, clock=clock)
    # all or nothing: Sue's refused lines left nothing behind
    assert pulse.rated_count(db, meeting_id) == {"lead-quality": 1}
    end_meeting(db, meeting_id, clock=at("2026-10-05", 16))
    with pytest.raises(MeetingClosed):
        pulse.rate(db, meeting_id, "Sue", {"lead-quality": 3}, clock=clock)


def test_the_database_keeps_no_rater_with_a_score(db: Database) -> None:
    with db.connect() as conn:
        found = inspect(conn)
        rating = {c["name"] for c in found.get_columns("pulserating")}
        rated = {c["name"] for c in found.get_columns("pulserated")}
    assert rating == {"meeting_id", "version_id", "team", "score", "count"}
    assert rated == {"meeting_id", "statement_id", "person_id"}


def test_statements_are_versioned_and_ratings_keep_their_wording(db: Database) -> None:
    clock = at("2026-10-01")
    rows = pulse.list_statements(db, clock=clock)
    assert [(r.key, r.rated_by) for r in rows] == [(k, t) for k, t, _ in pulse.DEFAULTS]
    assert rows[0].version == 1 and rows[0].changed_by is None
    number = pulse.edit_statement(
        db,
        "lead-quality",
        "The MQLs marketing sends\nare worth a call",
        clock=at("2026-10-02"),
        by="Dana",
        why="say MQLs",
    )
    assert number == 2
    edited = pulse.list_statements(db, clock=clock)[0]
    assert edited.text == "The MQLs marketing sends are worth a call"
    assert (edited.version, edited.changed_by, edited.why) == (2, "Dana", "say MQLs")
    with pytest.raises(HuddleError, match="already says exactly that"):
        pulse.edit_statement(db, "lead-quality", edited.text, clock=clock)
    with pytest.raises(HuddleError, match="empty"):
        pulse.edit_statement(db, "lead-quality", "  \n", clock=clock)


def test_merging_a_duplicate_keeps_one_rating_each(db: Database) -> None:
    add_person(db, "Sam", "sales")
    add_person(db, "Sammy", "sales")
    meeting_id = start(db, "2026-10-05")
    clock = at("2026-10-05")
    pulse.rate(db, meeting_id, "Sam", {"lead-quality": 2}, clock=clock)
    pulse.rate(db, meeting_id, "Sammy", {"lead-quality": 3, "other-team": 4}, clock=clock)
    merge_people(db, "Sammy", "Sam", clock=clock)
    sam = me_named(db, "Sam").id
    assert pulse.has_rated(db, meeting_id, sam) == {"lead-quality", "other-team"}
    assert pulse.rated_count(db, meeting_id) == {"lead-quality": 1, "other-team": 1}


def test_no_rating_can_be_worked_out_from_two_averages(db: Database) -> None:
    """A lone rater in one meeting and three in another of the same month: the month stands
    on the three alone, so the month against the quarter (or before and after) reveals
    nothing; a running meeting's ratings do not count until it ends."""
    for name in (*SALES, "Sky"):
        add_person(db, name, "sales")
    first = start(db, "2026-10-05")
    series_id = get_meeting(db, first).series_id
    pulse.rate(db, first, "Sky", {"other-team": 5}, clock=at("2026-10-05"))
    end_meeting(db, first, clock=at("2026-10-05", 16))
    second = start(db, "2026-10-19")
    for name in SALES:
        pulse.rate(db, second, name, {"other-team": 2}, clock=at("2026-10-19"))

    def other_team(kind: str) -> PulseRow | None:
        card = scorecard.scorecard(
            db,
            series_id=series_id,
            series_name="Sync",
            kind=kind,
            periods=1,
            today=dt.date(2026, 11, 23),
        )
        return next((r for r in card.pulse if r.key == "other-team"), None)

    running = other_team("month")
    assert running is not None and running.values == [None] and running.answers == [1]
    end_meeting(db, second, clock=at("2026-10-19", 16))
    for kind in ("month", "quarter"):
        ended = other_team(kind)
        assert ended is not None and ended.values == [2.0] and ended.answers == [4]


def test_the_minutes_that_close_a_month_carry_its_pulse(db: Database) -> None:
    history(db)
    october = find_meeting(db, "2026-10-05", clock=at("2026-11-23"))
    text = render(collect(db, october, today=dt.date(2026, 11, 23)))
    row = next(x for x in text.splitlines() if "pulse\\: lead-quality" in x)
    assert "1.7 ≠" in row
    assert "1.7 of 5, feels worse than the figure" in text
    assert not any(name in row for name in (*SALES, *MARKETING))
