"""Database URLs as people type them, read one way, and shown without their password.

A URL reaches huddle from `--db`, `HUDDLE_DB` or a `db copy` target. It is checked here
once, so a bad port or an unsupported database is one line before any driver sees it, and
every place that names a database to a person masks the password the same way, whether it
sits before the host (`user:secret@host`) or in the query (`?password=secret`).
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote

from storage.errors import DatabaseError

MASK = "***"
FORMS = "a file path, or postgresql://USER@HOST:PORT/DATABASE"
# `postgres://` (Heroku's and many tools' spelling) and plain `postgresql://` mean the
# driver huddle ships with.
POSTGRES_SCHEMES = {"postgres", "postgresql", "postgresql+psycopg"}
# A query's parameters; a key is read unescaped, as the driver reads it (%70assword too).
_QUERY_PARAMETER = re.compile(r"([?&])([^=&#]*)=([^&#]*)")


def has_scheme(value: str) -> bool:
    return "://" in value


def _split(url: str) -> tuple[str, str, str, str]:
    """(scheme, userinfo, rest, query) of `url`. The userinfo runs to the last `@`, so a
    password holding an unescaped `@`, `?` or `/` stays whole instead of becoming part of
    the host name or the query (and showing up in an error, or in clear). An `@` inside
    the query must be written %40."""
    scheme, _, tail = url.partition("://")
    at = tail.rfind("@")
    userinfo, rest = (tail[:at], tail[at + 1 :]) if at >= 0 else ("", tail)
    rest, question, query = rest.partition("?")
    return scheme, userinfo, rest, question + query


def masked(url: str) -> str:
    """`url` with any password replaced by ***; safe on text that is not a valid URL."""
    if not has_scheme(url):
        return url
    scheme, userinfo, rest, query = _split(url)
    if ":" in userinfo:
        userinfo = userinfo.split(":", 1)[0] + ":" + MASK
    shown = f"{scheme}://{userinfo}@{rest}" if userinfo else f"{scheme}://{rest}"
    return shown + _QUERY_PARAMETER.sub(_masked_parameter, query)


def _masked_parameter(found: re.Match[str]) -> str:
    sign, key, value = found.groups()
    if unquote(key).strip().lower() == "password":
        value = MASK
    return f"{sign}{key}={value}"


def holds_password(url: str) -> bool:
    return has_scheme(url) and masked(url) != url


def checked_url(url: str) -> str:
    """A URL SQLAlchemy reads the way the person meant it, or a one-line DatabaseError.

    The user name and password are escaped here, so `p@ss` or `a/b` in a password work as
    typed; `postgres://` becomes the psycopg driver's name.
    """
    scheme, userinfo, rest, query = _split(url)
    name = scheme.lower()
    if name == "sqlite":
        return url
    if name not in POSTGRES_SCHEMES:
        raise DatabaseError(
            f"only SQLite files and PostgreSQL databases are supported, not {scheme or 'that'}:// "
            f"(use {FORMS})"
        )
    if userinfo:
        user, colon, password = userinfo.partition(":")
        userinfo = quote(unquote(user), safe="") + colon + quote(unquote(password), safe="")
    text = f"postgresql+psycopg://{userinfo + '@' if userinfo else ''}{rest}{query}"
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        make_url(text)
    except (ArgumentError, ValueError) as exc:
        raise DatabaseError(
            f"cannot read the database URL {masked(url)}: {_why(rest, exc)} (use {FORMS})"
        ) from None
    return text


def _why(rest: str, exc: Exception) -> str:
    host = rest.split("/", 1)[0]
    if host.startswith("[") and "]" not in host:
        return "its IPv6 address has no closing ]"
    if "int()" in str(exc):
        return "its port is not a number"
    return "it is not a URL huddle can read"
