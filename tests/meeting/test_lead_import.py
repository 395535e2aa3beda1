"""CRM exports in each format, re-imports, and every bad case: nothing half-imported."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlmodel import col, select

from meeting.foundations.clock import FixedClock
from meeting.foundations.errors import HuddleError
from meeting.imports.lead_import import LeadImport, apply_lead_import, plan_lead_import
from meeting.reads.lead_rows import list_leads
from storage.db import Database
from storage.models import Person

DATA = Path(__file__).parents[1] / "data"


def run_import(db: Database, clock: FixedClock, path: Path) -> LeadImport:
    plan = plan_lead_import(db, path)
    apply_lead_import(db, plan, clock=clock)
    return plan


def test_hubspot_export(db: Database, clock: FixedClock) -> None:
    plan = run_import(db, clock, DATA / "hubspot.csv")
    assert plan.format == "HubSpot contacts"
    assert plan.summary() == "3 added, 0 updated, 0 unchanged, 0 rejected, 2 new people in sales"
    leads = {lead.name: lead for lead in list_leads(db)}
    ada = leads["Ada Lovelace"]
    assert (ada.company, ada.email, ada.crm_id, ada.owner, ada.status, ada.source) == (
        "Analytical Engines",
        "ada@analytical.example",
        "901",
        "Sam",
        "open",
        "Organic Search",
    )
    assert leads["Grace Hopper"].status == "marketingqualifiedlead"  # lifecycle when no status
    assert leads["Alan Turing"].company == "Enigma, Ltd."
    with db.read() as session:
        teams = {name: team for name, team in session.exec(select(Person.name, Person.team))}
    assert teams == {"Sam": "sales", "Morgan Lee": "sales"}


def test_reimport_updates_by_record_id(db: Database, clock: FixedClock, tmp_path: Path) -> None:
    run_import(db, clock, DATA / "hubspot.csv")
    again = run_import(db, clock, DATA / "hubspot.csv")
    assert again.summary() == "0 added, 0 updated, 3 unchanged, 0 rejected"
    assert len(list_leads(db)) == 3
    changed = tmp_path / "changed.csv"
    changed.write_text((DATA / "hubspot.csv").read_text().replace("Open,lead", "Connected,lead"))
    assert run_import(db, clock, changed).summary() == (
        "0 added, 1 updated, 2 unchanged, 0 rejected"
    )
    assert {lead.name: lead.status for lead in list_leads(db)}["Ada Lovelace"] == "connected"
    assert len(list_leads(db)) == 3


def test_salesforce_and_plain(db: Database, clock: FixedClock) -> None:
    assert run_import(db, clock, DATA / "salesforce.csv").format == "Salesforce leads"
    plain = run_import(db, clock, DATA / "plain.csv")
    assert plain.format == "plain"
    assert run_import(db, clock, DATA / "plain.csv").summary().startswith("0 added, 0 updated, 2")
    assert [lead.name for lead in list_leads(db, status="nurture")] == ["Paul Martin"]
    assert len(list_leads(db)) == 4


def test_bom_semicolons_and_quoted_newlines(
    db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes(
        "\ufeffname;company;email;owner;status;source\n"
        'Lena Fischer;"Nordwind\nGmbH";lena@nordwind.example;Sam;open;"fair;booth 4"\n'
        "Hugo Lambert;Lambert Retail;;;open;web\n".encode()
    )
    run_import(db, clock, path)
    leads = {lead.name: lead for lead in list_leads(db)}
    assert leads["Lena Fischer"].company == "Nordwind\nGmbH"
    assert leads["Lena Fischer"].source == "fair;booth 4"
    assert leads["Hugo Lambert"].owner is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("id,who\n1,x\n", "unknown header 'id,who'"),
        (
            "Record ID,First Name,Last Name,Email\n1,A,B,a@x\n2,C,D,c@x\n1,E,F,e@x\n",
            "line 4: record id 1 is already on line 2",
        ),
        ("name,company\nAda,X\n,Y\n", "line 3: the name is empty"),
        ("Record ID,First Name,Last Name\n,Ada,L\n", "line 2: the record id is empty"),
    ],
)
def test_bad_files_import_nothing(
    db: Database, clock: FixedClock, tmp_path: Path, content: str, message: str
) -> None:
    shutil.copy(DATA / "plain.csv", tmp_path / "first.csv")
    run_import(db, clock, tmp_path / "first.csv")
    path = tmp_path / "bad.csv"
    path.write_text(content)
    with pytest.raises(HuddleError) as caught:
        plan_lead_import(db, path)
    assert message in str(caught.value)
    assert len(list_leads(db)) == 2


def test_hand_over_and_first_touch_are_read_and_kept(
    db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    """What the follow-up SLA's hours measure: read in any format, and an export without
    those columns forgets nothing."""
    import datetime as dt

    path = tmp_path / "touch.csv"
    path.write_text(
        "name,company,owner,handed_over,first_touch\n"
        "Ada,Engines,Sam,2026-11-02T09:00:00+00:00,2026-11-02 21:30+00:00\n"
        "Grace,Navy,Sam,2026-11-03T09:00:00Z,\n"
    )
    run_import(db, clock, path)
    leads = {lead.name: lead for lead in list_leads(db)}
    utc = dt.UTC
    assert leads["Ada"].handed_over_at == dt.datetime(2026, 11, 2, 9, tzinfo=utc)
    assert leads["Ada"].first_touch_at == dt.datetime(2026, 11, 2, 21, 30, tzinfo=utc)
    assert leads["Grace"].first_touch_at is None
    assert leads["Ada"].as_dict()["first_touch_at"] == "2026-11-02T21:30:00+00:00"
    without = tmp_path / "without.csv"
    without.write_text("name,company,owner\nAda,Engines,Sam\n")
    assert run_import(db, clock, without).summary().startswith("0 added, 0 updated, 1")
    assert list_leads(db, search="Ada")[0].handed_over_at is not None
    salesforce = tmp_path / "sf.csv"
    salesforce.write_text(
        "Lead ID,First Name,Last Name,Company,Handed Over,First Touch\n"
        "00Q1,Alan,Turing,Enigma,2026-11-04 10:00,2026-11-05 10:00\n"
    )
    run_import(db, clock, salesforce)
    alan = list_leads(db, search="Alan")[0]
    assert alan.first_touch_at - alan.handed_over_at == dt.timedelta(hours=24)  # type: ignore[operator]  # both set by this import


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            "Ada,X,Sam,next week,",
            "line 2: 'next week' is not a date and time (write 2026-11-03 14:05)",
        ),
        (
            "Ada,X,Sam,2026-11-03 10:00,2026-11-02 10:00",
            "line 2: the first touch is before the hand-over",
        ),
    ],
)
def test_a_bad_hand_over_imports_nothing(
    db: Database, clock: FixedClock, tmp_path: Path, row: str, message: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(f"name,company,owner,handed_over,first_touch\n{row}\n")
    with pytest.raises(HuddleError) as caught:
        plan_lead_import(db, path)
    assert message in str(caught.value)
    assert list_leads(db) == []


def stage_dates(db: Database) -> dict[str, dict[str, str]]:
    """Each lead's stage dates by name, as stored: stage key -> ISO time in UTC."""
    from storage.models import Lead, LeadStage

    with db.read() as session:
        rows = session.exec(
            select(Lead.name, LeadStage.stage, LeadStage.reached_at).join(
                LeadStage, col(LeadStage.lead_id) == Lead.id
            )
        ).all()
    found: dict[str, dict[str, str]] = {}
    for name, stage, at in rows:
        found.setdefault(name, {})[stage] = at.isoformat()
    return found


def test_stage_dates_are_read_under_any_spelling_and_kept(
    db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    """`created_at` dates the first stage; `MQL date`, `sql at`, `demo_at` and `won_at` the
    stages they name; an empty cell, or a file without the column, forgets nothing."""
    path = tmp_path / "stages.csv"
    path.write_text(
        "name,company,created_at,MQL date,sql at,demo_at,won_at\n"
        "Ada,Engines,2026-10-01 09:00+00:00,2026-10-03 09:00+00:00,2026-10-08,,\n"
        "Grace,Navy,,,,2026-10-20T12:00:00Z,2026-10-30T12:00:00Z\n"
    )
    plan = run_import(db, clock, path)
    assert plan.summary() == "2 added, 0 updated, 0 unchanged, 0 rejected"
    assert stage_dates(db) == {
        "Ada": {
            "created": "2026-10-01T09:00:00+00:00",
            "mql": "2026-10-03T09:00:00+00:00",
            "sql": "2026-10-08T00:00:00+00:00",  # a date alone: the team's midnight (UTC)
        },
        "Grace": {"demo": "2026-10-20T12:00:00+00:00", "won": "2026-10-30T12:00:00+00:00"},
    }
    assert run_import(db, clock, path).summary() == "0 added, 0 updated, 2 unchanged, 0 rejected"
    later = tmp_path / "later.csv"
    later.write_text(
        "name,company,mqls_at,Demo Date\n"
        "Ada,Engines,,2026-10-12 10:00+00:00\n"  # Ada's MQL date stays; her demo is new
        "Grace,Navy,,\n"
    )
    assert run_import(db, clock, later).summary() == "0 added, 1 updated, 1 unchanged, 0 rejected"
    ada = stage_dates(db)["Ada"]
    assert ada["mql"] == "2026-10-03T09:00:00+00:00"
    assert ada["demo"] == "2026-10-12T10:00:00+00:00"
    moved = tmp_path / "moved.csv"
    moved.write_text("name,company,mql_at\nAda,Engines,2026-10-04 09:00+00:00\n")
    assert run_import(db, clock, moved).summary() == "0 added, 1 updated, 0 unchanged, 0 rejected"
    assert stage_dates(db)["Ada"]["mql"] == "2026-10-04T09:00:00+00:00"
    without = tmp_path / "without.csv"
    without.write_text("name,company\nAda,Engines\n")
    run_import(db, clock, without)
    assert len(stage_dates(db)["Ada"]) == 4


def test_a_crm_export_dates_its_leads_creation(db: Database, clock: FixedClock) -> None:
    """HubSpot's `Create Date` and Salesforce's `Created Date` date the first stage."""
    run_import(db, clock, DATA / "hubspot.csv")
    run_import(db, clock, DATA / "salesforce.csv")
    dates = stage_dates(db)
    assert dates["Ada Lovelace"] == {"created": "2026-10-01T00:00:00+00:00"}
    assert dates["Mei Tanaka"] == {"created": "2026-09-12T00:00:00+00:00"}


@pytest.mark.parametrize(
    ("header", "row", "message"),
    [
        (
            "name,mqq_at",
            "Ada,2026-10-01",
            "column 'mqq_at' names no stage of the funnel (the stages: Leads, MQLs, SQLs, "
            "Demos, Closed-won; write mql_at, sql_at, demo_at, won_at, or created_at for "
            "the first)",
        ),
        ("name,mql_at,MQL date", "Ada,,", "columns 'mql_at' and 'mql date' date the same stage"),
        ("name,sql_at", "Ada,soon", "line 2: 'soon' is not a date and time"),
        # A CRM's own `…_at` column is a person's addition: it must name a stage too.
        ("Record ID,First Name,Last Name,pilot_at", "1,Ada,L,", "column 'pilot_at' names no"),
    ],
)
def test_a_stage_date_that_names_no_stage_imports_nothing(
    db: Database, clock: FixedClock, tmp_path: Path, header: str, row: str, message: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(f"{header}\n{row}\n")
    with pytest.raises(HuddleError) as caught:
        plan_lead_import(db, path)
    assert message in str(caught.value)
    if not message.startswith("line"):  # a bad header is one line
        assert "\n" not in str(caught.value)
    assert list_leads(db) == []


def test_a_crms_other_date_columns_are_left_alone(
    db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    path = tmp_path / "hubspot.csv"
    path.write_text(
        "Record ID,First Name,Last Name,Last Activity Date,Became an SQL Date\n"
        "1,Ada,Lovelace,2026-10-09,2026-10-05\n"
    )
    run_import(db, clock, path)
    assert stage_dates(db) == {}  # neither names a stage as a whole or by one word
    named = tmp_path / "named.csv"
    named.write_text("Record ID,First Name,Last Name,SQL Date\n1,Ada,Lovelace,2026-10-05\n")
    run_import(db, clock, named)
    assert stage_dates(db) == {"Ada Lovelace": {"sql": "2026-10-05T00:00:00+00:00"}}


def test_a_renamed_stage_of_a_series_is_a_stage_the_import_knows(
    db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    from meeting.agenda.meetings import get_meeting, start_meeting
    from meeting.catalog.metric_catalog import list_metrics, update_metric

    meeting_id, _ = start_meeting(
        db, clock=clock, facilitator="Dana", series="Sync", create_series_if_missing=True
    )
    series_id = get_meeting(db, meeting_id).series_id
    demos = next(m for m in list_metrics(db, series_id) if m.name == "Demos")
    update_metric(
        db,
        demos.id,
        name="Discovery calls",
        team=demos.team,
        unit=demos.unit,
        direction=demos.direction,
        target=None,
        funnel=True,
        on=clock.today(),
    )
    path = tmp_path / "calls.csv"
    path.write_text("name,discovery call date\nAda,2026-10-05\n")
    run_import(db, clock, path)
    assert stage_dates(db) == {"Ada": {"discovery call": "2026-10-05T00:00:00+00:00"}}
