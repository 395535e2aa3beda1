"""Typed text as Markdown that renders exactly as typed, in CommonMark and GitHub Markdown:
every ASCII punctuation mark is backslash-escaped (nothing becomes a link, heading, list,
HTML or an extra table column), leading and trailing spaces, tabs and carriage returns
become numeric character references, and line breaks become hard breaks (or `<br>` inside
table cells). Other control characters are written as typed: renderers refuse references
to them. U+0000 cannot be carried: CommonMark renders it as U+FFFD. Its own module: the
minutes write every cell and line with it, and so does the bench's export floor.
"""

from __future__ import annotations

import re
from functools import lru_cache

# At the start of a line these begin a list or a block quote.
LINE_START = set("-+")
_ORDERED_MARKER = re.compile(r"^(\d{1,9})([.)])")
_WWW = re.compile(r"(?i)\bwww\.")
_EDGE_SPACES = re.compile(r"^\s+|\s+$")


def _reference(match: re.Match[str]) -> str:
    """Edge whitespace as references; control characters stay as typed (no renderer
    accepts a reference to them)."""
    return "".join(
        c if ord(c) < 32 or 127 <= ord(c) < 160 else f"&#{ord(c)};" for c in match.group()
    )


# Marks that start or end inline syntax anywhere in a line: emphasis, code, links, HTML,
# entities, table cells, strikethrough, headings, autolinks (`http:`, `a@b`), setext lines.
_SPECIAL = re.compile(r"[\\`*_\[\]<>&|~#:@=]")
# A tab would indent, a carriage return would end the line: write them as references.
_REFERENCES = str.maketrans({"\t": "&#9;", "\r": "&#13;", "\f": "&#12;"})
_NEEDS_CARE = re.compile(r"^[-+\d\s]|\s$|[wW]{3}\.")


def _escape_line(line: str) -> str:
    body = _SPECIAL.sub(r"\\\g<0>", line).translate(_REFERENCES)
    if not _NEEDS_CARE.search(line):
        return body  # the common case: nothing at the start or end needs attention
    if body[:1] in LINE_START:
        body = "\\" + body
    # "1." or "1)" at the start is an ordered list; "www." is a link on GitHub.
    body = _ORDERED_MARKER.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", body)
    body = _WWW.sub(lambda m: m.group()[:3] + "\\.", body)
    # Leading and trailing blanks would be trimmed (or read as indentation): keep them.
    return _EDGE_SPACES.sub(_reference, body)


@lru_cache(maxsize=8192)  # names, teams and metric names repeat on every page
def escape(text: str, *, newline: str = "\\\n") -> str:
    """Typed text as Markdown that renders as exactly this text.

    `newline` is what a line break becomes: a hard break in paragraphs and list items,
    `<br>` inside table cells.
    """
    lines = [_escape_line(line) for line in text.split("\n")]
    if len(lines) > 1 and lines[-1] == "":
        # A break at the very end has nothing after it to break to: write it as a reference.
        return newline.join(lines[:-1]) + "&#10;"
    return newline.join(lines)


def cell(text: str) -> str:
    """Typed text inside a table cell: pipes escaped, line breaks as <br>."""
    return escape(text, newline="<br>") if text else ""


def list_item(text: str, indent: int = 2) -> str:
    """Typed text in a list item: continuation lines are indented to stay inside it."""
    return escape(text, newline="\\\n" + " " * indent)
