"""Agenda templates are data: an ordered list of sections, each with a kind and a timebox."""

from __future__ import annotations

from dataclasses import dataclass

from meeting.foundations.errors import HuddleError
from meeting.foundations.statuses import SectionKind


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: str
    kind: SectionKind
    minutes: int
    hint: str = ""


@dataclass(frozen=True)
class Template:
    key: str
    name: str
    sections: tuple[SectionSpec, ...]


def _retro(key: str, name: str, columns: list[tuple[str, str, str]]) -> Template:
    body = tuple(SectionSpec(k, title, SectionKind.ITEMS, 10, hint) for k, title, hint in columns)
    return Template(
        key,
        name,
        (
            SectionSpec("review", "Review actions", SectionKind.REVIEW, 5),
            *body,
            SectionSpec("actions", "New actions", SectionKind.ACTIONS, 5),
        ),
    )


TEMPLATES: dict[str, Template] = {
    "sync": Template(
        "sync",
        "Sales & marketing sync",
        (
            SectionSpec(
                "review", "Review actions", SectionKind.REVIEW, 5, "last meetings' open actions"
            ),
            SectionSpec(
                "numbers", "Numbers", SectionKind.NUMBERS, 10, "this period against target"
            ),
            SectionSpec(
                "working", "What's working", SectionKind.ITEMS, 10, "what the other side does well"
            ),
            SectionSpec("broken", "What's broken", SectionKind.ITEMS, 10, "what gets in the way"),
            SectionSpec(
                "leads", "Lead questions", SectionKind.LEADS, 10, "what happened to lead X?"
            ),
            SectionSpec("actions", "New actions", SectionKind.ACTIONS, 5, "who does what by when"),
        ),
    ),
    "alignment": Template(
        "alignment",
        "Monthly alignment",
        (
            SectionSpec(
                "review", "Review actions", SectionKind.REVIEW, 5, "the month's open actions"
            ),
            SectionSpec("numbers", "Numbers", SectionKind.NUMBERS, 10, "the month against target"),
            SectionSpec(
                "agreements",
                "Agreements",
                SectionKind.AGREEMENTS,
                15,
                "do both sides keep them? e edits",
            ),
            SectionSpec(
                "headsups", "Heads-ups", SectionKind.HEADS_UP, 5, "campaigns, content, objections"
            ),
            SectionSpec(
                "working", "What's working", SectionKind.ITEMS, 10, "what the other side does well"
            ),
            SectionSpec("broken", "What's broken", SectionKind.ITEMS, 10, "what gets in the way"),
            SectionSpec(
                "leads", "Lead questions", SectionKind.LEADS, 10, "what happened to lead X?"
            ),
            SectionSpec("actions", "New actions", SectionKind.ACTIONS, 5, "who does what by when"),
        ),
    ),
    "ssc": _retro(
        "ssc",
        "Retro: Start / Stop / Continue",
        [
            ("start", "Start", "what we should begin doing"),
            ("stop", "Stop", "what we should stop doing"),
            ("continue", "Continue", "what works and should go on"),
        ],
    ),
    "4ls": _retro(
        "4ls",
        "Retro: 4Ls",
        [
            ("liked", "Liked", ""),
            ("learned", "Learned", ""),
            ("lacked", "Lacked", ""),
            ("longed", "Longed for", ""),
        ],
    ),
    "msg": _retro(
        "msg",
        "Retro: Mad / Sad / Glad",
        [("mad", "Mad", ""), ("sad", "Sad", ""), ("glad", "Glad", "")],
    ),
}


def get_template(key: str) -> Template:
    try:
        return TEMPLATES[key]
    except KeyError:
        known = ", ".join(TEMPLATES)
        raise HuddleError(f"unknown template {key!r} (choose one of: {known})") from None
