"""Numbers as people type and read them: `1,200`, `$4.5k`, `12%`, signed changes and
sparklines."""

from __future__ import annotations

import math

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


def parse_value(text: str, metric_name: str, unit: str | None = None) -> float:
    """A metric value as typed: `1200`, `1,200`, `12.5`, `40%`, `$3,000`. With the
    metric's unit, a percent sign on a count or an amount is refused: `12%` of leads is
    not 12 leads."""
    if unit in ("count", "currency") and text.strip().endswith("%"):
        what = "a count" if unit == "count" else "an amount"
        raise HuddleError(
            f"{metric_name} is {what}, not a percent: type the number itself (such as 12)"
        )
    cleaned = text.strip().replace(",", "").replace("_", "").lstrip("$€£").rstrip("%").strip()
    try:
        value = float(cleaned)
    except ValueError:
        raise HuddleError(
            f"{metric_name}: {text.strip()!r} is not a number (type digits such as 42 or 12.5)"
        ) from None
    if not math.isfinite(value):
        raise HuddleError(f"{metric_name}: {text.strip()!r} is not a finite number")
    if value < 0:
        raise HuddleError(f"{metric_name}: {text.strip()!r} is negative (counts start at 0)")
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
