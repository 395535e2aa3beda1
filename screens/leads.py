"""Leads: add and edit by hand, search, and marketing's nurture list."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Input, Static
from textual.worker import Worker, WorkerState

from meeting.foundations.clock import Clock
from meeting.foundations.statuses import LeadDecisionKind, Outcome
from meeting.foundations.text import counted
from meeting.reads.lead_rows import PAGE, LeadRow, count_leads, list_leads
from screens.cells import cell
from screens.damaged import WorkerFailed
from screens.guard import REFUSED, SERVER_RETRY_SECONDS, guarded, tell
from screens.paging import Page, Pages
from screens.widgets.fit import TableFit
from screens.widgets.footer import Footer
from storage.db import Database
from storage.errors import ServerGone

COLUMNS = ("Name", "Company", "Email", "Owner", "Status", "Source", "CRM id")


def status_cell(lead: LeadRow) -> Text:
    """A lead on the nurture list says why sales sent it back: 'nurture · no budget'."""
    if lead.status != Outcome.NURTURE:
        return cell(lead.status, 28)
    shown = f"{lead.status} · {lead.rejected_for}" if lead.rejected_for else lead.status
    return cell(shown, 28, style="yellow")


def lead_cells(lead: LeadRow) -> list[Text]:
    return [
        cell(lead.name, 24),
        cell(lead.company, 24),
        cell(lead.email, 28),
        cell(lead.owner or "", 14),
        status_cell(lead),
        cell(lead.source, 16),
        cell(lead.crm_id or "", 12),
    ]


class LeadsScreen(Screen[None]):
    """Leads by name, read a page at a time in a worker thread (as History reads action
    items), so a CRM's 100,000 leads open at once; looking loads no ORM, a form does."""

    PALETTE_NAMESPACE = "leads"
    # The table has focus from the first frame: a key typed right after `L` (`n`) is the
    # table's, not the search box's, which would have had focus until the screen mounted.
    AUTO_FOCUS = "#leads"
    # In a narrow terminal the footer keeps sales' decision and the nurture list first
    # (enter edits too, so `e` is the one that goes).
    FOOTER_KEEP = ("leads.accept", "leads.reject", "leads.nurture", "leads.search", "leads.back")
    BINDINGS = [
        Binding("a", "add", "Add", id="leads.add", tooltip="Add a lead by hand"),
        Binding("e", "edit", "Edit", id="leads.edit", tooltip="Edit the highlighted lead"),
        Binding("y", "accept", "Accept", id="leads.accept", tooltip="Sales takes the lead"),
        Binding(
            "r",
            "reject",
            "Reject",
            id="leads.reject",
            tooltip="Send the lead back to marketing's nurture list, with an agreed reason",
        ),
        Binding(
            "n",
            "toggle_nurture",
            "Nurture",
            id="leads.nurture",
            tooltip="Show only leads sent back to marketing to nurture, or all",
        ),
        Binding("slash", "search", "Search", id="leads.search"),
        Binding("escape", "close", "Back", id="leads.back"),
    ]

    def __init__(self, db: Database, clock: Clock, me: str | None = None) -> None:
        super().__init__()
        self.db = db
        self.clock = clock
        self.me = me  # who is at this terminal, if it said: who decides, by default
        self.nurture_only = False
        self.asked: tuple[str | None, str | None] = (None, None)  # the search, the status
        fit = TableFit(
            list(COLUMNS),
            flexible=("Name", "Company", "Email", "Owner", "Source"),
            optional=("CRM id", "Source", "Owner"),
        )
        self.pages: Pages[LeadRow] = Pages(fit, lambda lead: lead.id)
        self.retry_timer: Timer | None = None  # the server was away: look again shortly

    @property
    def rows(self) -> list[LeadRow]:
        """The leads loaded so far: the first pages of those the search and switch select."""
        return self.pages.rows

    @property
    def total(self) -> int:
        return self.pages.total

    def compose(self) -> ComposeResult:
        yield Static("Leads", id="topbar", markup=False)
        yield Input(placeholder="search name or company (enter)", id="lead-search", compact=True)
        yield Static("", id="leads-state", markup=False)
        yield DataTable(id="leads", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#leads", DataTable).focus()
        self.load()

    @property
    def rows_coming(self) -> bool:
        """A filter's first page is on its way: keys typed meanwhile wait for it."""
        return self.pages.rows_coming

    def table_width(self) -> int:
        return max(self.app.size.width - 4, 20)

    def load(self, *, keep_place: bool = False) -> None:
        """What the search box and the nurture switch ask for, read here on the UI thread.
        A new search starts at the top; after a save, as many rows as were loaded come back,
        so the cursor stays where it was."""
        search = self.query_one("#lead-search", Input).value.strip() or None
        self.asked = (search, Outcome.NURTURE if self.nurture_only else None)
        limit = max(PAGE, len(self.rows)) if keep_place else PAGE
        if not keep_place:
            self.query_one("#leads", DataTable).move_cursor(row=0)
        self.fetch(self.pages.restart(), self.asked, 0, limit)

    @work(thread=True, group="leads-page", exit_on_error=False)
    def fetch(
        self, generation: int, asked: tuple[str | None, str | None], offset: int, limit: int
    ) -> None:
        search, status = asked
        try:
            rows = list_leads(self.db, status=status, search=search, offset=offset, limit=limit)
            # The total with the first page: the state line says how many the search found.
            total = count_leads(self.db, status=status, search=search) if offset == 0 else None
        except REFUSED as exc:
            self.app.call_from_thread(self.show_error, generation, exc)
            return
        self.app.call_from_thread(self.show_page, generation, Page(rows, offset, total))

    def show_error(self, generation: int, exc: BaseException) -> None:
        """Said where the leads would be, and once as a notice; with the server away, read
        again by itself shortly (as History does), keeping what was loaded."""
        if not self.is_attached or not self.pages.current(generation):
            return
        self.pages.rows_coming = False  # none are: the keys go on to the rows shown
        self.query_one("#leads-state", Static).update(" ".join(str(exc).split()))
        tell(self, exc)
        if isinstance(exc, ServerGone) and self.retry_timer is None:
            self.retry_timer = self.set_timer(SERVER_RETRY_SECONDS, self.retry)

    def retry(self) -> None:
        self.retry_timer = None
        if self.is_attached:
            self.load(keep_place=True)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.post_message(WorkerFailed(event.worker.error))

    def show_page(self, generation: int, page: Page[LeadRow]) -> None:
        if not self.is_attached or not self.query("#leads") or not self.pages.current(generation):
            return  # closed while the rows were on their way, or asked for again since
        table = self.query_one("#leads", DataTable)
        cursor = table.cursor_row
        # Fitted to the terminal, with widths given: whole on the first frame, at any size.
        self.pages.add(table, page, [lead_cells(lead) for lead in page.rows], self.table_width())
        if page.offset == 0 and self.rows:
            table.move_cursor(row=min(cursor, len(self.rows) - 1))
        self.show_state()

    def show_state(self) -> None:
        scope = "marketing's nurture list" if self.nurture_only else "all leads"
        search = self.asked[0]
        if search:
            scope = f"{'nurture leads' if self.nurture_only else 'leads'} matching {search!r}"
        shown = counted(self.total, "lead")
        if len(self.rows) < self.total:
            shown = f"{len(self.rows):,} of {shown}"
        self.query_one("#leads-state", Static).update(f"Showing {scope} · {shown}")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        offset = self.pages.next_offset(event.cursor_row)
        if offset is not None:
            self.fetch(self.pages.generation, self.asked, offset, PAGE)

    def on_resize(self) -> None:
        if self.rows and self.table_width() != self.pages.fitted_for:
            # The columns chosen again for the new width: the rows loaded, read again.
            loaded = max(PAGE, len(self.rows))
            self.fetch(self.pages.restart(), self.asked, 0, loaded)

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.set_focus(self.query_one("#leads", DataTable))
        self.load()

    def on_data_table_row_selected(self, _event: DataTable.RowSelected) -> None:
        self.action_edit()

    def action_search(self) -> None:
        self.set_focus(self.query_one("#lead-search", Input))  # now: keys queued behind / follow

    def action_toggle_nurture(self) -> None:
        self.nurture_only = not self.nurture_only
        self.load()

    def action_add(self) -> None:
        self.lead_form(None)

    def action_edit(self) -> None:
        lead = self.highlighted()
        if lead is not None:
            self.lead_form(lead)

    def highlighted(self) -> LeadRow | None:
        return self.pages.at(self.query_one("#leads", DataTable).cursor_row)

    @guarded
    def action_accept(self) -> None:
        from meeting.entries.lead_decisions import decide_lead

        lead = self.highlighted()
        if lead is not None:
            done = decide_lead(
                self.db, lead.id, LeadDecisionKind.ACCEPTED, by=self.me, clock=self.clock
            )
            self.notify(done.said(), markup=False)
            self.load(keep_place=True)

    def action_reject(self) -> None:
        """Asks for the reason from the list as agreed now, and who decides."""
        from meeting.entries.lead_decisions import current_reasons, decide_lead
        from meeting.entries.people import roster
        from screens.form_fields import Field, FormValues
        from screens.forms import EntryForm

        lead = self.highlighted()
        if lead is None:
            return
        reasons = current_reasons(self.db, clock=self.clock)
        fields = [
            Field(
                "reason",
                "Reason (the agreed list)",
                kind="choice",
                choices=reasons,
                value="",  # none chosen: a hasty enter cannot call a lead junk
            ),
            Field(
                "by",
                "Decided by",
                kind="person",
                value=self.me or lead.owner or "",
                default_team="sales",
            ),
        ]

        def save(form: FormValues) -> None:
            done = decide_lead(
                self.db,
                lead.id,
                LeadDecisionKind.REJECTED,
                reason=form["reason"],
                by=form["by"] or None,
                clock=self.clock,
            )
            self.notify(done.said(), markup=False)

        known = roster(self.db)
        form = EntryForm(
            f"Reject: {lead.name}", fields, save, people=known.teams_of, teams=known.teams
        )
        self.app.push_screen(form, self.reload_if_saved)

    def lead_form(self, lead: LeadRow | None) -> None:
        # Changes load the ORM; looking does not.
        from meeting.entries.leads import save_lead
        from meeting.entries.people import roster
        from screens.form_fields import Field, FormValues
        from screens.forms import EntryForm

        known = roster(self.db)
        people, teams = known.teams_of, known.teams
        fields = [
            Field("name", "Name", value=lead.name if lead else "", placeholder="e.g. Jane Cooper"),
            Field("company", "Company", value=lead.company if lead else ""),
            Field("email", "Email", value=lead.email if lead else ""),
            Field(
                "owner",
                "Owner in sales",
                kind="person",
                value=(lead.owner or "") if lead else "",
                default_team="sales",
            ),
            Field(
                "status",
                "Status",
                value=lead.status if lead else "open",
                placeholder="open, working, nurture, …",
            ),
            Field(
                "source",
                "Source",
                value=lead.source if lead else "",
                placeholder="webinar, paid search, …",
            ),
            Field("crm_id", "CRM record id (optional)", value=(lead.crm_id or "") if lead else ""),
        ]

        def save(form: FormValues) -> None:
            save_lead(self.db, lead.id if lead else None, clock=self.clock, **form.values)

        form = EntryForm(
            "New lead" if lead is None else f"Lead: {lead.name}",
            fields,
            save,
            people=people,
            teams=teams,
        )
        self.app.push_screen(form, self.reload_if_saved)

    def action_close(self) -> None:
        self.dismiss(None)

    def reload_if_saved(self, saved: bool | None) -> None:
        if saved:
            self.load(keep_place=True)
