"""Showing typed text safely: stored byte-exact, displayed without control characters."""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, and the bidi overrides that can reorder what a terminal shows.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """Control characters as `\\x1b`-style escapes, so nothing typed can drive the terminal."""
    return _UNSAFE.sub(_escape, text.replace("\t", "    "))


def one_line(text: str, limit: int | None = None) -> str:
    """A single display line: newlines shown as ↵, long text cut with an ellipsis."""
    line = visible(text.replace("\r\n", "\n").replace("\n", " ↵ "))
    if limit is not None and len(line) > limit:
        return shorten(line, limit)
    return line


def shorten(text: str, limit: int) -> str:
    """`text` in at most `limit` characters: cut after a word when one ends near the limit,
    else where the limit falls, and an ellipsis marking the cut."""
    if len(text) <= limit:
        return text
    return text[: word_end(text, max(limit - 1, 0))] + "…"


def word_end(text: str, keep: int) -> int:
    """Where to cut `text` to keep at most `keep` characters: after the last whole word,
    when that loses little (a cut mid-word reads as a different word, "they cam"), else at
    `keep`. A bracketed word keeps its start: "(Jord…" still tells Jordan's row from
    Riley's. Spaces and commas before the cut go too, so the ellipsis follows a word."""
    if len(text) <= keep:
        return len(text)
    space = text.rfind(" ", 0, keep + 1)
    near = space > 0 and keep - space <= min(max(keep // 3, 4), 12)
    end = space if near and text[space + 1 : space + 2] not in ("(", "[") else keep
    return len(text[:end].rstrip(" ,;:–—-")) or end


def counted(count: int, noun: str, plural: str = "") -> str:
    """`count` and its noun, singular for one: "1 day", "3 days", "1 entry", "2 entries"."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"


def a_or_an(word: str) -> str:
    """The article before `word` as said: "an alignment meeting", "a sync meeting"."""
    return "an" if word[:1].lower() in "aeiou" and word[:1] else "a"


def required(value: str | None, what: str) -> str:
    """Strip surrounding whitespace of a one-line name; an empty value is an error."""
    from meeting.foundations.errors import HuddleError

    cleaned = (value or "").strip()
    if not cleaned:
        raise HuddleError(f"{what} is empty (type a {what})")
    return cleaned


LARGEST_ID = 2**63 - 1  # SQLite's and PostgreSQL's largest integer key


def as_id(text: str) -> int | None:
    """`text` as a row id, or None when it is not one: only ASCII digits, and small
    enough for the database to compare (a longer run of digits is a name, not an id)."""
    value = text.strip()
    if not (value.isascii() and value.isdigit()):
        return None
    number = int(value)
    return number if number <= LARGEST_ID else None
