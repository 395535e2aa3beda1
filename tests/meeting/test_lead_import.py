"""CRM exports in each format, re-imports, and every bad case: nothing half-imported."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlmodel import select

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
