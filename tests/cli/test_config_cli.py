"""`huddle config`: personal settings in a TOML file of one's own (HUDDLE_CONFIG here, in
tmp_path; never the real user's), each bad key or value refused in one line."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from tui.cli import app
from tui.personal import read_personal

runner = CliRunner()


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "settings" / "config.toml"
    monkeypatch.setenv("HUDDLE_CONFIG", str(path))
    return path


def huddle(*args: str) -> Result:
    return runner.invoke(app, ["config", *args])


def one_line(result: Result) -> str:
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_the_bell_is_on_until_set_and_the_file_is_made_on_the_first_set(settings: Path) -> None:
    assert huddle("get", "bell").stdout == "on\n"
    listed = huddle("list")
    assert listed.exit_code == 0
    assert listed.stdout.split()[:3] == ["bell", "on", "default"]
    assert not settings.exists()  # looking makes nothing

    said = huddle("set", "bell", "OFF")
    assert said.exit_code == 0, said.output
    assert "bell is now off (was on)" in said.stdout
    assert tomllib.loads(settings.read_text(encoding="utf-8")) == {"bell": "off"}
    assert huddle("get", "bell").stdout == "off\n"
    assert huddle("list").stdout.split()[:3] == ["bell", "off", "set"]
    assert read_personal().bell is False  # what the TUI reads at start

    again = huddle("set", "bell", "off")
    assert (again.exit_code, "already off" in again.stdout) == (0, True)

    back = huddle("unset", "bell")
    assert (back.exit_code, "back to its default, on" in back.stdout) == (0, True)
    assert huddle("get", "bell").stdout == "on\n"
    assert "not set" in huddle("unset", "bell").stdout
    assert huddle("path").stdout == f"{settings}\n"


def test_unknown_keys_and_bad_values_are_one_line_naming_the_known_ones(settings: Path) -> None:
    known = "bell, smtp_host, smtp_port, smtp_user, smtp_from, smtp_starttls, send_minutes"
    assert one_line(huddle("set", "bel", "off")) == (
        f"huddle: no setting 'bel': the known ones are {known}"
    )
    assert one_line(huddle("get", "colour")).endswith(f"the known ones are {known}")
    assert one_line(huddle("unset", "colour")).endswith(f"the known ones are {known}")
    assert one_line(huddle("set", "bell", "loud")) == "huddle: bell takes on or off, not 'loud'"
    assert not settings.exists()


def test_smtp_settings_take_a_line_of_text(settings: Path) -> None:
    """The password has no key: it is read from the environment alone."""
    assert huddle("set", "smtp_host", "mail.example.com").exit_code == 0
    assert huddle("get", "smtp_host").stdout == "mail.example.com\n"
    assert "smtp_host" in huddle("list").stdout
    assert "takes one line of text" in one_line(huddle("set", "smtp_from", 'a"b'))
    assert "no setting 'smtp_password'" in one_line(huddle("set", "smtp_password", "x"))


def test_set_keeps_everything_else_the_file_says(settings: Path) -> None:
    settings.parent.mkdir()
    settings.write_text(
        '# mine\nbell = false  # quiet at night\nlater = 3\n\n[mail]\nto = "me@example.com"\n',
        encoding="utf-8",
    )
    assert huddle("get", "bell").stdout == "off\n"  # a TOML boolean is read as off
    assert huddle("set", "bell", "on").exit_code == 0
    text = settings.read_text(encoding="utf-8")
    assert text.startswith('# mine\nbell = "on"\nlater = 3\n')
    assert tomllib.loads(text) == {"bell": "on", "later": 3, "mail": {"to": "me@example.com"}}
    assert huddle("unset", "bell").exit_code == 0
    assert tomllib.loads(settings.read_text(encoding="utf-8")) == {
        "later": 3,
        "mail": {"to": "me@example.com"},
    }


def test_a_file_that_is_not_toml_is_one_line_and_left_as_it_was(settings: Path) -> None:
    settings.parent.mkdir()
    settings.write_text("bell = \n", encoding="utf-8")
    line = one_line(huddle("set", "bell", "off"))
    assert "is not valid TOML" in line
    assert str(settings) in line
    assert settings.read_text(encoding="utf-8") == "bell = \n"


def test_a_value_huddle_cannot_take_is_said_and_the_default_holds(settings: Path) -> None:
    settings.parent.mkdir()
    settings.write_text('bell = "maybe"\n', encoding="utf-8")
    got = huddle("get", "bell")
    assert got.stdout == "on\n"
    assert "bell takes on or off, not 'maybe'" in got.stderr
    assert huddle("unset", "bell").exit_code == 0  # what was written is taken out
    assert tomllib.loads(settings.read_text(encoding="utf-8")) == {}
