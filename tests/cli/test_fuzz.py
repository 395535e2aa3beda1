"""Any text at all, through every kind of argument and a CSV import: exit 0, 1 or 2 with
a message, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import Result

from tests.cli.helpers import invoke

# Every code point, lone surrogates and every C0/C1 control included.
ANY_TEXT = st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=40)
COMMANDS = [
    lambda t: ["actions", "add", t, "--owner", "Sam"],
    lambda t: ["actions", "add", "x", "--owner", t, "--due", t],
    lambda t: ["actions", "list", "--search", t, "--owner", "Sam", "--format", "csv"],
    lambda t: ["actions", "list", "--since", t],
    lambda t: ["questions", "ask", t, "--lead", t, "--assignee", "Sam", "--new-lead"],
    lambda t: ["questions", "answer", "1", t, "--outcome", t],
    lambda t: ["meeting", "start", "--series", t, "--no-open"],
    lambda t: ["meeting", "reschedule", t, "--date", t],
    lambda t: ["meeting", "plan", "--date", t, "--template", t],
    lambda t: ["metrics", "record", t, t],
    lambda t: ["people", "rename", "Sam", t],
    lambda t: ["people", "stats", "--since", t, "--series", t],
    lambda t: ["items", "add", "broken", t, "--by", t],
    lambda t: ["export", t, "-o", "-"],
]
FUZZ = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def no_traceback(result: Result) -> None:
    assert result.exit_code in (0, 1, 2), result.output
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", range(len(COMMANDS)))
@FUZZ
@example(text="9223372036854775808")  # one past the largest id: digits, but not an id
@given(text=ANY_TEXT)
def test_any_argument(command: int, text: str, demo_file: Path, tmp_path: Path) -> None:
    db = tmp_path / "fuzz.db"
    if not db.exists():
        shutil.copy(demo_file, db)
    no_traceback(invoke(str(db), *COMMANDS[command](text)))


@FUZZ
@given(rows=st.lists(st.lists(ANY_TEXT, min_size=1, max_size=5), max_size=5))
def test_any_csv_import(rows: list[list[str]], demo_file: Path, tmp_path: Path) -> None:
    db = tmp_path / "fuzz.db"
    if not db.exists():
        shutil.copy(demo_file, db)
    csv_file = tmp_path / "leads.csv"
    text = "name,company,email\n" + "\n".join(",".join(row) for row in rows)
    csv_file.write_bytes(text.encode("utf-8", "surrogatepass"))
    no_traceback(invoke(str(db), "leads", "import", str(csv_file)))
    no_traceback(invoke(str(db), "metrics", "import", str(csv_file), "--dry-run"))


@pytest.mark.parametrize(
    "args", [["actions", "done", "99999999999999999999"], ["export", "9" * 30]]
)
def test_huge_numbers_are_a_message(args: list[str], demo_file: Path, tmp_path: Path) -> None:
    db = tmp_path / "fuzz.db"
    shutil.copy(demo_file, db)
    result = invoke(str(db), *args)
    no_traceback(result)
    assert result.exit_code == 1
    assert "huddle:" in result.output
