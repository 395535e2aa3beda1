"""Plain text for people, JSON and CSV for scripts."""

from __future__ import annotations

import csv
import enum
import io
import json
import sys
import unicodedata
from collections.abc import Sequence

from meeting.text import one_line


class OutputFormat(enum.StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell(value: object) -> str:
    if value is None:
        return ""
    return one_line(str(value), limit=60)


def _plain(value: object) -> object:
    """Whole numbers print as 42, not 42.0, in every format."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def render(rows: Sequence[dict[str, object]], fmt: OutputFormat, *, empty: str) -> str:
    rows = [{key: _plain(value) for key, value in row.items()} for row in rows]
    if fmt is OutputFormat.json:
        # One record per line: easy to read and to grep, and each line goes through the C
        # encoder (with `indent`, json falls back to pure Python, several times slower).
        if not rows:
            return "[]"
        return "[\n" + ",\n".join(json.dumps(row, ensure_ascii=False) for row in rows) + "\n]"
    if fmt is OutputFormat.csv:
        buffer = io.StringIO()
        if rows:
            writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        return buffer.getvalue().rstrip("\n")
    if not rows:
        return empty
    headers = list(rows[0])
    cells = [[_cell(row[h]) for h in headers] for row in rows]
    widths = [max(_width(h), *(_width(r[i]) for r in cells)) for i, h in enumerate(headers)]

    def line(values: list[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths, strict=True))

    out = [line(headers), line(["-" * w for w in widths])]
    out += [line(r) for r in cells]
    return "\n".join(text.rstrip() for text in out)


def emit(rows: Sequence[dict[str, object]], fmt: OutputFormat, *, empty: str) -> None:
    text = render(rows, fmt, empty=empty)
    if text:
        sys.stdout.write(text + "\n")
