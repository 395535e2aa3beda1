"""Every figure of the scorecard on a small hand-made history whose answers are known, on
SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from meeting.agenda import attendance
from meeting.agenda.meetings import get_meeting, start_meeting
from meeting.catalog.metric_catalog import list_metrics, update_metric
from meeting.catalog.target_history import SINCE_EVER
from meeting.entries import actions, agreements, items, questions
from meeting.entries.lead_decisions import decide_lead
from meeting.entries.leads import save_lead
from meeting.entries.people_changes import add_person
from meeting.foundations.clock import FixedClock
from meeting.foundations.errors import HuddleError
from meeting.foundations.statuses import ActionStatus, LeadDecisionKind
from meeting.numbers import metrics, scorecard
from meeting.numbers.card import Figure, Scorecard
from meeting.numbers.periods import parse_period
from meeting.reports.closing import end_meeting
from storage.db import Database

ACCEPT, REJECT = LeadDecisionKind.ACCEPTED, LeadDecisionKind.REJECTED


def at(day: str, hour: int = 15) -> FixedClock:
    return FixedClock(dt.datetime.fromisoformat(day).replace(hour=hour, tzinfo=dt.UTC))


def history(db: Database) -> dict[str, int]:
    """Two October meetings and one in November of one series, with known figures."""
    add_person(db, "Sam", "sales")
    add_person(db, "Priya", "marketing")
    add_person(db, "Dana", "leadership")  # the facilitator, marked present when she starts
    agreements.edit_agreement(
        db,
        agreements.SLA,
        "Answer within a week.",
        clock=at("2026-09-01"),
        follow_up_hours=24,
        answer_days=7,
    )
    # Each meeting takes what was said in it while it runs: an ended one takes nothing.
    ids: dict[str, int] = {}

    def start(day: str) -> int:
        ids[day], _ = start_meeting(
            db, clock=at(day), facilitator="Dana", series="Sync", create_series_if_missing=True
        )
        return ids[day]

    def numbers(day: str, leads: int, mqls: int) -> None:
        metrics.record_value(db, ids[day], stage["Leads"].id, leads, clock=at(day))
        metrics.record_value(db, ids[day], stage["MQLs"].id, mqls, clock=at(day))

    first = get_meeting(db, start("2026-10-05"))
    series_id = first.series_id
    stage = {m.name: m for m in list_metrics(db, series_id)}
    for name, target in (("Leads", 100), ("MQLs", 40)):
        m = stage[name]
        update_metric(
            db,
            m.id,
            name=m.name,
            team=m.team,
            unit=m.unit,
            direction=m.direction,
            target=target,
            funnel=m.funnel,
            on=SINCE_EVER,
        )
    numbers("2026-10-05", 100, 30)
    # Lead questions asked in October: one answered in 3 days, one in 15 (the SLA is 7).
    quick = questions.ask_question(
        db,
        series_id=series_id,
        meeting_id=ids["2026-10-05"],
        text="Did they reply?",
        lead="Jane Cooper",
        assignee="Sam",
        asked_by="Priya",
        due=None,
        clock=at("2026-10-05"),
    )
    slow = questions.ask_question(
        db,
        series_id=series_id,
        meeting_id=ids["2026-10-05"],
        text="Why quiet?",
        lead="Omar Diaz",
        assignee="Sam",
        asked_by="Priya",
        due=None,
        clock=at("2026-10-05"),
    )
    # Actions due in October: Sam's done the day before, and Priya's done five days late.
    on_time = actions.add_action(
        db,
        meeting_id=ids["2026-10-05"],
        text="Call the list",
        owner="Sam",
        due=dt.date(2026, 10, 10),
        clock=at("2026-10-05"),
    )
    late = actions.add_action(
        db,
        meeting_id=ids["2026-10-05"],
        text="Fix the form",
        owner="Priya",
        due=dt.date(2026, 10, 20),
        clock=at("2026-10-05"),
    )
    broken = next(s for s in first.sections if s.key == "broken")
    working = next(s for s in first.sections if s.key == "working")
    items.add_item(db, broken.id, "Slow follow-up", team="sales", clock=at("2026-10-05"))
    items.add_item(db, broken.id, "No phone numbers", team="sales", clock=at("2026-10-05"))
    items.add_item(db, working.id, "Webinar leads", team="marketing", clock=at("2026-10-05"))
    attendance.mark_present(db, ids["2026-10-05"], "Sam")
    attendance.mark_present(db, ids["2026-10-05"], "Priya")
    end_meeting(db, ids["2026-10-05"], clock=at("2026-10-05", 16))

    questions.answer_question(
        db, quick, answer="Going cold", outcome="nurture", clock=at("2026-10-08")
    )
    actions.set_status(db, on_time, ActionStatus.DONE, clock=at("2026-10-09"))

    start("2026-10-19")
    numbers("2026-10-19", 100, 30)
    attendance.mark_present(db, ids["2026-10-19"], "Sam")
    end_meeting(db, ids["2026-10-19"], clock=at("2026-10-19", 16))

    questions.answer_question(db, slow, answer="Bought", outcome="won", clock=at("2026-10-20"))
    actions.set_status(db, late, ActionStatus.DONE, clock=at("2026-10-25"))

    start("2026-11-02")
    numbers("2026-11-02", 100, 50)
    again = questions.ask_question(
        db,
        series_id=series_id,
        meeting_id=ids["2026-11-02"],
        text="Back?",
        lead="Jane Cooper",
        assignee="Sam",
        asked_by="Priya",
        due=None,
        clock=at("2026-11-02"),
    )
    end_meeting(db, ids["2026-11-02"], clock=at("2026-11-02", 16))
    questions.answer_question(
        db, again, answer="Demo booked", outcome="working", clock=at("2026-11-04")
    )
    return {"series": series_id, **ids}


def card(db: Database, **options: Any) -> Scorecard:
    found = history(db)
    return scorecard.scorecard(
        db,
        series_id=found["series"],
        series_name="Sync",
        kind="month",
        periods=2,
        today=dt.date(2026, 11, 23),
        **options,
    )


def figure(result: Scorecard, team: str, label: str) -> Figure:
    return next(f for f in result.figures if f.team == team and f.label == label)


def test_every_figure_on_a_known_history(db: Database) -> None:
    result = card(db)
    assert result.labels == ["2026-10", "2026-11"]
    leads = figure(result, "marketing", "Leads → MQLs")
    assert leads.values == [30.0, 50.0] and leads.target == 40.0 and leads.met is True
    within = figure(result, "sales", "questions answered within SLA")
    assert within.values == [50.0, 100.0] and within.target == 80.0
    median = figure(result, "sales", "median days to answer")
    assert median.values == [9.0, 2.0] and median.target == 7 and median.met is True
    assert figure(result, "sales", "median days to answer (Sam)").values == [9.0, 2.0]
    assert figure(result, "sales", "actions done on time").values == [100.0, None]
    assert figure(result, "marketing", "actions done on time").values == [0.0, None]
    assert figure(result, "sales", "what's broken, about the team").values == [2.0, 0.0]
    assert figure(result, "marketing", "what's working, about the team").values == [
        1.0,
        0.0,
    ]
    assert figure(result, "sales", "leads sent back to nurture").values == [1.0, 0.0]
    assert figure(result, "marketing", "of those, back as qualified").values == [1.0, 0.0]
    assert figure(result, "sales", "attendance").values == [100.0, 0.0]
    assert figure(result, "marketing", "attendance").values == [50.0, 0.0]
    assert figure(result, "leadership", "attendance").values == [100.0, 100.0]
    misses = result.misses_first()
    assert all(f.met is False for f in misses[: sum(f.met is False for f in misses)])
    assert misses[0].met is False


def test_sales_decisions_count_as_acceptance_and_as_nurture(db: Database) -> None:
    """A rejection sends a lead back to nurture as a nurture answer does; a later
    acceptance (recycled) brings it back. October: Ann rejected, Bob accepted, Cy rejected;
    November: Ann accepted again, Dee rejected."""
    decided = [
        ("Ann", REJECT, "2026-10-06"),
        ("Bob", ACCEPT, "2026-10-07"),
        ("Cy", REJECT, "2026-10-08"),
        ("Ann", ACCEPT, "2026-11-03"),
        ("Dee", REJECT, "2026-11-05"),
    ]
    for name in ("Ann", "Bob", "Cy", "Dee"):
        save_lead(db, None, name=name, clock=at("2026-10-01"))
    for name, kind, day in decided:
        reason = "junk" if kind == REJECT else None
        decide_lead(db, name, kind, reason=reason, clock=at(day))
    result = card(db)
    accepted = figure(result, "marketing", "leads sales accepted")
    assert accepted.values == [pytest.approx(100 / 3), 50.0] and accepted.met is False
    # October: Jane's nurture answer (back in November) and the rejections of Ann (back,
    # accepted in November) and Cy (never back); November: Dee.
    assert figure(result, "sales", "leads sent back to nurture").values == [3.0, 1.0]
    assert figure(result, "marketing", "of those, back as qualified").values == [2.0, 0.0]


def test_both_teams_side_by_side_rows_with_a_miss_first(db: Database) -> None:
    result = card(db)
    assert result.teams == ["marketing", "sales", "leadership"]
    rows = result.rows()
    missed = [row.missed for row in rows]
    assert missed == sorted(missed, reverse=True) and missed[0] and not missed[-1]
    actions = next(row for row in rows if row.label == "actions done on time")
    assert set(actions.by_team) == {"marketing", "sales"} and actions.target == "80%"
    assert actions.cell("marketing", 4) == "  0%    –  ▄·"  # nothing due in November
    assert actions.cell("sales", 4) == "100%    –  ▄·"
    assert actions.cell("leadership", 4) == ""
    attendance = next(row for row in rows if row.label == "attendance")
    assert set(attendance.by_team) == {"sales", "marketing", "leadership"}
    assert attendance.missed  # marketing and sales missed in November; leadership met


def test_a_quarter_adds_up_its_months(db: Database) -> None:
    found = history(db)
    result = scorecard.scorecard(
        db,
        series_id=found["series"],
        series_name="Sync",
        kind="quarter",
        periods=1,
        today=dt.date(2026, 11, 23),
    )
    assert result.labels == ["2026-Q4"]
    assert figure(result, "marketing", "Leads → MQLs").values == [110 / 300 * 100]


def test_a_period_with_no_meetings_is_one_line(db: Database) -> None:
    with pytest.raises(HuddleError) as error:
        card(db, ending=parse_period("2026-07", "month"))
    assert str(error.value) == (
        'no meetings of "Sync" in 2026-07; the last was on 2026-11-02 '
        "(choose a month with meetings)"
    )
    with pytest.raises(HuddleError, match="write it as 2026-Q4"):
        parse_period("2026-Q5", "quarter")
    with pytest.raises(HuddleError, match="write it as 2026-11"):
        parse_period("Nov", "month")


def test_an_open_question_counts_as_missed_only_once_its_days_are_up(db: Database) -> None:
    found = history(db)
    questions.ask_question(
        db,
        series_id=found["series"],
        meeting_id=None,
        text="Still there?",
        lead="Omar Diaz",
        assignee="Sam",
        asked_by="Priya",
        due=None,
        clock=at("2026-11-20"),
    )

    def share(today: dt.date) -> float | None:
        result = scorecard.scorecard(
            db,
            series_id=found["series"],
            series_name="Sync",
            kind="month",
            periods=2,
            today=today,
        )
        return figure(result, "sales", "questions answered within SLA").values[-1]

    assert share(dt.date(2026, 11, 23)) == 100.0  # asked 3 days ago: not due yet
    assert share(dt.date(2026, 11, 30)) == 50.0  # 10 days and no answer: missed


def test_an_alignment_meetings_minutes_close_the_month_with_its_scorecard(
    demo_db: Database, clock: FixedClock
) -> None:
    from markdown_it import MarkdownIt

    from meeting.reports.minutes import minutes_markdown

    meeting_id, _ = start_meeting(
        demo_db, clock=clock, series="Weekly sync", template="alignment", facilitator="Dana"
    )
    end_meeting(demo_db, meeting_id, clock=clock)
    text = minutes_markdown(demo_db, meeting_id, today=clock.today())
    assert "## Scorecard, 2026-11\n\nEach team's figures for 2026-09 → 2026-10 → 2026-11" in text
    assert "| Figure | Target | marketing | sales | leadership |" in text
    # September's answers took two weeks; after the SLA was agreed, one.
    assert "| median days to answer | 7.0d |  | 14.0d → 7.0d → 7.0d ✓ |  |" in text
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert html.count("<table>") >= 2  # the scorecard is a table of its own
    weekly = minutes_markdown(demo_db, meeting_id - 1, today=clock.today())
    assert "## Scorecard" not in weekly  # a weekly sync does not close the month


def test_a_monthly_series_minutes_carry_the_scorecard_whatever_the_template(db: Database) -> None:
    from meeting.agenda.series import create_series
    from meeting.reports.minutes import minutes_markdown

    with db.write() as session:
        create_series(
            session, "Monthly", cadence="monthly", template_key="sync", clock=at("2026-10-01")
        )
    meeting_id, _ = start_meeting(db, clock=at("2026-10-05"), series="Monthly", facilitator="Dana")
    end_meeting(db, meeting_id, clock=at("2026-10-05", 16))
    text = minutes_markdown(db, meeting_id, today=dt.date(2026, 10, 5))
    assert "## Scorecard, 2026-10" in text


def test_the_last_weekly_meeting_of_a_month_closes_it_with_the_scorecard(db: Database) -> None:
    """Last of its month: nothing held or planned after it that month, and the next by
    cadence falls in the next month, or the month is over."""
    from meeting.agenda.planning import plan_meeting
    from meeting.agenda.series import resolve_series
    from meeting.reports.minutes import collect, minutes_markdown, render

    found = history(db)  # weekly "Sync": 2026-10-05, 2026-10-19 and 2026-11-02

    def closes(day: str, today: dt.date) -> bool:
        return "## Scorecard" in render(collect(db, found[day], today=today))

    assert not closes("2026-10-05", dt.date(2026, 12, 1))  # 10-19 came later that month
    assert not closes("2026-10-19", dt.date(2026, 10, 19))  # 10-26 may still come
    assert closes("2026-10-19", dt.date(2026, 11, 1))  # nothing did: it was the last
    assert not closes("2026-11-02", dt.date(2026, 11, 3))  # 11-09 by cadence
    assert closes("2026-11-02", dt.date(2026, 12, 1))  # November is over: it was the last
    with db.read() as session:
        series = resolve_series(session, "Sync")
    meeting_id, _ = start_meeting(db, clock=at("2026-11-27"), series="Sync", facilitator="Dana")
    end_meeting(db, meeting_id, clock=at("2026-11-27", 16))
    # Its minutes, recorded as it ended, close November: the next by cadence is in December.
    assert "## Scorecard, 2026-11" in minutes_markdown(db, meeting_id, today=dt.date(2026, 11, 27))
    plan_meeting(db, series, on=dt.date(2026, 11, 30), clock=at("2026-11-27"))
    # Planned for the 30th: the 27th is not the last after all, until the month is over.
    ended = render(collect(db, meeting_id, today=dt.date(2026, 11, 27)))
    assert "## Scorecard" not in ended
    assert "## Scorecard" in render(collect(db, meeting_id, today=dt.date(2026, 12, 1)))
    # `export --all` reads it all at once and decides the same, meeting by meeting.
    from meeting.reports.minutes_bulk import collect_all

    ids = [*(found[day] for day in ("2026-10-05", "2026-10-19", "2026-11-02")), meeting_id]
    for today in (dt.date(2026, 11, 27), dt.date(2026, 12, 1)):
        for data in collect_all(db, ids, today=today):
            assert render(data) == render(collect(db, data.meeting.id, today=today))


def test_leads_first_touched_within_the_sla_hours(db: Database) -> None:
    """The SLA's hours, measured from the CRM's hand-over and first-touch times."""
    from storage.models import Lead, table_of

    found = history(db)  # the SLA: 24 hours to the first touch, agreed in September

    def utc(text: str) -> dt.datetime:
        return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)

    with db.write() as session:
        session.execute(
            table_of(Lead).insert(),
            [
                {"name": name, "updated_at": utc("2026-11-01"), **times}
                for name, times in (
                    # October: touched after 11 hours, and after 48.
                    (
                        "A",
                        {
                            "handed_over_at": utc("2026-10-06 09:00"),
                            "first_touch_at": utc("2026-10-06 20:00"),
                        },
                    ),
                    (
                        "B",
                        {
                            "handed_over_at": utc("2026-10-07 09:00"),
                            "first_touch_at": utc("2026-10-09 09:00"),
                        },
                    ),
                    # November: one never touched, its day up; one handed over yesterday.
                    ("C", {"handed_over_at": utc("2026-11-02 09:00"), "first_touch_at": None}),
                    ("D", {"handed_over_at": utc("2026-11-22 15:00"), "first_touch_at": None}),
                    ("E", {"handed_over_at": None, "first_touch_at": None}),
                )
            ],
        )
    result = scorecard.scorecard(
        db,
        series_id=found["series"],
        series_name="Sync",
        periods=2,
        today=dt.date(2026, 11, 22),
    )
    within = figure(result, "sales", "leads touched within SLA")
    assert within.values == [50.0, 0.0] and within.met is False
    hours = figure(result, "sales", "median hours to first touch")
    assert hours.values == [29.5, None] and hours.target == 24 and hours.shown(29.5) == "29.5h"


def test_a_rate_stands_only_on_meetings_that_recorded_both_stages(db: Database) -> None:
    """A meeting that recorded Leads alone would halve November's Leads → MQLs (50 of 200)."""
    found = history(db)
    extra, _ = start_meeting(db, clock=at("2026-11-16"), series="Sync")
    stage = {m.name: m for m in list_metrics(db, found["series"])}
    metrics.record_value(db, extra, stage["Leads"].id, 100, clock=at("2026-11-16"))
    end_meeting(db, extra, clock=at("2026-11-16", 16))
    result = scorecard.scorecard(
        db,
        series_id=found["series"],
        series_name="Sync",
        kind="month",
        periods=2,
        today=dt.date(2026, 11, 23),
    )
    rate = figure(result, "marketing", "Leads → MQLs")
    assert rate.values == [30.0, 50.0]
    assert rate.stands_on == [(2, 2), (1, 2)]
    assert rate.basis(result.labels) == "2026-10 on 2 of 2 meetings, 2026-11 on 1 of 2 meetings"
    assert result.notes() == [
        "Leads → MQLs (marketing): 2026-11 on 1 of 2 meetings; the other meetings did not "
        "record both numbers."
    ]


def test_an_open_action_not_yet_due_is_no_miss(db: Database) -> None:
    """Sam's action is due on the 27th; on the 23rd it has missed nothing."""
    found = history(db)
    actions.add_action(
        db,
        meeting_id=None,
        series_id=found["series"],
        text="Call Acme",
        owner="Sam",
        due=dt.date(2026, 11, 27),
        clock=at("2026-11-10"),
    )
    result = scorecard.scorecard(
        db,
        series_id=found["series"],
        series_name="Sync",
        kind="month",
        periods=2,
        today=dt.date(2026, 11, 23),
    )
    assert figure(result, "sales", "actions done on time").values == [100.0, None]
    later = scorecard.scorecard(
        db,
        series_id=found["series"],
        series_name="Sync",
        kind="month",
        periods=2,
        today=dt.date(2026, 11, 28),
    )
    assert figure(later, "sales", "actions done on time").values == [100.0, 0.0]


def test_a_close_call_is_shown_a_digit_finer() -> None:
    """53.5% against a 54.2% target read '54% ✗' beside '54%': the latest value and the
    target are shown to a tenth where they would read alike, the other periods as before."""
    rate = Figure("sales", "MQLs → SQLs", "%", [40.0, 53.5], 54.2)
    assert rate.story() == "40% → 53.5% ✗" and rate.shown(rate.target) == "54.2%"
    clear = Figure("sales", "MQLs → SQLs", "%", [40.0, 51.0], 54.2)
    assert clear.story() == "40% → 51% ✗" and clear.shown(clear.target) == "54%"
    days = Figure("sales", "median days to answer", "d", [7.04], 7.0, better="lower")
    assert days.story() == "7.04d ✗" and days.shown(days.target) == "7.00d"
