"""Personal settings: how huddle behaves for you, in a TOML file of your own.

Not the team's settings (those live in the database, e.g. `huddle db timezone`): each person
keeps theirs in the user config folder, or where `HUDDLE_CONFIG` points. The file is made
on the first `huddle config set`; until then every setting has its default. A setting is a
top-level `key = "value"` line; `set` and `unset` change that line alone, so comments and
anything else written by hand stay as they were.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from meeting.foundations.errors import HuddleError

if TYPE_CHECKING:
    from screens.summary import Mailing

ENV_CONFIG = "HUDDLE_CONFIG"
HEADER = "# huddle's personal settings (`huddle config list` shows every one)\n"


@dataclass(frozen=True)
class Setting:
    """One setting people may change: its key, the words it takes, its default."""

    key: str
    choices: tuple[str, ...]
    default: str
    says: str  # what it does, in a few words (for `huddle config list`)

    def checked(self, value: str) -> str:
        """The value as kept (`OFF` is `off`), or one line naming the values it takes. A
        setting without choices takes any one line of text (a host name, an address)."""
        if not self.choices:
            text = value.strip()
            if not text or not text.isprintable() or '"' in text or "\\" in text:
                raise HuddleError(f"{self.key} takes one line of text without quotes")
            return text
        word = value.strip().lower()
        if word not in self.choices:
            raise HuddleError(f"{self.key} takes {' or '.join(self.choices)}, not {value!r}")
        return word


# Every setting huddle knows, in the order `huddle config list` shows them.
SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in (
        Setting(
            "bell",
            ("on", "off"),
            "on",
            "ring the terminal bell when a section's timebox runs out",
        ),
        # `huddle send`: HUDDLE_SMTP_* in the environment come first; the password is only
        # ever read from there (HUDDLE_SMTP_PASSWORD), never from this file.
        Setting("smtp_host", (), "", "the SMTP server `huddle send` mails through"),
        Setting("smtp_port", (), "", "its port (default 587, or 25 with starttls off)"),
        Setting("smtp_user", (), "", "who logs in (password: HUDDLE_SMTP_PASSWORD)"),
        Setting("smtp_from", (), "", "the address the minutes come from"),
        Setting("smtp_starttls", ("on", "off"), "on", "encrypt with STARTTLS"),
        Setting(
            "send_minutes",
            (),
            "",
            "whom s on the summary emails the minutes to (attendees, a team, names)",
        ),
    )
}


def setting(key: str) -> Setting:
    """The setting `key` names, or one line naming the known ones."""
    found = SETTINGS.get(key.strip().lower())
    if found is None:
        known = ", ".join(SETTINGS)
        raise HuddleError(f"no setting {key!r}: the known ones are {known}")
    return found


def config_path() -> Path:
    """`HUDDLE_CONFIG`, else config.toml in the user config folder (~/.config/huddle/)."""
    env = os.environ.get(ENV_CONFIG, "").strip()
    if env:
        return Path(env).expanduser()
    from platformdirs import user_config_path

    return user_config_path("huddle", appauthor=False) / "config.toml"


@dataclass
class Personal:
    """The settings as read: those set in the file, and what was wrong with the file (a
    setting whose value is not one it takes keeps its default, and is said)."""

    chosen: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # keys huddle does not know
    held: set[str] = field(default_factory=set)  # known keys the file has a line for

    def value(self, key: str) -> str:
        return self.chosen.get(key, SETTINGS[key].default)

    @property
    def bell(self) -> bool:
        """Whether a section's time running out rings the terminal bell."""
        return self.value("bell") == "on"

    def send_to(self) -> list[str]:
        """Whom the summary screen offers to email the minutes to, as `--to` takes them."""
        return [part.strip() for part in self.value("send_minutes").split(",") if part.strip()]

    def smtp(self) -> dict[str, str]:
        """The SMTP settings set in the file (smtp_host ...), for `huddle send`."""
        return {k: v for k, v in self.chosen.items() if k.startswith("smtp_")}


def read_text(path: Path) -> str | None:
    """The file's text; None when there is none yet. Unreadable is one line."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise HuddleError(
            f"cannot read the settings file {path}: {exc.strerror or exc} "
            f"(check it, or point {ENV_CONFIG} at another file)"
        ) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise HuddleError(
            f"the settings file {path} is not UTF-8 text: fix it, or remove it to start again"
        ) from None


def parsed(path: Path, text: str) -> dict[str, object]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise HuddleError(
            f"the settings file {path} is not valid TOML ({exc}): fix it, or remove it to "
            "start again"
        ) from None


def read_personal(path: Path | None = None) -> Personal:
    """The settings in the file (defaults where it says nothing). A file that cannot be
    read or parsed is one line (HuddleError); a bad value is a problem, not an error."""
    path = path or config_path()
    text = read_text(path)
    found = Personal()
    for key, raw in ({} if text is None else parsed(path, text)).items():
        known = SETTINGS.get(key)
        if known is None:
            found.unknown.append(key)
            continue
        found.held.add(key)
        word = {True: "on", False: "off"}.get(raw, raw) if isinstance(raw, bool) else raw
        try:
            found.chosen[key] = known.checked(word if isinstance(word, str) else repr(word))
        except HuddleError as exc:
            found.problems.append(f"{path}: {exc}; {known.default} (the default) holds")
    return found


def settings_at_start() -> tuple[Personal, list[str]]:
    """What the TUI starts with, and what to say about the file: a file that cannot be read
    never keeps the TUI from starting (the defaults hold)."""
    try:
        found = read_personal()
    except HuddleError as exc:
        return Personal(), [f"{exc}; the default settings hold"]
    return found, found.problems


KEY_LINE = r"""^\s*(?:{key}|"{key}"|'{key}')\s*="""


def write_value(key: str, value: str | None) -> None:
    """Set `key` to `value` in the file (None: take it out), keeping every other line. The
    file and its folder are made on the first setting."""
    path = config_path()
    text = read_text(path)
    before = {} if text is None else parsed(path, text)
    lines = (text or HEADER).splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    own = re.compile(KEY_LINE.format(key=re.escape(key)))
    # Top-level keys come before the first [table]: a setting's line goes there.
    table = next((i for i, line in enumerate(lines) if line.lstrip().startswith("[")), len(lines))
    mine = [i for i in range(table) if own.match(lines[i])]
    new = [] if value is None else [f'{key} = "{value}"\n']
    at = mine[0] if mine else table
    kept: list[str] = []
    for i, line in enumerate([*lines, ""]):
        if i == at:
            kept += new
        if i not in mine:
            kept.append(line)
    after_text = "".join(kept)
    after = parsed(path, after_text)
    others_before = {k: v for k, v in before.items() if k != key}
    if after.get(key) != value or {k: v for k, v in after.items() if k != key} != others_before:
        raise HuddleError(
            f"cannot change {key} in {path} without touching what else it says: "
            "change it there by hand"
        )
    write_file(path, after_text)


def write_file(path: Path, text: str) -> None:
    """The whole file at once: written beside it, then moved over it."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".config-", suffix=".toml", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise HuddleError(
            f"cannot write the settings file {path}: {exc.strerror or exc} "
            f"(check the folder's permissions, or point {ENV_CONFIG} at another file)"
        ) from None


def mailing_of(wanted: list[str], smtp: dict[str, str], by: str | None) -> Mailing:
    """Whom the summary screen emails the minutes to, and through which server (the
    environment first, as `huddle send` reads it; the password only from there)."""
    from meeting.reports.mail import smtp_settings
    from screens.summary import Mailing

    if not wanted:
        return Mailing()
    try:
        return Mailing(wanted, smtp_settings(os.environ, smtp), by=by)
    except HuddleError as exc:
        return Mailing(wanted, None, problem=str(exc), by=by)
