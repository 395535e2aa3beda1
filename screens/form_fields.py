"""What a form asks and what it gives back: the fields, the values typed, and the errors
and questions that point at one field. Apart from the form screen, so a section or screen
can describe its fields and check their values without loading the form."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Literal, get_args

from meeting.foundations.dates import days_past
from meeting.foundations.errors import ChangedMeanwhile, HuddleError

# What a field is typed into: a line of text (dates too), several lines (enter starts a
# new one), a person (name and team) or one of its choices.
FieldKind = Literal["text", "long", "person", "choice"]
FIELD_KINDS: tuple[FieldKind, ...] = get_args(FieldKind)


@dataclass
class Field:
    """One field of a form. A kind that is not a FieldKind fails mypy, and raises here at
    once rather than quietly giving a text box."""

    key: str
    label: str
    kind: FieldKind = "text"
    value: str = ""
    placeholder: str = ""
    choices: list[str] = field(default_factory=list)
    choice_labels: dict[str, str] = field(default_factory=dict)  # shown for a choice value
    default_team: str = "sales"
    suggestions: list[str] = field(default_factory=list)
    # A field naming something kept (a lead): what is known, and what to call a new one.
    # A value that is not known is added only after the facilitator says yes to it.
    known: list[str] | None = None
    noun: str = ""
    # Shown selected, so the first key typed replaces it: a default offered (the series a
    # meeting starts in, its date), not a text kept, the cursor after it, for adding to it.
    retyped: bool = False

    def __post_init__(self) -> None:
        if self.kind not in FIELD_KINDS:
            raise ValueError(f"field {self.key!r}: unknown kind {self.kind!r} ({FIELD_KINDS})")


class FieldError(HuddleError):
    """A refusal about one field of a form: the form puts the cursor there and says why
    under it."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


class AskFirst(Exception):
    """A save stops to ask a question (a due date in the past): the values go in once the
    facilitator says y; n, enter or escape go back to the field."""

    def __init__(self, token: str, key: str, question: str, detail: str) -> None:
        super().__init__(question)
        self.token = token  # what was agreed to, so the same answer is not asked twice
        self.key = key
        self.question = question
        self.detail = detail


@dataclass
class FormValues:
    values: dict[str, str]
    teams: dict[str, str]  # team chosen beside each person field
    agreed: set[str] = field(default_factory=set)  # tokens of questions answered y

    def __getitem__(self, key: str) -> str:
        return self.values[key]

    def ask_first(self, token: str, key: str, question: str, detail: str) -> None:
        """Stop the save to ask, unless the facilitator said y to this already."""
        if token not in self.agreed:
            raise AskFirst(token, key, question, detail)

    def ask_if_past(self, key: str, day: dt.date | None, today: dt.date) -> None:
        """A due date before today is asked about: nearly always a slip of the keys."""
        late = days_past(day, today)
        if late:
            ago = "yesterday" if late == 1 else f"{late} days ago"
            self.ask_first(
                f"{key} {day}",
                key,
                f"A due date in the past ({ago})?",
                f"{day} is before today ({today}).\ny keeps it; n or enter goes back to the date.",
            )

    @contextmanager
    def about(self, key: str) -> Iterator[None]:
        """Around what reads one field (a date parsed, a name required): a refusal in it
        is that field's."""
        try:
            yield
        except (FieldError, ChangedMeanwhile):
            raise
        except HuddleError as exc:
            raise FieldError(key, str(exc)) from exc


def field_in_error(error: Exception, fields: list[Field], values: FormValues) -> str | None:
    """Which field a refusal is about: the one it was raised for, else the one whose typed
    text it quotes (`bad date 'fri2'`), else an empty one it names (`the action is
    empty`). None when it is about no field in particular (a busy database)."""
    if isinstance(error, FieldError):
        return error.key
    message = str(error)
    for spec in fields:
        typed = values[spec.key].strip()
        if typed and repr(typed) in message:
            return spec.key
    words = set(re.findall(r"[a-z]+", message.lower()))
    for spec in fields:
        label = re.findall(r"[a-z]+", spec.label.lower())
        if not values[spec.key].strip() and label and label[0] in words:
            return spec.key
    return None
