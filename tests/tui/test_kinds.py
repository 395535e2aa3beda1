"""Every section kind the domain names has a screen part that shows it, and back."""

from __future__ import annotations

from meeting.catalog.templates import TEMPLATES
from meeting.foundations.statuses import SectionKind
from screens.sections import KINDS


def test_every_section_kind_has_its_screen_part() -> None:
    assert set(KINDS) == set(SectionKind)
    used = {spec.kind for template in TEMPLATES.values() for spec in template.sections}
    assert used <= set(SectionKind)
