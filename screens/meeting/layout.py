"""The meeting screen's widgets, by id, and the line across its top.

The ids are what the screen's parts find their widgets by: the agenda's lines (#agenda-note,
#agenda-headsups, #here-too), the section's (#section-title, #entries, #empty, #pending,
#detail…). Laid out here in one place, so a part's widget is looked up, not passed around.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from meeting.foundations.statuses import MeetingStatus
from meeting.foundations.text import visible
from meeting.foundations.views import MeetingView, SectionView
from screens.section_table import SectionTable
from screens.widgets.agenda import AgendaRow
from screens.widgets.footer import Footer
from screens.widgets.quick_add import QuickAdd
from screens.widgets.value_line import ValueLine


def meeting_widgets(sections: Iterable[SectionView]) -> ComposeResult:
    yield Static("", id="topbar", markup=False)
    with Horizontal(id="meeting-body"):
        with Vertical(id="agenda"):
            yield Static("Agenda", classes="pane-title")
            for section in sections:
                yield AgendaRow(section)
            yield Static("", id="agenda-note", markup=False)
            yield Static("", id="agenda-headsups", markup=False)
            yield Static("", id="here-too", markup=False)
        with Vertical(id="section-pane"):
            yield Static("", id="section-title", markup=False)
            yield Static("", id="section-hint", markup=False)
            yield SectionTable(id="entries", cursor_type="row", zebra_stripes=True)
            yield Static("", id="empty", markup=False)
            yield ValueLine(id="value-line")  # a metric's value, typed right under its row
            yield Static("", id="section-note", markup=False)
            yield Static("", id="pending", markup=False)
            yield QuickAdd(id="quick-add")
            with VerticalScroll(id="detail-pane"):
                yield Static("", id="detail", markup=False)
    yield Footer()


def topbar(meeting: MeetingView) -> str:
    """The series, the date, whether the meeting runs, who facilitates and who is here."""
    ended = meeting.status == MeetingStatus.ENDED
    status = "ended" if ended else "running"
    facilitator = f" · facilitator {visible(meeting.facilitator)}" if meeting.facilitator else ""
    present = len(meeting.attendees)
    here = f" · {present} present" if present else " · attendance not taken"
    if not present and not ended:
        here += " (P)"
    return f"{visible(meeting.series)} · {meeting.date:%a %d %b %Y} · {status}{facilitator}{here}"
