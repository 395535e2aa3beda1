"""A scorecard as it is shown: each figure's values per period, its trend and whether it
met its target, and rows that put the teams' figures side by side. Apart from what counts
them, so the screen, `huddle scorecard` and the minutes show one text."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from meeting.foundations.number_format import sparkline
from meeting.foundations.records import to_tenth
from meeting.foundations.text import counted
from meeting.numbers.periods import Period

SIDES = ("marketing", "sales", "leadership")  # the order of the teams' columns
MARK = {True: "✓", False: "✗", None: ""}  # whether the latest period met the target
FEWEST = 3  # pulse answers a team needs in a period before its average is shown
LOW, HIGH = 2.0, 4.0  # a pulse average at or below LOW feels bad, at or above HIGH good


def read_alike(value: float | None, target: float | None, shown: Callable[[float], str]) -> bool:
    """A value and its target that differ but would read alike as `shown` ('54%' against a
    '54%' target, and ✗): the scorecard and the waterfall show both a digit finer, so the
    mark reads."""
    if value is None or target is None or value == target:
        return False
    return shown(value) == shown(target)


@dataclass
class Figure:
    team: str
    label: str
    unit: str  # "%", "d" (days), "h" (hours) or "" (a count)
    values: list[float | None]  # one per period, oldest first
    target: float | None = None
    better: str = "higher"
    # Per period, for a rate of two numbers: (meetings that recorded both, meetings held).
    stands_on: list[tuple[int, int]] | None = None
    gap: str = ""  # a pulse average that disagrees with the figure answering it: marked ≠

    @property
    def latest(self) -> float | None:
        return self.values[-1] if self.values else None

    @property
    def met(self) -> bool | None:
        """Whether the latest period met the target; None without one or without a value."""
        if self.target is None or self.latest is None:
            return None
        return self.latest >= self.target if self.better == "higher" else self.latest <= self.target

    def shown(self, value: float | None) -> str:
        if value is None:
            return "–"
        return self.plain(value, finer=value in (self.latest, self.target) and self.close_call)

    def plain(self, value: float, *, finer: bool = False) -> str:
        extra = 1 if finer else 0
        if self.unit == "%":
            return f"{value:.{extra}f}%"
        if self.unit == "d":
            return f"{value:.{1 + extra}f}d"
        if self.unit == "h":
            return f"{value:.{1 + extra}f}h"
        if self.unit == "/5":  # a pulse average
            return f"{value:.{1 + extra}f}"
        return f"{value:g}"

    @property
    def close_call(self) -> bool:
        """The latest value and its target read alike: both are shown a digit finer."""
        return read_alike(self.latest, self.target, self.plain)

    @property
    def trend(self) -> str:
        return sparkline(self.values)

    def series_shown(self, joiner: str = " ", width: int = 0) -> str:
        """Every period's value, oldest first; `width` right-aligns them into columns."""
        return joiner.join(self.shown(v).rjust(width) for v in self.values)

    def story(self) -> str:
        """'60% → 83% → 57% ✗': every period, then whether the latest met the target."""
        return f"{self.series_shown(' → ')} {self.mark}".rstrip()

    @property
    def mark(self) -> str:
        """✓ or ✗ for the target, ≠ for a pulse that disagrees with its figure."""
        return "≠" if self.gap else MARK[self.met]

    def basis(self, labels: list[str], *, partial_only: bool = False) -> str:
        """How many meetings each period's rate stands on, where not every meeting recorded
        both numbers: '2026-12 on 1 of 2 meetings'; '' when every period stands on all."""
        if self.stands_on is None:
            return ""
        said = [
            f"{label} on {recorded} of {counted(held, 'meeting')}"
            for label, (recorded, held) in zip(labels, self.stands_on, strict=True)
            if held and (not partial_only or 0 < recorded < held)
        ]
        return ", ".join(said)

    def as_dict(self, labels: list[str]) -> dict[str, object]:
        record: dict[str, object] = {"team": self.team, "figure": self.label, "unit": self.unit}
        record.update(zip(labels, map(to_tenth, self.values), strict=True))
        record.update({"target": to_tenth(self.target), "met": self.met})
        return record


@dataclass
class Scorecard:
    series: str
    kind: str
    periods: list[Period]
    figures: list[Figure]
    # each team's averages per pulse statement, beside the figure that answers it
    pulse: list[PulseRow] = field(default_factory=list)

    @property
    def labels(self) -> list[str]:
        return [p.label for p in self.periods]

    def misses_first(self) -> list[Figure]:
        """What missed its target first, then the rest, each team's side by side."""
        return sorted(self.figures, key=lambda f: (f.met is not False, f.team))

    @property
    def teams(self) -> list[str]:
        """The teams with figures: marketing and sales first, as the meeting seats them."""
        found = {f.team for f in self.figures}
        return sorted(found, key=lambda t: (SIDES.index(t) if t in SIDES else len(SIDES), t))

    def rows(self) -> list[Row]:
        """One row per figure, each team's value side by side; rows with a miss first."""
        rows: dict[str, Row] = {}
        for figure in self.figures:
            rows.setdefault(figure.label, Row(figure.label, {})).by_team[figure.team] = figure
        return sorted(rows.values(), key=lambda row: not row.missed)

    @property
    def missed(self) -> int:
        return sum(1 for f in self.figures if f.met is False)

    @property
    def width(self) -> int:
        """The widest value shown, so each period's values line up in a column."""
        return max((len(f.shown(v)) for f in self.figures for v in f.values), default=1)

    def legend(self, *, latest_only: bool = False) -> str:
        first, last = self.labels[0], self.labels[-1]
        if latest_only:  # for 80 columns
            return (
                f"Each team: its {last} value, the trend from {first}, ✓ or ✗ for the target.\n"
                "Rows with a miss first. A wider terminal or --format csv shows every period."
            )
        return (
            f"Each team: {' '.join(self.labels)}, the trend, then ✓ or ✗ for the target "
            f"in {last}; rows with a miss first."
        )

    @property
    def with_target(self) -> int:
        return sum(1 for f in self.figures if f.met is not None)

    def notes(self) -> list[str]:
        """The rates that stand on some of the meetings held, not all: only meetings that
        recorded both numbers count, so a meeting with Leads alone cannot halve a rate."""
        return [
            f"{f.label} ({f.team}): {basis}; the other meetings did not record both numbers."
            for f in self.figures
            if (basis := f.basis(self.labels, partial_only=True))
        ] + self.pulse_notes()

    def pulse_notes(self) -> list[str]:
        """The gaps between feeling and fact, one line each, and why some averages hide."""
        rows = self.pulse
        notes = [
            f"≠ {row.key} ({row.team}): {row.shown(row.latest)} of 5, {row.gap}: {row.beside()}"
            for row in rows
            if row.gap
        ]
        if any(
            n and v is None for row in rows for n, v in zip(row.answers, row.values, strict=True)
        ):
            notes.append(
                f"Pulse: – where fewer than {FEWEST} of a team answered a statement in a meeting;"
                " a meeting's ratings count once it has ended."
            )
        return notes


@dataclass
class Row:
    label: str
    by_team: dict[str, Figure]

    @property
    def missed(self) -> bool:
        return any(f.met is False for f in self.by_team.values())

    def cell(self, team: str, width: int, *, latest_only: bool = False) -> str:
        """A team's values oldest first (or the latest alone), the trend and the mark;
        empty when the team has none."""
        figure = self.by_team.get(team)
        if figure is None:
            return ""
        values = (
            figure.shown(figure.latest).rjust(width)
            if latest_only
            else figure.series_shown(width=width)
        )
        gap = " " if latest_only else "  "
        return f"{values}{gap}{figure.trend} {figure.mark}".rstrip()

    @property
    def target(self) -> str:
        """The target, shown once when every team has the same one."""
        shown = [f.shown(f.target) for f in self.by_team.values() if f.target is not None]
        return " / ".join(dict.fromkeys(shown))


@dataclass
class PulseRow:
    key: str
    text: str
    team: str
    values: list[float | None]  # the average per period, oldest first; None under FEWEST
    answers: list[int]  # how many answered per period
    facts: tuple[Figure, ...] = ()  # the figures that answer the statement

    @property
    def latest(self) -> float | None:
        return self.values[-1] if self.values else None

    @staticmethod
    def shown(value: float | None) -> str:
        return "–" if value is None else f"{value:.1f}"

    def series_shown(self, joiner: str = " ", width: int = 0) -> str:
        return joiner.join(self.shown(v).rjust(width) for v in self.values)

    @property
    def trend(self) -> str:
        return sparkline(self.values)

    @property
    def gap(self) -> str:
        """'' when feeling and facts agree (or either is missing), else what disagrees: a
        low average while a figure meets its target, or a high one while a figure misses."""
        met = [fact.met for fact in self.facts if fact.met is not None]
        if self.latest is None or not met:
            return ""
        said = "the figure" if len(self.facts) == 1 else "the figures"
        if self.latest <= LOW and any(met):
            return f"feels worse than {said}"
        if self.latest >= HIGH and not all(met):
            return f"feels better than {said}"
        return ""

    def beside(self) -> str:
        """'MQLs → SQLs 45% ✓ · leads sales accepted 85% ✓': the figures that answer the
        statement, as they stand."""
        return " · ".join(self.beside_each())

    def beside_each(self) -> list[str]:
        """['MQLs → SQLs 45% ✓', 'leads sales accepted 85% ✓']"""
        return [
            f"{fact.label} {fact.shown(fact.latest)} {MARK[fact.met]}".rstrip()
            for fact in self.facts
        ]

    def as_figure(self) -> Figure:
        """The row as the scorecard shows its figures: 'pulse: lead-quality', per team."""
        return Figure(self.team, f"pulse: {self.key}", "/5", self.values, gap=self.gap)

    def as_dict(self, labels: list[str]) -> dict[str, object]:
        record: dict[str, object] = {"statement": self.key, "team": self.team}
        record.update(zip(labels, map(to_tenth, self.values), strict=True))
        record.update(
            {f"{label} answers": n for label, n in zip(labels, self.answers, strict=True)}
        )
        record.update(
            {
                "figures": [
                    {"figure": fact.label, "value": to_tenth(fact.latest), "met": fact.met}
                    for fact in self.facts
                ],
                "gap": self.gap or None,
                "text": self.text,
            }
        )
        return record
