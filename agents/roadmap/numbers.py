"""Reject a rationale that shows a number the roadmap's facts do not hold.

As for the dashboard narrative: a number in the text matches a fact when it is the fact rounded
to the decimals shown (within half a unit of the last shown digit), provided the rounding keeps
the leading digit. Dollar amounts (optionally scaled: $1.2M, $70k) may only match facts whose
name mentions ARR; percentages only probabilities (``*_probability``, shown × 100). Strings of
the facts (item keys, titles, dates, account names) are removed before numbers are read, so
``PROJ-12`` or ``2026-12-31`` quoted verbatim are not numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from devbizops.errors import LLMOutputError

_NUMBER = re.compile(
    r"(?<![\w.])(?P<dollar>\$\s?)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<suffix>thousand|million|billion|bn|[kKmMbB])\b)?"
    r"(?P<percent>\s?%)?"
)
_SCALE = {"k": 10**3, "thousand": 10**3, "m": 10**6, "million": 10**6}
_SCALE |= {"b": 10**9, "bn": 10**9, "billion": 10**9}


def flatten(facts: Mapping[str, Any]) -> dict[str, Any]:
    """Facts as ``dotted.key -> value``; list positions count from 1."""
    flat: dict[str, Any] = {}

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, Mapping):
            for key, inner in value.items():
                walk(f"{prefix}.{key}" if prefix else str(key), inner)
        elif isinstance(value, list | tuple):
            for position, inner in enumerate(value, start=1):
                walk(f"{prefix}.{position}", inner)
        else:
            flat[prefix] = value

    walk("", facts)
    return flat


def _strings(flat: Mapping[str, Any]) -> Iterator[str]:
    for value in flat.values():
        if isinstance(value, str) and value.strip() and not _NUMBER.fullmatch(value):
            yield value


def _allowed(flat: Mapping[str, Any]) -> list[tuple[Decimal, str]]:
    allowed: list[tuple[Decimal, str]] = []
    for key, value in flat.items():
        if isinstance(value, bool) or not isinstance(value, int | float):
            continue
        leaf = key.rsplit(".", 1)[-1]
        kind = "rate" if leaf.endswith("probability") else "money" if "arr" in leaf else "plain"
        allowed.append((Decimal(repr(value)), kind))
    return allowed


def _matches(shown: Decimal, decimals: int, target: Decimal) -> bool:
    if shown == target:
        return True
    unit = Decimal(1).scaleb(-decimals)
    return abs(target) >= unit and abs(shown - target) <= unit / 2


def _is_allowed(match: re.Match[str], allowed: list[tuple[Decimal, str]]) -> bool:
    text = match["num"].replace(",", "")
    shown = Decimal(text)
    decimals = len(text.partition(".")[2])
    scale = Decimal(_SCALE[match["suffix"].lower()]) if match["suffix"] else Decimal(1)
    for value, kind in allowed:
        if (match["percent"] and kind != "rate") or (match["dollar"] and kind != "money"):
            continue
        target = value * 100 if match["percent"] else value
        if _matches(shown, decimals, target / scale):
            return True
    return False


def invented_numbers(text: str, facts: Mapping[str, Any]) -> list[str]:
    """The numbers ``text`` shows that no fact holds, in order of appearance."""
    flat = flatten(facts)
    for quoted in sorted(set(_strings(flat)), key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(quoted)}(?!\w)", " ", text)
    allowed = _allowed(flat)
    return [m.group(0).strip() for m in _NUMBER.finditer(text) if not _is_allowed(m, allowed)]


def check_rationale_numbers(text: str, facts: Mapping[str, Any]) -> None:
    """Raise LLMOutputError when the rationale shows a number that is not a computed fact."""
    invented = invented_numbers(text, facts)
    if invented:
        raise LLMOutputError(
            f"rationale shows numbers that are not in the facts: {', '.join(invented)}",
            details={"invented_numbers": invented},
        )
