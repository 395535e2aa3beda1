"""Section kinds: what each kind of agenda section shows and what its keys do.

Where to add a kind: write a `SectionKind` subclass in a file of its own here, list it in
`KINDS`, and give a template a section of that kind (meeting/catalog/templates.py).
"""

from __future__ import annotations

from textual.binding import Binding

from screens.sections.actions import Actions
from screens.sections.agreements import Agreements
from screens.sections.base import Row, SectionHost, SectionKind, SectionRows, Undo
from screens.sections.handoff import HandOff
from screens.sections.headsups import HeadsUps
from screens.sections.items import Items
from screens.sections.leads import LeadQuestions
from screens.sections.numbers import Numbers
from screens.sections.pulse import Pulse
from screens.sections.review import Review

KINDS: dict[str, SectionKind] = {
    kind.name: kind
    for kind in (
        Review(),
        Numbers(),
        Items(),
        LeadQuestions(),
        Actions(),
        Agreements(),
        HeadsUps(),
        HandOff(),
        Pulse(),
    )
}


def kind_of(name: str) -> SectionKind:
    try:
        return KINDS[name]
    except KeyError:
        raise ValueError(f"no section kind {name!r} (known: {', '.join(KINDS)})") from None


def kind_bindings() -> list[Binding]:
    """Every kind's own keys, for the meeting screen's bindings; each applies only in a
    section of its kind."""
    return [binding for kind in KINDS.values() for binding in kind.bindings]


__all__ = ["KINDS", "Row", "SectionHost", "SectionKind", "SectionRows", "Undo", "kind_of"]
