"""The alignment pulse in a meeting: the statements the person at this terminal rates, `1`
to `5` on the highlighted one, once each. The room sees how many have rated each, never a
score: a meeting's ratings count once it has ended (meeting/numbers/pulse.py).

1 to 5 jump to sections elsewhere; here they rate (6 to 9 still jump, `n` `p` move)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding

from meeting.foundations.clock import FixedClock, midnight
from meeting.foundations.statuses import MeetingStatus
from meeting.foundations.text import visible
from screens.cells import cell
from screens.deferred import deferred
from screens.sections.base import TEXT, Row, SectionHost, SectionKind, SectionRows

if TYPE_CHECKING:
    from meeting.agenda import pulse_round as rounds
    from meeting.agenda.pulse_round import PulseRound, StatementProgress
    from meeting.entries import pulse
    from meeting.entries.writing import Viewer
    from meeting.foundations.clock import Clock
    from meeting.foundations.views import MeetingView, SectionView
    from storage.db import Database

else:  # they load the ORM: the meeting's first frame reads without it
    rounds = deferred("meeting.agenda.pulse_round")
    pulse = deferred("meeting.entries.pulse")

SCALE = "1 disagree … 5 agree"
WORDS = {1: "1 (disagree)", 5: "5 (agree)"}
WHO = "Say who you are to rate: start huddle with --as NAME."
ALREADY = "You have rated {key} already: a rating cannot be changed (nothing ties it to you)."


def _rate_key(n: int) -> Binding:
    """`1` shows in the footer as `1–5 Rate`; 2 to 5 are the same key, unshown."""
    return Binding(
        str(n),
        f"section('rate', '{n}')",
        "Rate" if n == 1 else f"Rate {n}",
        show=n == 1,
        key_display="1–5" if n == 1 else None,
        id="meeting.rate" if n == 1 else f"meeting.rate{n}",
        tooltip=f"Pulse: rate the highlighted statement {WORDS.get(n, n)}, anonymously",
    )


def _row(s: StatementProgress, knows_you: bool, ended: bool) -> Row:
    statement = s.statement
    if s.mine:
        you = Text("✓ rated", style="green")
    elif knows_you and not ended:
        you = Text("not yet", style="yellow")
    else:
        you = Text("–", style="dim")
    detail = (
        f"{visible(statement.text)}\n— {statement.key}, rated by {statement.rated_by}; "
        f"{s.room()} in this meeting"
    )
    if knows_you:
        detail += "\nYou have rated it." if s.mine else f"\nNot rated by you yet ({SCALE})."
    # Who rates it is in the detail: a statement shows whole at 80 columns without it.
    cells = [cell(statement.text, TEXT), you, Text(f"{s.rated} of {s.of}")]
    return Row(str(statement.id), cells, detail)


def _note(round_: PulseRound, knows_you: bool, ended: bool) -> str:
    if ended:
        return "Ended: no more ratings. Averages (3 answers up): S on home."
    if not knows_you:
        return f"{WHO} No score is shown."
    left = len(round_.unrated())
    todo = f"{left} to rate: {SCALE}" if left else "All rated, thank you"
    return f"{todo}. Anonymous: no score is shown."


class Pulse(SectionKind):
    name = "pulse"
    keys = frozenset({"rate"})
    bindings = tuple(_rate_key(n) for n in range(1, 6))
    main_keys = ("meeting.rate",)

    def rows(
        self, db: Database, meeting: MeetingView, section: SectionView, today: dt.date
    ) -> SectionRows:
        clock = FixedClock(meeting.started_at or midnight(today))
        return self.shown(db, meeting, rounds.pulse_round(db, meeting.id, None, clock=clock), False)

    def rows_for(
        self,
        db: Database,
        meeting: MeetingView,
        section: SectionView,
        clock: Clock,
        viewer: Viewer,
    ) -> SectionRows:
        person = viewer.person_id
        round_ = rounds.pulse_round(db, meeting.id, person, clock=clock)
        return self.shown(db, meeting, round_, person is not None)

    def shown(
        self, db: Database, meeting: MeetingView, round_: PulseRound, knows_you: bool
    ) -> SectionRows:
        ended = meeting.status == MeetingStatus.ENDED
        return SectionRows(
            ["Statement", "You", "Rated"],
            [_row(s, knows_you, ended) for s in round_.statements],
            f"No statement is rated by {round_.team} (see: huddle pulse statements).",
            note=_note(round_, knows_you, ended),
            flexible=("Statement",),
        )

    def rate(self, host: SectionHost, key: int, score: str) -> None:
        """Rate the highlighted statement, then go to the next one still to rate."""
        person = host.viewer.person_id
        if host.me is None or person is None:
            host.warn(WHO)
            return
        meeting = host.meeting
        before = rounds.pulse_round(host.db, meeting.id, person, clock=host.clock)
        found = next((s for s in before.statements if s.statement.id == key), None)
        if found is None:
            return
        if found.mine:
            host.warn(ALREADY.format(key=found.key))
            return
        pulse.rate(host.db, meeting.id, host.me, {found.key: score}, clock=host.clock)
        host.show_section(keep_cursor=True)
        ids = [s.statement.id for s in before.statements]
        at = ids.index(key)
        after = [s for s in before.statements[at + 1 :] + before.statements[:at] if not s.mine]
        if after:  # the row says it is rated: no line for each key of a burst
            host.select_key(after[0].statement.id)
        else:
            host.say("All rated, anonymously: thank you.")
