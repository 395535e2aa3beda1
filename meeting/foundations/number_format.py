"""Numbers as people type and read them: `1,200`, `$4.5k`, `12%`, signed changes and
sparklines."""

from __future__ import annotations

import re
import unicodedata

from meeting.foundations.errors import HuddleError

SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float | None]) -> str:
    """Eight-level bars scaled between the smallest and largest value; gaps as '·'."""
    present = [v for v in values if v is not None]
    if not present:
        return ""
    low, high = min(present), max(present)
    span = high - low
    out = []
    for value in values:
        if value is None:
            out.append("·")
        elif span == 0:
            out.append(SPARKS[3])
        else:
            out.append(SPARKS[round((value - low) / span * (len(SPARKS) - 1))])
    return "".join(out)


THOUSANDS = re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?")  # 1,200 and 12,500.50: commas group
PLAIN = re.compile(r"\d+(\.\d+)?")  # 1200, 12.5
CURRENCY_SIGNS = "$€£"
# The largest value huddle keeps: a trillion is beyond any team's figure, and below it a
# float keeps every cent, so what is shown is what was typed.
CEILING = 1_000_000_000_000
CEILING_TEXT = "999,999,999,999.99"
DECIMALS = 2  # what format_value shows, so no more are kept than can be read back


def parse_value(text: str, metric_name: str, unit: str | None = None) -> float:
    """A metric value as typed: `1200`, `1,200`, `12.5`, `40%`, `$3,000`. A comma only
    groups thousands: `12,50` is refused rather than read as 1,250 (or 12.5), since either
    reading could be a typo ten or a hundred times off. With the metric's unit: a count is
    whole, carries no currency sign and no percent; an amount is in dollars. Only what reads
    one way is taken: digits 0-9, at most two decimals, no sign, no exponent, no underscore,
    below a trillion; anything else is refused with the way to type it."""
    typed = text.strip()
    if unit in ("count", "currency") and typed.endswith("%"):
        what = "a count" if unit == "count" else "an amount"
        raise HuddleError(
            f"{metric_name} is {what}, not a percent: type the number itself (such as 12)"
        )
    sign = typed[:1] if typed[:1] in CURRENCY_SIGNS else ""
    if sign and unit == "count":
        raise HuddleError(f"{metric_name} is a count, not money: type the number alone")
    if sign and sign != "$" and unit == "currency":
        raise HuddleError(f"{metric_name} is kept in $: type the amount in dollars")
    cleaned = typed.removeprefix(sign).removesuffix("%").strip()
    _refuse_odd_characters(typed, cleaned, metric_name)
    if "," in cleaned and not THOUSANDS.fullmatch(cleaned):
        raise HuddleError(
            f"{metric_name}: {typed!r} is unclear: a comma only groups thousands (1,250); "
            "for a decimal, type a point (12.50)"
        )
    if not (PLAIN.fullmatch(cleaned) or THOUSANDS.fullmatch(cleaned)):
        raise HuddleError(
            f"{metric_name}: {typed!r} is not a number (type digits such as 42 or 12.5)"
        )
    value = float(cleaned.replace(",", ""))
    if value >= CEILING:
        raise HuddleError(
            f"{metric_name}: {typed!r} is too large: the most huddle keeps is {CEILING_TEXT} "
            "(check the number of digits)"
        )
    if unit == "count" and not value.is_integer():
        grouped = re.fullmatch(r"\d{1,3}(\.\d{3})+", cleaned)
        whole = cleaned.replace(".", "")
        hint = f" (a point starts decimals: for {whole}, type {whole})" if grouped else ""
        raise HuddleError(f"{metric_name} is a count: {typed!r} is not a whole number{hint}")
    decimals = cleaned.partition(".")[2]
    if len(decimals.rstrip("0")) > DECIMALS:
        raise HuddleError(
            f"{metric_name}: {typed!r} has more than {DECIMALS} decimals: "
            f"round it to {value:.{DECIMALS}f}"
        )
    return value


def _refuse_odd_characters(typed: str, cleaned: str, metric_name: str) -> None:
    """What Python's float() would take but a person does not mean (or means otherwise):
    a sign, an exponent, an underscore, digits of another script, inf and nan. Line breaks
    and control characters come first: the fixes below quote the text, which must stay one
    line."""
    if any(not char.isprintable() for char in cleaned):
        raise HuddleError(
            f"{metric_name}: {typed!r} has a line break or a control character inside: type "
            "the number alone (such as 1250)"
        )
    if cleaned[:1] == "-":
        raise HuddleError(f"{metric_name}: {typed!r} is negative (type 0 or more)")
    if cleaned[:1] == "+":
        raise HuddleError(
            f"{metric_name}: {typed!r} has a sign: type the value itself "
            f"({cleaned[1:].strip() or 'such as 5'}), not a change"
        )
    if "_" in cleaned:
        raise HuddleError(
            f"{metric_name}: {typed!r} has an underscore: type {cleaned.replace('_', '')} "
            "(a comma may group thousands: 1,250)"
        )
    if any(c.isdigit() and not c.isascii() for c in cleaned):
        digits = [str(unicodedata.decimal(c, "")) if c.isdigit() else c for c in cleaned]
        fix = "".join(digits)
        fix = f"it as {fix}" if all(digits) and fix.isascii() else "it in 0-9 (such as 12)"
        raise HuddleError(f"{metric_name}: {typed!r} is not in the digits 0-9: type {fix}")
    if re.fullmatch(r"[\d.,]*\d[eE][+-]?\d+", cleaned):
        raise HuddleError(
            f"{metric_name}: {typed!r} is in exponent notation: type the number in full, e.g. 1250"
        )


def format_value(value: float | None, unit: str = "count") -> str:
    if value is None:
        return "–"
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    if unit == "currency":
        return f"${text}"
    if unit == "percent":
        return f"{text}%"
    return text


def format_change(change: float | None, unit: str = "count") -> str:
    if change is None:
        return ""
    if change == 0:
        return "±0"
    sign = "+" if change > 0 else "−"
    return sign + format_value(abs(change), unit)


def format_share(ratio: float | None) -> str:
    """A share (0..1) as every table and screen shows it (`83%`), rounded once from the
    ratio itself: JSON and CSV carry it to the tenth, and rounding that again could move
    the whole number (45.5 -> 46%)."""
    return "" if ratio is None else f"{ratio:.0%}"


def format_percent(percent: float | None) -> str:
    if percent is None:
        return ""
    return f"{percent:+.0f}%".replace("-", "−")
