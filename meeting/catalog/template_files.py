"""An agenda template as a TOML file: read with every problem named on its line, and written
back so that any title or prompt, quotes, backslashes and control characters included,
reads back exactly as it was.

    key = "team"                  # optional: the file's name without .toml
    name = "Team sync"

    [[section]]
    key = "broken"                # optional: made from the title
    kind = "items"
    title = "What's broken"
    prompt = "what gets in the way"
    timebox = 10                  # minutes
    writing = true                # optional: everyone writes alone first
    anonymous = false             # optional: entries keep no author
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from meeting.foundations.errors import HuddleError
from meeting.foundations.names import close_matches
from meeting.foundations.statuses import SectionKind

TOP_FIELDS = ("key", "name", "section")
SECTION_FIELDS = ("key", "kind", "title", "prompt", "timebox", "writing", "anonymous")
KINDS = tuple(kind.value for kind in SectionKind)
KEY = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")
LONGEST_TIMEBOX = 24 * 60  # minutes: a day, so a typo of 600000 is caught


@dataclass(frozen=True)
class SectionSpec:
    """One section of an agenda: `hint` is the prompt shown under its title; `writing`,
    that it starts with everyone writing alone; `anonymous`, that its entries keep no
    author."""

    key: str
    title: str
    kind: SectionKind
    minutes: int
    hint: str = ""
    writing: bool = False
    anonymous: bool = False


@dataclass(frozen=True)
class Template:
    key: str
    name: str
    sections: tuple[SectionSpec, ...]


class TemplateProblems(HuddleError):
    """A template file that cannot be saved: every problem, one line each, in file order."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(problems[0] if len(problems) == 1 else f"{len(problems)} problems")
        self.problems = problems


@dataclass
class _Where:
    """The line each key was written on, found by reading the text as lines: tomllib
    gives values, not where they were."""

    top: dict[str, int]
    sections: list[tuple[int, dict[str, int]]]

    def line(self, section: int | None = None, field: str | None = None) -> int:
        if section is None or section >= len(self.sections):
            return self.top.get(field or "", self.top.get("section", 1))
        start, fields = self.sections[section]
        return fields.get(field or "", start)


_ARRAY = re.compile(r"""^\s*\[\[\s*(?:section|"section"|'section')\s*\]\]""")
_TABLE = re.compile(r"^\s*\[")
_ASSIGN = re.compile(r"""^\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)\s*[.=]""")


def _locate(text: str) -> _Where:
    where = _Where({}, [])
    fields = where.top
    in_string = ""
    for number, line in enumerate(text.splitlines(), start=1):
        if in_string:
            if line.count(in_string) % 2 == 1:
                in_string = ""
            continue
        if _ARRAY.match(line):
            fields = {}
            where.sections.append((number, fields))
        elif _TABLE.match(line):
            fields = {}  # another table: its keys are not a template's
        elif found := _ASSIGN.match(line):
            fields.setdefault(found.group(1).strip("\"'"), number)
        for quotes in ('"""', "'''"):
            if line.count(quotes) % 2 == 1:
                in_string = quotes
    return where


def _syntax(exc: tomllib.TOMLDecodeError) -> tuple[int, str]:
    message = str(exc)
    found = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
    if found:
        text = message[: found.start()]
        return int(found.group(1)), f"{text[:1].lower()}{text[1:]} (column {found.group(2)})"
    found = re.search(r"\s*\(at end of document\)$", message)
    text = message[: found.start()] if found else message
    return 0, f"{text[:1].lower()}{text[1:]} at the end of the file"


def _unknown(field: str, known: tuple[str, ...], where: str) -> str:
    hint = close_matches(known, field).removeprefix(" ")
    return f"{where} has an unknown key {field!r}; keys: {', '.join(known)}" + (
        f" {hint}" if hint else ""
    )


def _kinds_for(typed: str) -> str:
    """Every kind, the ones closest to `typed` first."""
    import difflib

    close = difflib.get_close_matches(typed.lower(), KINDS, n=3, cutoff=0.5)
    return ", ".join([*close, *(k for k in KINDS if k not in close)])


def _text(value: object, what: str, *, required: bool) -> tuple[str, str | None]:
    """(the text, or a problem)."""
    if not isinstance(value, str):
        return "", f"{what} must be text in quotes"
    if "\x00" in value:
        return "", f"{what} holds a NUL character (\\u0000); take it out"
    if required and not value.strip():
        return "", f"{what} is empty"
    return value, None


def slug(title: str) -> str:
    """A section key made from its title: `What's broken` -> `what-s-broken`."""
    words = re.findall(r"[a-z0-9]+", title.lower())
    return "-".join(words)[:40].strip("-")


def parse_template(text: str, *, source: str, key: str | None = None) -> Template:
    """The template `text` holds. `source` names the file in each problem; `key` is the
    template's key when the file gives none. Raises TemplateProblems with every problem."""
    problems: list[tuple[int, str]] = []
    text = text.removeprefix("\ufeff")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, message = _syntax(exc)
        raise TemplateProblems([f"{source}:{line or len(text.splitlines())}: {message}"]) from None
    where = _locate(text)

    def problem(message: str, section: int | None = None, field: str | None = None) -> None:
        problems.append((where.line(section, field), message))

    for field in data:
        if field not in TOP_FIELDS:
            problem(_unknown(field, TOP_FIELDS, "the template"), field=field)
    template_key = key or ""
    if "key" in data:
        template_key, wrong = _text(data["key"], "the key", required=True)
        if wrong:
            problem(wrong, field="key")
    if not KEY.fullmatch(template_key):
        problem(
            f"the key {template_key!r} is not one huddle takes: lowercase letters, digits, "
            '- and _, at most 40 (e.g. key = "team-sync")',
            field="key",
        )
    name = ""
    if "name" not in data:
        problem('the template has no name (add name = "Team sync")')
    else:
        name, wrong = _text(data["name"], "the name", required=True)
        if wrong:
            problem(wrong, field="name")
    raw_sections = data.get("section")
    sections: list[SectionSpec] = []
    if raw_sections is None or raw_sections == []:
        problem(
            "the template has no sections (add one: [[section]] with kind, title and timebox)",
            field="section",
        )
    elif not isinstance(raw_sections, list) or not all(isinstance(s, dict) for s in raw_sections):
        problem("section must be a list of tables, each starting [[section]]", field="section")
    else:
        seen: dict[str, int] = {}
        for index, raw in enumerate(raw_sections):

            def said(message: str, field: str | None, index: int = index) -> None:
                problem(message, index, field)

            spec = _section(raw, index, said)
            if spec is None:
                continue
            if spec.key in seen:
                problem(
                    f"section {index + 1} has the key {spec.key!r}, as section "
                    f"{seen[spec.key] + 1} does (give one of them another key = ...)",
                    index,
                    "key" if "key" in raw else "title",
                )
            seen.setdefault(spec.key, index)
            sections.append(spec)
    if problems:
        ordered = sorted(problems, key=lambda p: p[0])
        raise TemplateProblems([f"{source}:{line}: {message}" for line, message in ordered])
    return Template(template_key, name, tuple(sections))


def _section(
    raw: dict[str, Any], index: int, problem: Callable[[str, str | None], None]
) -> SectionSpec | None:
    """One section, or None after saying what is wrong with it."""
    said: list[str] = []

    def wrong(message: str, field: str | None = None) -> None:
        said.append(message)
        problem(message, field)

    number = f"section {index + 1}"
    for field in raw:
        if field not in SECTION_FIELDS:
            wrong(_unknown(field, SECTION_FIELDS, number), field)
    kind = raw.get("kind")
    if kind is None:
        wrong(f"{number} has no kind; kinds: {', '.join(KINDS)}")
    elif not isinstance(kind, str) or kind not in KINDS:
        wrong(f"{number} has kind {kind!r}; kinds: {_kinds_for(str(kind))}", "kind")
    title = ""
    if "title" not in raw:
        wrong(f'{number} has no title (add title = "What\'s broken")')
    else:
        title, bad = _text(raw["title"], f"{number}'s title", required=True)
        if bad:
            wrong(bad, "title")
    prompt, bad = _text(raw.get("prompt", ""), f"{number}'s prompt", required=False)
    if bad:
        wrong(bad, "prompt")
    timebox = raw.get("timebox")
    if timebox is None:
        wrong(f"{number} has no timebox (minutes, e.g. timebox = 10)")
    elif (
        isinstance(timebox, bool)
        or not isinstance(timebox, int)
        or not 0 < timebox <= LONGEST_TIMEBOX
    ):
        wrong(
            f"{number} has timebox {timebox!r}; a timebox is a whole number of minutes "
            f"from 1 to {LONGEST_TIMEBOX} (e.g. timebox = 10)",
            "timebox",
        )
    flags = {}
    for flag in ("writing", "anonymous"):
        value = raw.get(flag, False)
        if not isinstance(value, bool):
            wrong(f"{number}'s {flag} must be true or false, not {value!r}", flag)
        flags[flag] = value is True
    key = raw.get("key")
    if key is None:
        key = slug(title) or f"section-{index + 1}"
    elif not isinstance(key, str) or not KEY.fullmatch(key):
        wrong(
            f"{number} has key {key!r}; a section's key is lowercase letters, digits, - "
            'and _, at most 40 (e.g. key = "broken")',
            "key",
        )
    if said:
        return None
    return SectionSpec(
        key,
        title,
        SectionKind(str(kind)),
        timebox,  # type: ignore[arg-type]  # checked above: an int
        prompt,
        writing=flags["writing"],
        anonymous=flags["anonymous"],
    )


def toml_string(text: str) -> str:
    """`text` as a TOML basic string: quotes, backslashes and every character that is not
    printable escaped, so the file shows what it holds and reads back exactly."""
    out = ['"']
    for ch in text:
        if ch in _SHORT:
            out.append(_SHORT[ch])
        elif ch == " " or ch.isprintable():
            out.append(ch)
        elif ord(ch) <= 0xFFFF:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(f"\\U{ord(ch):08X}")
    out.append('"')
    return "".join(out)


_SHORT = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def template_toml(template: Template) -> str:
    """The file that reads back as `template`."""
    lines = [f"key = {toml_string(template.key)}", f"name = {toml_string(template.name)}"]
    for spec in template.sections:
        lines += [
            "",
            "[[section]]",
            f"key = {toml_string(spec.key)}",
            f"kind = {toml_string(spec.kind.value)}",
            f"title = {toml_string(spec.title)}",
            f"prompt = {toml_string(spec.hint)}",
            f"timebox = {spec.minutes}",
            f"writing = {'true' if spec.writing else 'false'}",
            f"anonymous = {'true' if spec.anonymous else 'false'}",
        ]
    return "\n".join(lines) + "\n"
