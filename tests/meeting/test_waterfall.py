"""The waterfall, with velocity, on a small hand-made history whose every figure is worked
out by hand below, on SQLite and on PostgreSQL (tests/meeting/conftest.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from meeting.agenda.meetings import get_meeting, start_meeting
from meeting.catalog.metric_catalog import list_metrics, update_metric
from meeting.catalog.target_history import SINCE_EVER
from meeting.entries.people_changes import add_person
from meeting.foundations.clock import FixedClock
from meeting.foundations.errors import HuddleError
from meeting.imports.lead_import import apply_lead_import, plan_lead_import
from meeting.numbers import metrics, scorecard
from meeting.numbers.waterfall import Step, Waterfall, waterfall
from meeting.reports.closing import end_meeting
from storage.db import Database

TODAY = dt.date(2026, 11, 23)
TARGETS = {"Leads": 100, "MQLs": 40, "SQLs": 20, "Demos": 10, "Closed-won": 5}
# What each meeting recorded: the second October meeting recorded no Closed-won.
RECORDED = {
    "2026-10-05": {"Leads": 100, "MQLs": 30, "SQLs": 15, "Demos": 6, "Closed-won": 3},
    "2026-10-19": {"Leads": 100, "MQLs": 50, "SQLs": 20, "Demos": 10},
    "2026-11-02": {"Leads": 200, "MQLs": 80, "SQLs": 40, "Demos": 20, "Closed-won": 4},
}
# When each lead reached each stage (UTC, the team's zone in the suite). Dee has no
# creation date, Eve only one, Fay was won with no demo date, and Gus's MQL date is before
# his creation: none of those pairs is counted.
LEADS = """name,company,created_at,mql_at,sql_at,demo_at,won_at
Ada,A,2026-10-01 09:00,2026-10-03 09:00,2026-10-08 09:00,2026-10-20 21:00,2026-11-05 21:00
Bob,B,2026-10-02,2026-10-06,2026-11-01,,
Cy,C,2026-10-10 12:00,2026-10-11,,,
Dee,D,,2026-10-15,2026-10-18,,
Eve,E,2026-11-03,,,,
Fay,F,,,,,2026-11-20
Gus,G,2026-10-20,2026-10-19,,,
"""


def at(day: str, hour: int = 15) -> FixedClock:
    return FixedClock(dt.datetime.fromisoformat(day).replace(hour=hour, tzinfo=dt.UTC))


def history(db: Database, tmp_path: Path) -> int:
    """Three meetings of one series, two in October and one in November, and seven leads
    with their stage dates; the series' id."""
    add_person(db, "Dana", "leadership")
    series_id = 0
    for day, values in RECORDED.items():
        meeting_id, _ = start_meeting(
            db, clock=at(day), facilitator="Dana", series="Sync", create_series_if_missing=True
        )
        series_id = get_meeting(db, meeting_id).series_id
        stage = {m.name: m for m in list_metrics(db, series_id)}
        for name, value in values.items():
            metrics.record_value(db, meeting_id, stage[name].id, value, clock=at(day))
        end_meeting(db, meeting_id, clock=at(day, 16))
    for m in list_metrics(db, series_id):
        if m.name in TARGETS:
            update_metric(
                db,
                m.id,
                name=m.name,
                team=m.team,
                unit=m.unit,
                direction=m.direction,
                target=TARGETS[m.name],
                funnel=m.funnel,
                on=SINCE_EVER,
            )
    path = tmp_path / "leads.csv"
    path.write_text(LEADS)
    apply_lead_import(db, plan_lead_import(db, path), clock=at("2026-11-20"))
    return series_id


def two_months(db: Database, tmp_path: Path, kind: str = "month", periods: int = 2) -> Waterfall:
    return waterfall(
        db,
        series_id=history(db, tmp_path),
        series_name="Sync",
        kind=kind,
        periods=periods,
        today=TODAY,
    )


def shown(steps: list[Step]) -> list[tuple[str, str, str, str, str]]:
    return [
        (s.stage, s.shown_total(), s.shown_conversion(), s.shown_target(), s.shown_days())
        for s in steps
    ]


def test_every_total_conversion_and_median_on_a_known_history(db: Database, tmp_path: Path) -> None:
    result = two_months(db, tmp_path)
    assert result.labels == ["2026-10", "2026-11"]
    october, november = result.periods
    assert october.meetings == 2 and november.meetings == 1
    # October: totals add both meetings. A conversion adds only the meetings that recorded
    # both stages: Demos → Closed-won stands on the first meeting alone, 3 of 6.
    # Leads → MQLs: 80/200 = 40% (target 40/100: met); MQLs → SQLs 35/80 = 43.75%
    # (target 50%); SQLs → Demos 16/35 = 45.7% (50%); Demos → Closed-won 3/6 = 50% (50%).
    # Days in Leads, of the leads that became MQLs in October: Ada 2.0, Bob 4.0, Cy 0.5
    # (Dee has no creation date, Gus's dates are the wrong way round): median 2.0.
    # In MQLs, of those that became SQLs in October: Ada 5.0, Dee 3.0: median 4.0.
    # In SQLs: Ada 12.5. In Demos: nobody was won in October.
    assert shown(october.steps) == [
        ("Leads", "200", "40% ✓", "40%", "2.0d (3 leads)"),
        ("MQLs", "80", "44% ✗", "50%", "4.0d (2 leads)"),
        ("SQLs", "35", "46% ✗", "50%", "12.5d (1 lead)"),
        ("Demos", "16", "50% ✓", "50%", "–"),
        ("Closed-won", "3", "", "", ""),
    ]
    assert [s.conversion for s in october.steps] == [40.0, 43.75, 16 / 35 * 100, 50.0, None]
    assert [s.days for s in october.steps] == [2.0, 4.0, 12.5, None, None]
    assert [s.dated for s in october.steps] == [3, 2, 1, 0, 0]
    # November: one meeting. Bob became an SQL on 1 November after 26 days as an MQL; Ada
    # was won on the 5th after 16 days in Demos (Fay, won without a demo date, is left out).
    assert shown(november.steps) == [
        ("Leads", "200", "40% ✓", "40%", "–"),
        ("MQLs", "80", "50% ✓", "50%", "26.0d (1 lead)"),
        ("SQLs", "40", "50% ✓", "50%", "–"),
        ("Demos", "20", "20% ✗", "50%", "16.0d (1 lead)"),
        ("Closed-won", "4", "", "", ""),
    ]
    assert result.notes() == [
        "2026-10 Demos → Closed-won: on 1 of 2 meetings; the others did not record both numbers."
    ]


def test_the_conversions_are_the_scorecards_rates(db: Database, tmp_path: Path) -> None:
    series_id = history(db, tmp_path)
    result = waterfall(db, series_id=series_id, series_name="Sync", periods=2, today=TODAY)
    card = scorecard.scorecard(
        db, series_id=series_id, series_name="Sync", kind="month", periods=2, today=TODAY
    )
    for index, step in enumerate(result.periods[0].steps[:-1]):
        after = result.periods[0].steps[index + 1].stage
        figure = next(f for f in card.figures if f.label == f"{step.stage} → {after}")
        assert [p.steps[index].conversion for p in result.periods] == figure.values
        assert step.target == figure.target


def test_a_quarter_and_a_week(db: Database, tmp_path: Path) -> None:
    series_id = history(db, tmp_path)
    quarter = waterfall(
        db, series_id=series_id, series_name="Sync", kind="quarter", periods=1, today=TODAY
    )
    [q4] = quarter.periods
    # Leads → MQLs 160/400; MQLs → SQLs 75/160; SQLs → Demos 36/75; Demos → Closed-won
    # 7/26 (the meetings that recorded both: 6 + 20). Days in MQLs: Ada 5, Dee 3, Bob 26.
    assert shown(q4.steps) == [
        ("Leads", "400", "40% ✓", "40%", "2.0d (3 leads)"),
        ("MQLs", "160", "47% ✗", "50%", "5.0d (3 leads)"),
        ("SQLs", "75", "48% ✗", "50%", "12.5d (1 lead)"),
        ("Demos", "36", "27% ✗", "50%", "16.0d (1 lead)"),
        ("Closed-won", "7", "", "", ""),
    ]
    week = waterfall(
        db, series_id=series_id, series_name="Sync", kind="week", periods=2, today=TODAY
    )
    # The week of 2 November (Monday) holds the last meeting; Bob became an SQL on Sunday
    # 1 November, the week before, which held no meeting.
    assert week.labels == ["2026-W44", "2026-W45"]
    before, last = week.periods
    assert before.meetings == 0 and [s.total for s in before.steps] == [None] * 5
    assert before.steps[1].shown_days() == "26.0d (1 lead)"
    assert before.steps[0].shown_conversion() == "–"
    assert [s.shown_days() for s in last.steps] == ["–", "–", "–", "16.0d (1 lead)", ""]


def test_a_waterfall_needs_meetings_and_a_funnel(db: Database, tmp_path: Path) -> None:
    with pytest.raises(HuddleError, match="unknown period 'day'"):
        waterfall(db, series_id=1, series_name="Sync", kind="day", today=TODAY)
    series_id = history(db, tmp_path)
    for m in list_metrics(db, series_id):
        if m.funnel and m.name != "Leads":
            update_metric(
                db,
                m.id,
                name=m.name,
                team=m.team,
                unit=m.unit,
                direction=m.direction,
                target=m.target,
                funnel=False,
                on=SINCE_EVER,
            )
    with pytest.raises(HuddleError) as caught:
        waterfall(db, series_id=series_id, series_name="Sync", today=TODAY)
    assert str(caught.value) == (
        '"Sync" has no funnel of two stages or more '
        "(add its stages in order: huddle metrics add NAME --funnel)"
    )


def test_the_minutes_that_close_october_hold_its_waterfall(db: Database, tmp_path: Path) -> None:
    """The last October meeting closes the month: its minutes (one or many at a time) show
    October's waterfall as a table, the stage names as typed but escaped."""
    from meeting.reports.minutes import collect, render
    from meeting.reports.minutes_bulk import collect_all

    series_id = history(db, tmp_path)
    demos = next(m for m in list_metrics(db, series_id) if m.name == "Demos")
    update_metric(
        db,
        demos.id,
        name="Demos | *booked*",
        team=demos.team,
        unit=demos.unit,
        direction=demos.direction,
        target=demos.target,
        funnel=True,
        on=SINCE_EVER,
    )
    last_of_october = 2
    text = render(collect(db, last_of_october, today=TODAY))
    section = text.split("## Waterfall, 2026-10\n\n", 1)[1].split("\n## ", 1)[0]
    assert section.splitlines()[2:] == [
        "| Stage | Total | To next | Target | Days in stage |",
        "|---|--:|--:|--:|--:|",
        "| Leads | 200 | 40% ✓ | 40% | 2\\.0d (3 leads) |",
        "| MQLs | 80 | 44% ✗ | 50% | 4\\.0d (2 leads) |",
        "| SQLs | 35 | 46% ✗ | 50% | 12\\.5d (1 lead) |",
        "| Demos \\| \\*booked\\* | 16 | 50% ✓ | 50% | – |",
        "| Closed-won | 3 |  |  |  |",
        "",
        "2026-10 Demos \\| \\*booked\\* → Closed-won\\: on 1 of 2 meetings; the others did "
        "not record both numbers.",
    ]
    assert "## Waterfall" not in render(collect(db, 1, today=TODAY))  # October goes on
    [bulk] = collect_all(db, [last_of_october], today=TODAY)
    assert render(bulk) == text


def test_a_close_call_is_shown_to_a_tenth() -> None:
    close = Step("MQLs", "marketing", 120.0, 53.5, 54.2, None, 0, rate_on=(2, 2))
    assert (close.shown_conversion(), close.shown_target()) == ("53.5% ✗", "54.2%")
    clear = Step("MQLs", "marketing", 120.0, 51.0, 54.2, None, 0, rate_on=(2, 2))
    assert (clear.shown_conversion(), clear.shown_target()) == ("51% ✗", "54%")
