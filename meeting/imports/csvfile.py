"""Reading CSV files people export from spreadsheets and CRMs: BOM, `;` or `,`, quoted
newlines, and errors that name the line."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from meeting.foundations.errors import HuddleError

SHOWN_PROBLEMS = 10


def read_text(path: Path) -> str:
    """The file as text; a file that is not UTF-8 is named with the line that breaks."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise HuddleError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise HuddleError(f"{path} is a directory (give a .csv file)") from None
    except OSError as exc:
        raise HuddleError(f"{path}: cannot read it ({exc.strerror})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise HuddleError(
            f"{path}: line {line} is not UTF-8 text (save the file as UTF-8 CSV and try again)"
        ) from None


def csv_rows(text: str, path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Header names (lower-cased) and rows with the line each starts on."""
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise HuddleError(f"{path} is empty (the first line must be the header)") from None
    except csv.Error as exc:
        raise HuddleError(f"{path}: line 1 is not valid CSV ({exc})") from None
    names = [name.strip().lower() for name in header]
    rows = []
    line = reader.line_num + 1
    try:
        for record in reader:
            if any(value.strip() for value in record):
                rows.append((line, dict(zip(names, record, strict=False))))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise HuddleError(f"{path}: line {line} is not valid CSV ({exc})") from None
    return names, rows


def problem_report(path: Path, problems: list[str]) -> str:
    """One line saying nothing was imported, then the first problems, one per line."""
    shown = problems[:SHOWN_PROBLEMS]
    more = len(problems) - len(shown)
    listing = "\n  ".join(shown + ([f"and {more} more"] if more else []))
    count = f"{len(problems)} bad row{'s' * (len(problems) > 1)}"
    return f"{path}: {count}, nothing imported\n  {listing}"
