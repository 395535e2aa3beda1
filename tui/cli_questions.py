"""`huddle questions ...` and `huddle leads ...`: a sales rep answers from their own terminal."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from meeting.foundations.clock import local
from meeting.foundations.errors import HuddleError
from meeting.foundations.statuses import QuestionStatus
from meeting.foundations.text import counted
from tui.cli_common import (
    FormatOption,
    PastOption,
    RawOption,
    SeriesOption,
    as_name,
    clock,
    database,
    due_date,
    meeting_in_series,
    next_meeting_offered,
    pick_series,
    say_when_empty,
)
from tui.output import OutputFormat, emit, say

if TYPE_CHECKING:
    from meeting.entries.question_rows import QuestionRow
    from storage.db import Database

questions_app = typer.Typer(
    help="Lead questions: ask, answer, list, figures.", no_args_is_help=True
)
leads_app = typer.Typer(
    help="Leads: import from a CRM export, list, accept or reject.", no_args_is_help=True
)
LeadArgument = Annotated[
    str, typer.Argument(metavar="ID", help="The lead's id (see: leads list), CRM id or name.")
]
ByOption = Annotated[
    str | None, typer.Option("--by", help="Who in sales decides. Default: --as, if given.")
]


@questions_app.command("ask")
def questions_ask(
    text: Annotated[str, typer.Argument(help="The question, e.g. 'Why did they go quiet?'.")],
    lead: Annotated[str, typer.Option("--lead", help="Lead name, 'Name (Company)' or CRM id.")],
    assignee: Annotated[str, typer.Option("--assignee", help="Who must answer (usually sales).")],
    asked_by: Annotated[str | None, typer.Option("--by", help="Who asks.")] = None,
    due: Annotated[
        str | None, typer.Option("--due", help="Due date. Default: the next meeting.")
    ] = None,
    meeting: Annotated[
        str | None,
        typer.Option(
            "--meeting",
            "-m",
            help="Raised in this meeting (id, date or latest). "
            "Default: the running meeting, if any.",
        ),
    ] = None,
    new_lead: Annotated[
        bool, typer.Option("--new-lead", help="Add the lead if it is not known yet.")
    ] = False,
    series: SeriesOption = None,
    past: PastOption = False,
) -> None:
    """Ask about a lead. It stays open, and comes back every meeting, until answered."""
    from meeting.agenda.series import next_meeting_date
    from meeting.entries.leads import resolve_lead
    from meeting.entries.questions import ask_question
    from storage.models import stored_id

    with database() as db:
        chosen = pick_series(db, series)
        meeting_id = meeting_in_series(db, chosen, meeting)
        if not new_lead:
            with db.read() as session:
                try:
                    resolve_lead(session, lead)
                except HuddleError as exc:
                    raise HuddleError(f"{exc}; add --new-lead to add it") from None
        with next_meeting_offered(meeting):
            question_id = ask_question(
                db,
                series_id=stored_id(chosen.id),
                meeting_id=meeting_id,
                text=text,
                lead=lead,
                assignee=assignee,
                asked_by=asked_by,
                due=due_date(due, past=past)
                or next_meeting_date(db, stored_id(chosen.id), clock=clock()),
                clock=clock(),
                strict=not new_lead,
            )
    say(f"Asked question {question_id}")


@questions_app.command("answer")
def questions_answer(
    question_id: Annotated[int, typer.Argument(metavar="ID", help="The question's id.")],
    text: Annotated[str, typer.Argument(help="What happened, in facts.")],
    outcome: Annotated[
        str | None,
        typer.Option("--outcome", help="working, nurture, disqualified, converted, won or lost."),
    ] = None,
) -> None:
    """Answer a question with facts and an outcome."""
    from meeting.agenda.lookup import running_meeting
    from meeting.entries.questions import answer_question, check_outcome

    chosen_outcome = check_outcome(outcome)  # a mistyped outcome first: it is the thing to fix
    with database() as db:
        running = running_meeting(db)
        answer_question(
            db,
            question_id,
            answer=text,
            outcome=outcome,
            meeting_id=running.id if running else None,
            clock=clock(),
            first_only=True,
            by=as_name(),
        )
    say(f"Answered question {question_id} ({chosen_outcome})")


def _question_rows(db: "Database", **filters: Any) -> "list[QuestionRow]":
    from meeting.entries.questions import list_questions

    return list_questions(db, today=clock().today(), **filters)


@questions_app.command("withdraw")
def questions_withdraw(
    question_id: Annotated[int, typer.Argument(metavar="ID", help="The question's id.")],
) -> None:
    """Withdraw a question; it stays in the record, unanswered."""
    from meeting.entries.questions import withdraw_question

    with database() as db:
        withdraw_question(db, question_id)
    say(f"Withdrew question {question_id}")


@questions_app.command("reopen")
def questions_reopen(
    question_id: Annotated[int, typer.Argument(metavar="ID", help="The question's id.")],
) -> None:
    """Open a question again, clearing its answer."""
    from meeting.entries.questions import reopen_question

    with database() as db:
        reopen_question(db, question_id)
    say(f"Question {question_id} is open again")


@questions_app.command("list")
def questions_list(
    only_open: Annotated[bool, typer.Option("--open", help="Only unanswered questions.")] = False,
    assignee: Annotated[str | None, typer.Option("--assignee", help="Assigned to.")] = None,
    asked_by: Annotated[str | None, typer.Option("--by", help="Asked by.")] = None,
    lead: Annotated[str | None, typer.Option("--lead", help="About this lead.")] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Open and past due.")] = False,
    fmt: FormatOption = OutputFormat.table,
    raw: RawOption = False,
) -> None:
    """List lead questions, oldest first."""
    today = clock().today()
    with database() as db:
        rows = _question_rows(
            db,
            status=QuestionStatus.OPEN if only_open else None,
            assignee=assignee,
            asked_by=asked_by,
            lead=lead,
            overdue=overdue,
        )
    records = []
    for row in rows:
        record = row.as_dict()
        if fmt is OutputFormat.table:
            record = {
                "id": row.id,
                "lead": row.lead,
                "question": row.text,
                "asked_by": row.asked_by,
                "assignee": row.assignee,
                "due": row.due.isoformat() if row.due else "",
                "age": f"{row.age_days(today)}d",
                "status": row.outcome or row.status,
                "answer": row.answer or "",
            }
        records.append(record)
    emit(records, fmt, empty="No questions match.", raw=raw)
    say_when_empty(records)


@questions_app.command("stats")
def questions_stats(fmt: FormatOption = OutputFormat.table, raw: RawOption = False) -> None:
    """Figures per assignee. Open, overdue, median days to answer, share answered by the
    due date."""
    from meeting.entries.question_figures import question_figures
    from meeting.foundations.number_format import format_share

    today = clock().today()
    with database() as db:
        figures = question_figures(_question_rows(db), today)
    rows = [f.as_dict() for f in figures]
    if fmt is OutputFormat.table:
        for row, figure in zip(rows, figures, strict=True):
            row["median_days_to_answer"] = (
                "" if figure.median_days_to_answer is None else f"{figure.median_days_to_answer}d"
            )
            row["answered_by_due"] = format_share(figure.answered_by_due)
    emit(rows, fmt, empty="No questions yet.", raw=raw)


@leads_app.command("import")
def leads_import(
    file: Annotated[Path, typer.Argument(help="HubSpot, Salesforce or plain CSV export.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check the file and say what would change.")
    ] = False,
) -> None:
    """Import leads; re-importing updates by record id. All rows or none."""
    from meeting.imports.lead_import import apply_lead_import, plan_lead_import

    with database() as db:
        plan = plan_lead_import(db, file, clock=clock())
        if not dry_run:
            apply_lead_import(db, plan, clock=clock())
    verb = "Would import" if dry_run else "Imported"
    say(f"{verb} {counted(plan.rows, 'row')} ({plan.format}): {plan.summary()}")


@leads_app.command("list")
def leads_list(
    status: Annotated[
        str | None, typer.Option("--status", help="Only this status, e.g. nurture.")
    ] = None,
    search: Annotated[
        str | None, typer.Option("--search", help="Name or company contains.")
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    raw: RawOption = False,
) -> None:
    """List leads by name. Each shows when it was handed over and first touched (from
    the CRM)."""
    from meeting.reads.lead_rows import list_leads

    with database() as db:
        found = list_leads(db, status=status, search=search)
    rows = [row.as_dict() for row in found]
    if fmt is OutputFormat.table:  # the minute, on the team's clock, is enough to read
        for row, lead in zip(rows, found, strict=True):
            for key in ("handed_over_at", "first_touch_at"):
                moment = getattr(lead, key)
                row[key] = f"{local(moment):%Y-%m-%d %H:%M}" if moment else ""
    emit(rows, fmt, empty="No leads match.", raw=raw)


@leads_app.command("accept")
def leads_accept(lead: LeadArgument, by: ByOption = None) -> None:
    """Sales takes a lead marketing handed over. One sent back before counts as recycled."""
    from meeting.entries.lead_decisions import decide_lead
    from meeting.foundations.statuses import LeadDecisionKind

    with database() as db:
        done = decide_lead(db, lead, LeadDecisionKind.ACCEPTED, by=by or as_name(), clock=clock())
    say(done.said())


@leads_app.command("reject")
def leads_reject(
    lead: LeadArgument,
    reason: Annotated[
        str,
        typer.Option(
            "--reason", help="An agreed reason (huddle agreements show rejection-reasons)."
        ),
    ],
    by: ByOption = None,
) -> None:
    """Send a lead back to marketing's nurture list. The reason is from the agreed list."""
    from meeting.entries.lead_decisions import decide_lead
    from meeting.foundations.statuses import LeadDecisionKind

    with database() as db:
        done = decide_lead(
            db, lead, LeadDecisionKind.REJECTED, reason=reason, by=by or as_name(), clock=clock()
        )
    say(done.said())
