"""Numbers as people type and read them: `1,200`, `$4.5k`, `12%`, signed changes and
sparklines."""

from __future__ import annotations

import math
import re

from meeting.errors import HuddleError

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
CURRENCY_SIGNS = "$€£"


def parse_value(text: str, metric_name: str, unit: str | None = None) -> float:
    """A metric value as typed: `1200`, `1,200`, `12.5`, `40%`, `$3,000`. A comma only
    groups thousands: `12,50` is refused rather than read as 1,250 (or 12.5), since either
    reading could be a typo ten or a hundred times off. With the metric's unit: a count is
    whole, carries no currency sign and no percent; an amount is in dollars."""
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
    cleaned = typed.removeprefix(sign).rstrip("%").strip().replace("_", "")
    if "," in cleaned and not THOUSANDS.fullmatch(cleaned):
        raise HuddleError(
            f"{metric_name}: {typed!r} is unclear: a comma only groups thousands (1,250); "
            "for a decimal, type a point (12.50)"
        )
    try:
        value = float(cleaned.replace(",", ""))
    except ValueError:
        raise HuddleError(
            f"{metric_name}: {typed!r} is not a number (type digits such as 42 or 12.5)"
        ) from None
    if not math.isfinite(value):
        raise HuddleError(f"{metric_name}: {typed!r} is not a finite number")
    if value < 0:
        raise HuddleError(f"{metric_name}: {typed!r} is negative (counts start at 0)")
    if unit == "count" and not value.is_integer():
        grouped = re.fullmatch(r"\d{1,3}(\.\d{3})+", cleaned)
        whole = cleaned.replace(".", "")
        hint = f" (a point starts decimals: for {whole}, type {whole})" if grouped else ""
        raise HuddleError(f"{metric_name} is a count: {typed!r} is not a whole number{hint}")
    return value


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


def format_percent(percent: float | None) -> str:
    if percent is None:
        return ""
    return f"{percent:+.0f}%".replace("-", "−")
