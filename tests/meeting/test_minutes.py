"""Minutes render exactly what people typed, checked by rendering them with markdown-it-py."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from meeting.catalog.templates import TEMPLATES
from meeting.entries.action_rows import ActionRow
from meeting.entries.agreements import VersionRow
from meeting.entries.headsups import HeadsUpRow
from meeting.entries.items import ItemRow
from meeting.entries.question_rows import QuestionRow
from meeting.foundations.clock import FixedClock
from meeting.foundations.statuses import ActionStatus, MeetingStatus
from meeting.foundations.views import MeetingView, SectionView
from meeting.numbers.card import Figure, Scorecard
from meeting.numbers.metrics import NumberRow
from meeting.numbers.periods import Period
from meeting.reports.markdown import escape
from meeting.reports.minutes import MinutesData, render
from storage.db import Database
from storage.models import stored_id

GOLDEN = Path(__file__).parents[1] / "data" / "minutes_golden.md"
ALLOWED_TAGS = {
    "h1",
    "h2",
    "h3",
    "p",
    "ul",
    "li",
    "strong",
    "em",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
MD = MarkdownIt("commonmark", {"html": True}).enable("table")


class Text(HTMLParser):
    """The text a reader sees, with <br> as a line break, and every tag used."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: set[str] = set()
        self.after_break = False
        self.rows: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag == "br":
            self.parts.append("\n")
            self.after_break = True
        if tag == "tr":
            self.rows.append(0)
        if tag in ("td", "th"):
            self.rows[-1] += 1
            self.parts.append("\x00")  # cell boundary: a typed string never spans cells

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("p", "li", "td", "th", "h1", "h2", "h3"):
            self.parts.append("\x00")

    def handle_data(self, data: str) -> None:
        if self.after_break and data.startswith("\n"):
            data = data[1:]  # the source line break after <br />
        self.after_break = False
        self.parts.append(data)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def read(markdown: str) -> Text:
    parser = Text()
    parser.feed(MD.render(markdown))
    return parser


NOW = dt.datetime(2026, 11, 23, 15, tzinfo=dt.UTC)
TODAY = NOW.date()


def minutes_with(typed: list[str], template: str = "sync") -> MinutesData:
    """A meeting of `template` whose every typed field holds one of `typed`."""
    t = (typed * 12)[:12]
    sections = [
        SectionView(i, i, spec.kind, spec.key, spec.key.title(), 600, 0.0, None)
        for i, spec in enumerate(TEMPLATES[template].sections)
    ]
    meeting = MeetingView(
        1,
        1,
        t[0],
        "weekly",
        TODAY,
        MeetingStatus.ENDED,
        template,
        t[1],
        0,
        NOW,
        NOW,
        sections,
        [(t[2], "sales"), ("Priya", t[3])],
    )
    number = NumberRow(1, t[4], "sales", "count", "higher", 10, True, 12, 8, [8, 12])
    action = ActionRow(1, t[5], t[6], "sales", TODAY, "open", 1, TODAY)
    review = ActionRow(2, t[7], "Sam", "sales", TODAY, "done", 0, TODAY, reviewed="done")
    question = QuestionRow(1, t[8], t[9], "", t[10], "Sam", TODAY, "answered", t[11], "won", NOW)
    still_open = QuestionRow(
        2, t[11], t[8], "", None, t[9], TODAY, "open", None, None, NOW, carried=2
    )
    return MinutesData(
        meeting=meeting,
        numbers=[number],
        rates=[],
        sections={
            "working": [ItemRow(1, t[3], "sales", t[2], 1)],
            "broken": [
                ItemRow(2, t[10], "marketing", None),
                # a theme (its title typed), with an entry nested under it
                ItemRow(3, t[4], "sales", None, votes=2, is_theme=True),
                ItemRow(4, t[5], "sales", t[6], theme_id=3),
            ],
        },
        metric_names={1: number},
        review=[review],
        questions=[question, still_open],
        new_actions=[action],
        today=TODAY,
        titles={"working": "What's working", "broken": "What's broken"},
        agreements_changed=[
            (
                t[0],
                VersionRow(1, t[1], 24, 7, NOW, t[2], None, None, None),
                VersionRow(2, t[3], 4, 7, NOW, t[4], "Weekly sync", 1, t[5]),
            )
        ],
        headsups=[HeadsUpRow(1, t[6], t[7], t[8], TODAY, TODAY, t[9], NOW)],
        scorecard=Scorecard(
            t[0],
            "month",
            [Period(TODAY.replace(day=1), TODAY, "2026-11")],
            [Figure(t[10], t[11], "%", [50.0], 80.0)],
        ),
    )


HOSTILE = [
    "| pipe | in | cell |",
    "`code` and ``double``",
    "*star* _under_ **bold** ~~strike~~",
    "[x](javascript:alert(1))",
    "<script>alert(1)</script>",
    "# not a heading",
    "> not a quote",
    "1. not a list",
    "- not a list",
    "    four spaces",
    "  two leading, two trailing  ",
    "line one\nline two\n\nafter blank",
    "https://example.com and www.example.com and a@b.co",
    "&amp; &copy; &#65;",
    "back\\slash\\",
    "\x1b]0;title\x07 \x1b[2J \x9b",
    "emoji 🎉 and 中文",
    "tab\there",
    "ends with newline\n",
    "\r\nwindows\r\n",
    "---",
    "===",
    "[^1]: footnote",
    "![img](x.png)",
    "\u00a0nbsp edges\u00a0",
]


def test_every_hostile_string_comes_back_verbatim() -> None:
    for text in HOSTILE:
        minutes = render(minutes_with([text], template="alignment"))
        assert "## Agreements changed" in minutes and "## Heads-ups" in minutes
        assert "## Scorecard, 2026-11" in minutes
        seen = read(minutes)
        assert seen.tags <= ALLOWED_TAGS, (text, seen.tags - ALLOWED_TAGS)
        cells = seen.text.split("\x00")
        assert any(text in c for c in cells), (text, minutes)


# Control characters other than tab and line breaks are written as typed, which every
# renderer keeps inside a line; at a line's edge markdown-it-py's str.strip() would drop
# some of them, so they get their own hostile cases above, inside the text.
typed_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\t\n\r"),
    min_size=1,
    max_size=40,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(typed_text, min_size=1, max_size=12))
def test_any_typed_text_renders_verbatim(typed: list[str]) -> None:
    minutes = render(minutes_with(typed))
    seen = read(minutes)
    assert seen.tags <= ALLOWED_TAGS
    cells = seen.text.split("\x00")
    for text in typed:
        assert any(text in c for c in cells), (text, minutes)
    header = seen.rows[0]
    # Each table keeps its column count: the numbers table first, then the others (the
    # scorecard has a figure, a target and one column for the one team).
    assert all(count in (6, 5, 4, 3) for count in seen.rows), seen.rows
    assert header == 5


@given(typed_text)
def test_escape_alone_is_verbatim_in_a_paragraph(text: str) -> None:
    seen = read("Said: " + escape(text))
    assert seen.tags <= {"p", "br"}
    assert seen.text.split("\x00")[0] == "Said: " + text


def test_golden_minutes(demo_db: Database, clock: FixedClock) -> None:
    from meeting.reads.recorded import find_meeting
    from meeting.reports.minutes import collect, render

    latest = find_meeting(demo_db, "latest", clock=clock)
    text = render(collect(demo_db, latest, today=clock.today()))  # the renderer, not the record
    if os.environ.get("HUDDLE_UPDATE_GOLDEN"):  # after an intended change; review the diff
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_bulk_collection_renders_the_same_minutes(demo_db: Database, clock: FixedClock) -> None:
    """`export --all` reads everything at once; each file must equal the one-meeting path."""
    from meeting.agenda import meetings
    from meeting.agenda.lookup import list_meetings
    from meeting.entries import actions, items, questions
    from meeting.numbers import metrics
    from meeting.reports import closing
    from meeting.reports.minutes import collect
    from meeting.reports.minutes_bulk import collect_all
    from storage.models import Series

    meeting_id, _ = meetings.start_meeting(demo_db, clock=clock, facilitator="Dana")
    view = meetings.get_meeting(demo_db, meeting_id)
    first = actions.review_rows(demo_db, meeting_id)[0]
    actions.review_action(demo_db, meeting_id, first.id, ActionStatus.DONE, clock=clock)
    items.add_item(demo_db, view.sections[2].id, "with | pipes", team="sales", clock=clock)
    questions.ask_question(
        demo_db,
        series_id=view.series_id,
        meeting_id=meeting_id,
        text="?",
        lead="Jane Cooper",
        assignee="Sam",
        asked_by=None,
        due=None,
        clock=clock,
    )
    # A second meeting on the same day (a shared database where two people started one at
    # once), with one number left blank: both paths compare it with the first meeting of
    # the day and keep the trend in the series' order (meeting/foundations/order.py).
    blank = metrics.numbers(demo_db, meeting_id)[1].metric_id
    metrics.record_value(demo_db, meeting_id, blank, None, clock=clock)
    closing.end_meeting(demo_db, meeting_id, clock=clock)
    with demo_db.write() as session:
        series = session.get(Series, view.series_id)
        assert series is not None
        second = meetings._create_meeting(
            session,
            series,
            day=view.date,
            template_key=view.template_key,
            facilitator=None,
            facilitator_team=None,
            clock=clock,
        ).id
    numbers = metrics.numbers(demo_db, stored_id(second))
    metrics.record_value(demo_db, stored_id(second), numbers[0].metric_id, 7, clock=clock)
    ids = [row.id for row in list_meetings(demo_db)]
    collected = {data.meeting.id: data for data in collect_all(demo_db, ids, today=clock.today())}
    assert set(collected) == set(ids)
    closings = 0
    for meeting in ids:
        assert collected[meeting].numbers == metrics.numbers(demo_db, meeting), meeting
        live = render(collect(demo_db, meeting, today=clock.today()))  # not the record
        assert render(collected[meeting]) == live, meeting
        closings += "## Scorecard" in live
    assert closings == 3  # the last meetings of August, September and October


def test_one_day_open_reads_as_one_day() -> None:
    import dataclasses

    data = minutes_with(["Acme"])
    a_day_later = dataclasses.replace(data, today=TODAY + dt.timedelta(days=1))
    assert "open 1 day, carried 2×" in render(a_day_later)
    two_days_later = dataclasses.replace(data, today=TODAY + dt.timedelta(days=2))
    assert "open 2 days, carried 2×" in render(two_days_later)


def hand_off_with(typed: list[str]) -> MinutesData:
    """A hand-off meeting whose review holds `typed` as leads, reasons, sources, owners."""
    from meeting.agenda.handoff_review import Group, HandOffReview, Untouched

    t = (typed * 6)[:6]
    review = HandOffReview(
        NOW - dt.timedelta(days=7),
        NOW,
        rejected=[Group(t[0], t[1], [t[2], t[3]])],
        recycled=[Group(t[4], t[5], [t[0]], qualified=1)],
        untouched=[Untouched(t[1], t[2], t[3], NOW - dt.timedelta(days=2), 24, 24)],
    )
    return dataclasses.replace(minutes_with(typed, template="handoff"), hand_off=review)


def test_the_hand_off_review_keeps_every_hostile_string_in_its_cell() -> None:
    for text in HOSTILE:
        minutes = render(hand_off_with([text]))
        assert "## Lead hand-off review" in minutes
        for heading in ("### Rejected", "### Recycled", "### Past the SLA without a first touch"):
            assert heading in minutes
        seen = read(minutes)
        assert seen.tags <= ALLOWED_TAGS, (text, seen.tags - ALLOWED_TAGS)
        cells = seen.text.split("\x00")
        assert sum(text in c for c in cells) >= 6, (text, minutes)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(typed_text, min_size=1, max_size=6))
def test_any_typed_text_in_the_hand_off_review_renders_verbatim(typed: list[str]) -> None:
    minutes = render(hand_off_with(typed))
    seen = read(minutes)
    assert seen.tags <= ALLOWED_TAGS
    cells = seen.text.split("\x00")
    for text in typed:
        assert any(text in c for c in cells), (text, minutes)
