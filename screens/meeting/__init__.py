"""The meeting screen, in parts.

`screen.py` keeps what the meeting is and answers its keys (`keys.py` says which, and
`layout.py` lays out the widgets); each other part holds its own state and is called by
the screen, never by another part's members:
- `agenda_pane.py`: the agenda, whole or a narrow strip, its timers and heads-ups;
- `section_pane.py`: the current section's table, the lines around it and the detail;
- `kind_host.py`: what a section kind asks for (forms, the cursor), and its undo;
- `entries.py`: the add line's entries on their way to the database, and the retries;
- `timebox.py`: a move and the timers the database has not taken yet;
- `others.py`: the other terminals on the meeting, and following the facilitator's;
- `controls.py`: whether this terminal holds the facilitator's controls, and the hand-over;
- `writing.py`: writing alone: what this terminal may see of it, and its keys (W, N, O, D);
- `live.py`: when to read the meeting again;
- `texts.py`: the lines they write, repainted only when they change.
"""

from screens.meeting.screen import MeetingScreen

__all__ = ["MeetingScreen"]
