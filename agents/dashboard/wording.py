"""How numbers are worded in the narrative and the investor update (the check accepts these)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def num(value: float) -> str:
    """A plain number: thousands separators, at most 2 decimals, no trailing zeros."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def money(value: float) -> str:
    """Dollars; cents only when there are any; a minus sign before the dollar sign."""
    sign = "-" if value < 0 else ""
    amount = abs(value)
    body = f"${amount:,.0f}" if float(amount).is_integer() else f"${amount:,.2f}"
    return sign + body


def pct(rate: float) -> str:
    """A rate (0.9123) as a percentage (91.23%)."""
    return f"{num(rate * 100)}%"


def count(n: int, noun: str) -> str:
    """``3 deals``, ``1 deal``."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def opt(facts: Mapping[str, Any], key: str, fmt: Any, missing: str = "n/a") -> str:
    """``fmt(facts[key])``, or ``missing`` when the metric is None."""
    value = facts.get(key)
    return missing if value is None else str(fmt(value))
