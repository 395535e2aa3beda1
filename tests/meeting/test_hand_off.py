"""Sales accepts or rejects each lead handed over; the hand-off review of a meeting counts
what happened since the series' last meeting. One hand-made history, on both databases."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from meeting.agenda.handoff_review import HandOffReview, hand_off_review
from meeting.agenda.meetings import start_meeting
from meeting.entries import agreements
from meeting.entries.lead_decisions import current_reasons, decide_lead, decisions_of
from meeting.entries.leads import save_lead
from meeting.foundations.clock import FixedClock
from meeting.foundations.errors import HuddleError
from meeting.foundations.statuses import LeadDecisionKind
from meeting.reports.closing import end_meeting
from meeting.reports.minutes import collect, render
from meeting.reports.minutes_bulk import collect_all
from storage.db import Database
from storage.models import Lead

T0 = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)  # a Monday: the first meeting
ACCEPT, REJECT = LeadDecisionKind.ACCEPTED, LeadDecisionKind.REJECTED


def at(days: float, hours: float = 0) -> dt.datetime:
    return T0 + dt.timedelta(days=days, hours=hours)


def lead(db: Database, name: str, source: str, handed: dt.datetime | None) -> int:
    lead_id = save_lead(db, None, name=name, source=source, clock=FixedClock(T0))
    handed_over(db, lead_id, handed)
    return lead_id


def handed_over(
    db: Database, lead_id: int, when: dt.datetime | None, source: str | None = None
) -> None:
    """What the CRM's export says: marketing handed it over (again) at `when`."""
    with db.write() as session:
        found = session.get(Lead, lead_id)
        assert found is not None
        found.handed_over_at = when
        found.source = source if source is not None else found.source


def touched(db: Database, lead_id: int, when: dt.datetime) -> None:
    with db.write() as session:
        found = session.get(Lead, lead_id)
        assert found is not None
        found.first_touch_at = when


def grouped(groups: list) -> list[tuple[str, str, list[str], int]]:
    return [(g.reason, g.source, g.leads, g.qualified) for g in groups]


def meeting_at(db: Database, moment: dt.datetime) -> int:
    clock = FixedClock(moment)
    meeting_id, _ = start_meeting(
        db, clock=clock, template="handoff", facilitator="Dana", create_series_if_missing=True
    )
    return meeting_id


def review_of(db: Database, meeting_id: int) -> HandOffReview:
    review = hand_off_review(db, meeting_id)
    assert review is not None
    return review


def test_a_month_of_hand_offs_reviewed_meeting_by_meeting(db: Database) -> None:
    agreements.edit_agreement(
        db, "follow-up-sla", "Touched within a day.", follow_up_hours=24, clock=FixedClock(at(-30))
    )
    first = meeting_at(db, T0)
    end_meeting(db, first, clock=FixedClock(at(0, 1)))

    ann = lead(db, "Ann", "webinar", at(1))
    bob = lead(db, "Bob", "webinar", at(1))
    cy = lead(db, "Cy", "paid search", at(1))
    dee = lead(db, "Dee", "webinar", at(1))
    decide_lead(db, ann, REJECT, reason="junk", by="Sam", clock=FixedClock(at(1, 2)))
    decide_lead(db, bob, REJECT, reason="JUNK", clock=FixedClock(at(1, 3)))
    decide_lead(db, str(cy), REJECT, reason="student", clock=FixedClock(at(1, 4)))
    decide_lead(db, "Dee", ACCEPT, clock=FixedClock(at(1, 5)))
    # Said twice, recorded once.
    again = decide_lead(db, ann, REJECT, reason="junk", clock=FixedClock(at(2)))
    assert not again.changed and "already rejected (junk)" in again.said()

    second = meeting_at(db, at(7))
    review = review_of(db, second)
    assert (review.since, review.until) == (T0, at(7))
    assert grouped(review.rejected) == [
        ("junk", "webinar", ["Ann", "Bob"], 0),
        ("student", "paid search", ["Cy"], 0),
    ]
    assert review.recycled == [] and review.came_back_qualified == 0
    # Dee was accepted and never touched: 6 days, 24 h agreed, 120 h late. The rejected
    # ones owe nobody a touch.
    assert [(u.lead, u.source, u.hours, u.late_hours) for u in review.untouched] == [
        ("Dee", "webinar", 24, 120)
    ]
    end_meeting(db, second, clock=FixedClock(at(7, 1)))

    # The week after: the reasons list is written, and the SLA loosened to 48 h.
    agreements.edit_agreement(
        db, "rejection-reasons", "- junk\n- wrong persona\n- no budget\n", clock=FixedClock(at(8))
    )
    agreements.edit_agreement(
        db, "follow-up-sla", "Two days.", follow_up_hours=48, clock=FixedClock(at(8))
    )
    handed_over(db, ann, at(9))  # nurtured, handed over again, and taken
    decide_lead(db, ann, ACCEPT, clock=FixedClock(at(9, 1)))
    recycled = decide_lead(db, bob, ACCEPT, clock=FixedClock(at(9, 2)))
    assert recycled.recycled and "came back qualified" in recycled.said()
    handed_over(db, cy, at(9), source="event")  # back by another source, sent back again
    with pytest.raises(HuddleError, match="junk, wrong persona, no budget") as refused:
        decide_lead(db, cy, REJECT, reason="student", clock=FixedClock(at(9, 3)))
    assert "\n" not in str(refused.value)
    decide_lead(db, cy, REJECT, reason="no budget", clock=FixedClock(at(9, 3)))
    touched(db, dee, at(8))
    eve = lead(db, "Eve", "", at(9))  # handed over after the SLA became 48 h
    lead(db, "Fay", "webinar", at(13, 20))  # 4 h before the meeting: not late yet
    gus = lead(db, "Gus", "webinar", at(9))
    touched(db, gus, at(14, 1))  # touched, but after the meeting began
    ivy = lead(db, "Ivy", "webinar", at(9))
    decide_lead(db, ivy, REJECT, reason="wrong-persona", clock=FixedClock(at(9, 5)))
    assert current_reasons(db, clock=FixedClock(at(10))) == [
        "junk",
        "wrong persona",
        "no budget",
    ]

    third = meeting_at(db, at(14))
    review = review_of(db, third)
    assert review.since == at(7)
    assert grouped(review.rejected) == [
        ("no budget", "event", ["Cy"], 0),
        ("wrong persona", "webinar", ["Ivy"], 0),
    ]
    assert grouped(review.recycled) == [
        ("junk", "webinar", ["Ann", "Bob"], 2),
        ("student", "event", ["Cy"], 0),
    ]
    assert (review.rejected_count, review.recycled_count, review.came_back_qualified) == (2, 3, 2)
    # Bob was accepted without a new hand-over: still owed a touch since day 1, at 24 h.
    assert [(u.lead, u.hours, u.late_hours) for u in review.untouched] == [
        ("Bob", 24, 13 * 24 - 24),
        ("Ann", 48, 5 * 24 - 48),
        ("Eve", 48, 5 * 24 - 48),
        ("Gus", 48, 5 * 24 - 48),
    ]
    assert review.untouched[1].source == "webinar" and review.untouched[2].source == "(no source)"
    assert review.figures() == (
        "2 rejected · 3 recycled, 2 came back qualified · 4 past the SLA without a first touch"
    )
    assert [d.said() for d in decisions_of(db, ann)] == [
        "rejected (junk), 2026-11-03 by Sam",
        "accepted, 2026-11-11",
    ]
    with db.read() as session:
        statuses = {
            lead_id: session.get(Lead, lead_id).status  # type: ignore[union-attr]
            for lead_id in (ann, bob, cy, dee, eve)
        }
    assert statuses == {ann: "accepted", bob: "accepted", cy: "nurture", dee: "accepted", eve: ""}

    # The minutes: the same figures as tables, one path or many meetings at once.
    end_meeting(db, third, clock=FixedClock(at(14, 1)))
    today = at(14).date()
    minutes = render(collect(db, third, today=today))
    assert [render(m) for m in collect_all(db, [second, third], today=today)] == [
        render(collect(db, second, today=today)),
        minutes,
    ]
    review_part = minutes.split("## Lead hand-off review\n\n")[1].split("\n## ")[0]
    assert review_part.splitlines() == [
        "Since the last meeting (2026-11-09): 2 rejected · 3 recycled, 2 came back qualified "
        "· 4 past the SLA without a first touch.",
        "",
        "### Rejected",
        "",
        "| Reason | Source | Leads | Which |",
        "|---|---|--:|---|",
        "| no budget | event | 1 | Cy |",
        "| wrong persona | webinar | 1 | Ivy |",
        "",
        "### Recycled",
        "",
        "| Sent back as | Source | Leads | Came back qualified | Which |",
        "|---|---|--:|--:|---|",
        "| junk | webinar | 2 | 2 | Ann, Bob |",
        "| student | event | 1 | 0 | Cy |",
        "",
        "### Past the SLA without a first touch",
        "",
        "| Lead | Owner | Source | Handed over | SLA | Over by |",
        "|---|---|---|---|--:|--:|",
        "| Bob |  | webinar | 2026-11-03 09:00 | 24 h | 288 h |",
        "| Ann |  | webinar | 2026-11-11 09:00 | 48 h | 72 h |",
        "| Eve |  | (no source) | 2026-11-11 09:00 | 48 h | 72 h |",
        "| Gus |  | webinar | 2026-11-11 09:00 | 48 h | 72 h |",
    ]


def test_refusals_name_the_problem_in_one_line(db: Database, clock: FixedClock) -> None:
    lead_id = lead(db, "Zed", "webinar", None)
    for reason, said in (
        (None, "a rejection needs a reason, one of: junk, wrong persona, no budget, duplicate"),
        ("cheap", "'cheap' is not an agreed rejection reason; the reasons are: junk,"),
    ):
        with pytest.raises(HuddleError, match=said):
            decide_lead(db, lead_id, REJECT, reason=reason, clock=clock)
    with pytest.raises(HuddleError, match="accept takes none"):
        decide_lead(db, lead_id, ACCEPT, reason="junk", clock=clock)
    with pytest.raises(HuddleError, match="no lead with id 999"):
        decide_lead(db, 999, ACCEPT, clock=clock)
    with pytest.raises(HuddleError, match="unknown lead 'Nobody'"):
        decide_lead(db, "Nobody", ACCEPT, clock=clock)
    assert decisions_of(db, lead_id) == []


def test_a_meeting_that_never_started_has_no_review(db: Database) -> None:
    meeting_id = meeting_at(db, T0)
    from storage.models import Meeting

    with db.write() as session:
        found = session.get(Meeting, meeting_id)
        assert found is not None
        found.started_at = None
    assert hand_off_review(db, meeting_id) is None


def test_a_csv_carries_sales_decisions_and_reasons(db: Database, tmp_path: Path) -> None:
    from meeting.imports.lead_import import apply_lead_import, plan_lead_import
    from meeting.reads.lead_rows import list_leads

    def imported(text: str, moment: dt.datetime) -> str:
        path = tmp_path / "leads.csv"
        path.write_text(text)
        plan = plan_lead_import(db, path, clock=FixedClock(moment))
        apply_lead_import(db, plan, clock=FixedClock(moment))
        return plan.summary()

    header = "name,company,email,owner,status,source,handed_over,decision,reason\n"
    first = (
        header + "Ann,Acme,ann@acme.example,Sam,,webinar,2026-11-02 09:00,rejected,No-Budget\n"
        "Bob,Beta,bob@beta.example,Sam,,event,2026-11-02 09:00,Accept,\n"
        "Cy,Corp,cy@corp.example,Sam,working,event,2026-11-02 09:00,,\n"
    )
    assert imported(first, at(1)) == (
        "3 added, 0 updated, 0 unchanged, 0 rejected, 1 new people in sales; "
        "sales' decisions: 1 accepted, 1 sent back to nurture"
    )
    assert imported(first, at(2)) == "0 added, 0 updated, 3 unchanged, 0 rejected"
    statuses = {lead.name: lead.status for lead in list_leads(db)}
    assert statuses == {"Ann": "nurture", "Bob": "accepted", "Cy": "working"}
    ann = next(lead.id for lead in list_leads(db) if lead.name == "Ann")
    # Handed over again a week later, and taken: recycled.
    again = first.replace("2026-11-02 09:00,rejected,No-Budget", "2026-11-09 09:00,accepted,")
    assert imported(again, at(8)) == (
        "0 added, 1 updated, 2 unchanged, 0 rejected; sales' decisions: 1 accepted, "
        "0 sent back to nurture"
    )
    assert [d.said() for d in decisions_of(db, ann)] == [
        "rejected (no budget), 2026-11-03",
        "accepted, 2026-11-10",
    ]
    end_meeting(db, meeting_at(db, T0), clock=FixedClock(at(0, 1)))
    review = review_of(db, meeting_at(db, at(9)))
    assert grouped(review.recycled) == [("no budget", "webinar", ["Ann (Acme)"], 1)]

    before = list_leads(db)
    for row, said in (
        ("Dee,D,,,,,,rejected,too small", "line 2: 'too small' is not an agreed rejection reason"),
        ("Dee,D,,,,,,,junk", "line 2: a reason is given without the decision rejected"),
        ("Dee,D,,,,,,maybe,", "line 2: the decision 'maybe' is neither accepted nor rejected"),
        ("Dee,D,,,,,,rejected,", "line 2: a rejection needs a reason, one of: junk, wrong"),
    ):
        with pytest.raises(HuddleError, match=said):
            imported(header + row + "\n", at(10))
    assert list_leads(db) == before
