"""Plain text for people, JSON and CSV for scripts."""

from __future__ import annotations

import csv
import enum
import io
import json
import sys
import unicodedata
from collections.abc import Mapping, Sequence

from meeting.foundations.text import one_line, visible

# Cells a spreadsheet would run as a formula (OWASP's list): written with a leading `'`.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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


def _in_a_cell(value: object) -> object:
    """A list or a record in one CSV cell is written as JSON, which a script can read back
    (Python's own spelling of it, with its quotes and `True`, was there before)."""
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def spreadsheet_safe(value: object) -> object:
    """Text that starts like a formula gets a leading `'`, so a spreadsheet shows it
    instead of running it; numbers (a negative change, say) stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(headers: Sequence[str], rows: Sequence[Sequence[object]], *, raw: bool = False) -> str:
    """CSV whose cells a spreadsheet shows and never runs (unless `raw`); headers may repeat
    (Jira takes several Labels columns)."""
    buffer = io.StringIO()
    # Every field with a line end of any kind is quoted (the default only quotes those
    # with the line terminator), so a lone \r cannot split a record.
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(headers)
    writer.writerows(row if raw else [spreadsheet_safe(v) for v in row] for row in rows)
    return buffer.getvalue().rstrip("\r\n")


def render(
    rows: Sequence[Mapping[str, object]], fmt: OutputFormat, *, empty: str, raw: bool = False
) -> str:
    """`rows` in `fmt`. CSV cells that would run as formulas are defused unless `raw`."""
    rows = [{key: _plain(value) for key, value in row.items()} for row in rows]
    if fmt is OutputFormat.json:
        # One record per line: easy to read and to grep, and each line goes through the C
        # encoder (with `indent`, json falls back to pure Python, several times slower).
        if not rows:
            return "[]"
        return "[\n" + ",\n".join(json.dumps(row, ensure_ascii=False) for row in rows) + "\n]"
    if fmt is OutputFormat.csv:
        if not rows:
            return ""
        headers = list(rows[0])
        records = [[_in_a_cell(row.get(h)) for h in headers] for row in rows]
        return csv_text(headers, records, raw=raw)
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


def say(text: str, *, err: bool = False) -> None:
    """A line for people, on stdout or stderr: every message a command prints goes through
    here, so a name or path in it cannot drive the terminal."""
    stream = sys.stderr if err else sys.stdout
    stream.write(visible(text) + "\n")
    stream.flush()


def emit(
    rows: Sequence[Mapping[str, object]], fmt: OutputFormat, *, empty: str, raw: bool = False
) -> None:
    """Print `rows`. To a terminal, control characters in JSON and CSV are shown as escapes
    (as in the table format), so no stored text can drive the terminal; to a file or a
    pipe, JSON and CSV hold exactly what was typed. `raw` writes the bytes regardless."""
    text = render(rows, fmt, empty=empty, raw=raw)
    if fmt is not OutputFormat.table and not raw and sys.stdout.isatty():
        text = visible(text)
    if text:
        sys.stdout.write(text + "\n")
