"""Agenda templates as TOML files and as rows of the team's database."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from meeting.agenda import meetings
from meeting.catalog.template_files import (
    SectionSpec,
    Template,
    TemplateProblems,
    parse_template,
    template_toml,
)
from meeting.catalog.template_store import (
    list_templates,
    remove_template,
    save_template,
    template_choices,
    template_names,
)
from meeting.catalog.templates import TEMPLATES, get_template
from meeting.foundations.clock import FixedClock
from meeting.foundations.errors import HuddleError
from meeting.foundations.statuses import SectionKind
from storage.db import Database

TEAM = """\
# A team's own agenda.
name = "Team sync"

[[section]]
kind = "review"
title = "Review actions"
timebox = 5

[[section]]
key = "wins"
kind = "items"
title = "Wins \\"this\\" week"
prompt = "what closed\\nand why"
timebox = 7
writing = true
anonymous = true
"""


def problems_of(text: str, *, key: str | None = "team") -> list[str]:
    with pytest.raises(TemplateProblems) as raised:
        parse_template(text, source="team.toml", key=key)
    return raised.value.problems


def test_a_file_reads_as_its_sections() -> None:
    template = parse_template(TEAM, source="team.toml", key="team")
    assert template == Template(
        "team",
        "Team sync",
        (
            SectionSpec("review-actions", "Review actions", SectionKind.REVIEW, 5),
            SectionSpec(
                "wins",
                'Wins "this" week',
                SectionKind.ITEMS,
                7,
                "what closed\nand why",
                writing=True,
                anonymous=True,
            ),
        ),
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'name = "T"\n\n[[section]]\nkind = "itmes"\ntitle = "A"\ntimebox = 5\n',
            "team.toml:4: section 1 has kind 'itmes'; kinds: items, ",
        ),
        ('name = "T"\n[[section]\n', "team.toml:2: expected ']]'"),
        (
            'name = "T"\ncolour = "red"\n[[section]]\nkind = "items"\ntitle = "A"\ntimebox = 5\n',
            "team.toml:2: the template has an unknown key 'colour'",
        ),
        (
            'name = "T"\n[[section]]\nkind = "items"\ntitel = "A"\ntimebox = 5\n',
            "team.toml:4: section 1 has an unknown key 'titel'; keys: key, kind, title",
        ),
        (
            'name = "T"\n[[section]]\nkind = "items"\ntitle = "A"\ntimebox = 5\n'
            '\n[[section]]\nkind = "items"\ntimebox = 5\n',
            "team.toml:7: section 2 has no title",
        ),
        (
            'name = "T"\n[[section]]\nkind = "items"\ntitle = "  "\ntimebox = 5\n',
            "team.toml:4: section 1's title is empty",
        ),
        (
            'name = "T"\n[[section]]\nkind = "items"\ntitle = "A"\ntimebox = 0\n',
            "team.toml:5: section 1 has timebox 0; a timebox is a whole number of minutes",
        ),
        (
            'name = "T"\n[[section]]\nkind = "items"\ntitle = "A"\ntimebox = 2.5\n',
            "team.toml:5: section 1 has timebox 2.5",
        ),
        (
            'name = "T"\n[[section]]\nkind = "items"\ntitle = "A"\ntimebox = true\n',
            "team.toml:5: section 1 has timebox True",
        ),
        (
            'name = "T"\n[[section]]\nkind = "items"\ntitle = "A"\n',
            "team.toml:2: section 1 has no timebox",
        ),
        (
            'name = "T"\n[[section]]\nkind = "items"\ntitle = "A"\ntimebox = 5\n'
            '[[section]]\nkind = "items"\ntitle = "a"\ntimebox = 5\n',
            "team.toml:8: section 2 has the key 'a', as section 1 does",
        ),
        (
            'name = "T"\n[[section]]\nkey = "x"\nkind = "items"\ntitle = "A"\ntimebox = 5\n'
            '[[section]]\nkey = "x"\nkind = "leads"\ntitle = "B"\ntimebox = 5\n',
            "team.toml:8: section 2 has the key 'x', as section 1 does",
        ),
        ('name = "T"\n', "team.toml:1: the template has no sections"),
        ('name = "T"\nsection = []\n', "team.toml:2: the template has no sections"),
        (
            '\n[[section]]\nkind = "items"\ntitle = "A"\ntimebox = 5\n',
            "team.toml:1: the template has no name",
        ),
        (
            'name = "T"\n[[section]]\nkind = "items"\ntitle = "A"\ntimebox = 5\nwriting = "yes"\n',
            "team.toml:6: section 1's writing must be true or false",
        ),
        (
            'name = "T"\n[[section]]\nkind = "items"\ntitle = "A\\u0000"\ntimebox = 5\n',
            "team.toml:4: section 1's title holds a NUL character",
        ),
        (
            'key = "Team Sync"\nname = "T"\n[[section]]\nkind = "items"\ntitle = "A"\n'
            "timebox = 5\n",
            "team.toml:1: the key 'Team Sync' is not one huddle takes",
        ),
    ],
)
def test_each_problem_is_named_on_its_line(text: str, expected: str) -> None:
    problems = problems_of(text)
    assert any(p.startswith(expected) for p in problems), problems


def test_every_problem_is_listed_in_file_order() -> None:
    text = (
        'name = "T"\n'
        "[[section]]\n"
        'kind = "itmes"\n'
        'title = "A"\n'
        "timebox = -1\n"
        "[[section]]\n"
        'kind = "items"\n'
        "timebox = 5\n"
    )
    assert [p.split(":")[1] for p in problems_of(text)] == ["3", "5", "6"]


def test_a_key_comes_from_the_file_name_when_the_file_has_none() -> None:
    assert parse_template(TEAM, source="Team.toml", key="team").key == "team"
    assert any("the key ''" in p for p in problems_of(TEAM, key=None))


def test_the_built_in_agendas_are_as_before() -> None:
    """The library's sync and alignment are exactly the agendas huddle had in code."""
    sync = TEMPLATES["sync"]
    assert (sync.key, sync.name) == ("sync", "Sales & marketing sync")
    assert [(s.key, s.title, s.kind, s.minutes, s.hint) for s in sync.sections] == [
        ("review", "Review actions", SectionKind.REVIEW, 5, "last meetings' open actions"),
        ("numbers", "Numbers", SectionKind.NUMBERS, 10, "this period against target"),
        ("working", "What's working", SectionKind.ITEMS, 10, "what the other side does well"),
        ("broken", "What's broken", SectionKind.ITEMS, 10, "what gets in the way"),
        ("leads", "Lead questions", SectionKind.LEADS, 10, "what happened to lead X?"),
        ("actions", "New actions", SectionKind.ACTIONS, 5, "who does what by when"),
    ]
    alignment = [(s.key, s.kind, s.minutes) for s in TEMPLATES["alignment"].sections]
    assert alignment == [
        ("review", SectionKind.REVIEW, 5),
        ("numbers", SectionKind.NUMBERS, 10),
        ("agreements", SectionKind.AGREEMENTS, 15),
        ("headsups", SectionKind.HEADS_UP, 5),
        ("working", SectionKind.ITEMS, 10),
        ("broken", SectionKind.ITEMS, 10),
        ("leads", SectionKind.LEADS, 10),
        ("actions", SectionKind.ACTIONS, 5),
        ("pulse", SectionKind.PULSE, 5),
    ]
    retros = {k: [s.title for s in TEMPLATES[k].sections] for k in ("ssc", "4ls", "msg")}
    assert retros == {
        "ssc": ["Review actions", "Start", "Stop", "Continue", "New actions"],
        "4ls": ["Review actions", "Liked", "Learned", "Lacked", "Longed for", "New actions"],
        "msg": ["Review actions", "Mad", "Sad", "Glad", "New actions"],
    }
    assert {"reset", "handoff", "postmortem", "winloss", "sailboat"} <= set(TEMPLATES)
    assert TEMPLATES["ssc"].sections[2].writing and TEMPLATES["ssc"].sections[2].anonymous


# Any text a person could put in a file: control characters, quotes, backslashes, line
# ends of every kind; NUL is refused (a database cannot hold it), so it is left out here.
hostile = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters="\x00"),
    max_size=30,
)


@settings(max_examples=300, deadline=None)
@given(
    name=hostile.filter(str.strip),
    titles=st.lists(hostile.filter(str.strip), min_size=1, max_size=4),
    prompt=hostile,
    flags=st.tuples(st.booleans(), st.booleans()),
)
def test_any_text_comes_back_exactly_from_an_exported_file(
    name: str, titles: list[str], prompt: str, flags: tuple[bool, bool]
) -> None:
    template = Template(
        "team",
        name,
        tuple(
            SectionSpec(
                f"s{i}",
                title,
                SectionKind.ITEMS,
                i + 1,
                prompt,
                writing=flags[0],
                anonymous=flags[1],
            )
            for i, title in enumerate(titles)
        ),
    )
    text = template_toml(template)
    assert parse_template(text, source="team.toml") == template
    # The file shows what it holds: no control character reaches an editor or a terminal.
    assert all(ch == "\n" or ch.isprintable() for ch in text)


def test_a_nul_in_a_title_is_refused_not_written() -> None:
    spec = SectionSpec("a", "bad\x00title", SectionKind.ITEMS, 5)
    text = template_toml(Template("team", "T", (spec,)))
    assert problems_of(text)[0].startswith("team.toml:7: section 1's title holds a NUL")


def test_the_team_template_replaces_the_built_in_one_for_that_team(
    db: Database, clock: FixedClock
) -> None:
    mine = TEAM.replace('name = "Team sync"', 'key = "sync"\nname = "Our sync"')
    with pytest.raises(HuddleError, match="built-in template 'sync' exists already"):
        save_template(db, mine, source="sync.toml", clock=clock)
    _, replaced = save_template(db, mine, source="sync.toml", replace=True, clock=clock)
    assert replaced
    with db.read() as session:
        assert get_template("sync", session).name == "Our sync"
    assert get_template("sync").name == "Sales & marketing sync"  # without a database
    row = next(r for r in list_templates(db) if r.key == "sync")
    assert (row.name, row.source) == ("Our sync", "team, replaces built-in")
    assert remove_template(db, "sync") == "Removed the team's sync; the built-in sync is back"
    with db.read() as session:
        assert get_template("sync", session).name == "Sales & marketing sync"
    with pytest.raises(HuddleError, match="'sync' is built in and cannot be removed"):
        remove_template(db, "sync")


def test_a_meeting_starts_from_the_team_template_and_keeps_it(
    db: Database, clock: FixedClock
) -> None:
    save_template(db, TEAM, source="team.toml", key="team", clock=clock)
    assert "team" in template_choices(db)
    meeting_id, created = meetings.start_meeting(
        db, clock=clock, series="Team", template="team", create_series_if_missing=True
    )
    assert created
    sections = meetings.get_meeting(db, meeting_id).sections
    assert [(s.key, s.title, s.kind, s.timebox_seconds) for s in sections] == [
        ("review-actions", "Review actions", SectionKind.REVIEW, 300),
        ("wins", 'Wins "this" week', SectionKind.ITEMS, 420),
    ]
    assert (sections[1].hint, sections[1].writing, sections[1].anonymous) == (
        "what closed\nand why",
        True,
        True,
    )
    # Editing the template later changes the next meeting, never this one.
    edited = TEAM.replace('title = "Wins \\"this\\" week"', 'title = "Wins"').replace(
        "what closed", "what we won"
    )
    save_template(db, edited, source="team.toml", key="team", replace=True, clock=clock)
    again = meetings.get_meeting(db, meeting_id).sections[1]
    assert (again.title, again.hint) == ('Wins "this" week', "what closed\nand why")


def test_a_template_a_series_starts_from_stays(db: Database, clock: FixedClock) -> None:
    save_template(db, TEAM, source="team.toml", key="team", clock=clock)
    meetings.start_meeting(
        db, clock=clock, series="Team", template="team", create_series_if_missing=True
    )
    with pytest.raises(HuddleError, match="agenda of series 'Team', so it stays"):
        remove_template(db, "team")
    assert "team" in template_choices(db)


def test_nothing_is_saved_from_a_file_with_a_problem(db: Database, clock: FixedClock) -> None:
    with pytest.raises(TemplateProblems):
        save_template(
            db, TEAM.replace("timebox = 7", "timebox = 0"), source="t", key="t", clock=clock
        )
    assert "t" not in template_choices(db)
    with pytest.raises(HuddleError, match="unknown template 't'"):
        meetings.start_meeting(db, clock=clock, template="t")


def test_a_list_of_templates_names_each_with_its_key(db: Database, clock: FixedClock) -> None:
    """The start form offers "Retro: 4Ls (4ls)", not "4ls"; a team file that no longer
    reads is offered by its key rather than breaking the form."""
    save_template(db, TEAM, source="team.toml", key="team", clock=clock)
    named = template_names(db)
    assert named["4ls"] == "Retro: 4Ls (4ls)" and named["team"].endswith(" (team)")
    save_template(db, TEAM, source="team.toml", key="broken", clock=clock)
    with db.write() as session:
        session.execute(text("UPDATE agendatemplate SET source = 'name = ' WHERE key = 'broken'"))
    assert template_names(db)["broken"] == "broken"
