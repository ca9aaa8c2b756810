""" "Code for numbers": find numbers in generated text that no computed fact holds.

A number in the text matches a fact when it is the fact rounded to the decimals shown (within
half a unit of the last shown digit), provided the rounding keeps the leading digit (0.75 shown
as "1" is a different claim). Thousands separators and k/M/B (thousand/million/billion) scales
are understood; ``$`` amounts may only match money facts and percentages only rate facts (shown
× 100); a leading minus is part of the number. Strings of the facts (keys, titles, dates) are
removed first, so ``PROJ-12`` or ``2026-12-31`` quoted verbatim are not numbers. Which facts are
money or rates is the caller's call (``kind_of``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any, Literal

Kind = Literal["plain", "rate", "money"]

NUMBER = re.compile(
    r"(?<![\w.])(?P<minus>-(?=\$?\d))?(?P<dollar>\$\s?)?"
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


def _matches(shown: Decimal, decimals: int, target: Decimal) -> bool:
    if shown == target:
        return True
    unit = Decimal(1).scaleb(-decimals)
    return abs(target) >= unit and abs(shown - target) <= unit / 2


def _is_allowed(match: re.Match[str], allowed: list[tuple[Decimal, Kind]]) -> bool:
    text = match["num"].replace(",", "")
    shown = -Decimal(text) if match["minus"] else Decimal(text)
    decimals = len(text.partition(".")[2])
    scale = Decimal(_SCALE[match["suffix"].lower()]) if match["suffix"] else Decimal(1)
    for value, kind in allowed:
        if (match["percent"] and kind != "rate") or (match["dollar"] and kind != "money"):
            continue
        target = value * 100 if match["percent"] else value
        if _matches(shown, decimals, target / scale):
            return True
    return False


def invented_numbers(
    text: str,
    flat: Mapping[str, Any],
    kind_of: Callable[[str], Kind],
    quoted: Iterable[str] = (),
) -> list[str]:
    """The numbers ``text`` shows that no fact of ``flat`` holds, in order of appearance."""
    strings = {v for v in flat.values() if isinstance(v, str) and v.strip()}
    strings = {s for s in strings if not NUMBER.fullmatch(s)} | set(quoted)
    for string in sorted(strings, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(string)}(?!\w)", " ", text)
    allowed = [
        (Decimal(repr(value)), kind_of(key))
        for key, value in flat.items()
        if isinstance(value, int | float) and not isinstance(value, bool)
    ]
    return [m.group(0).strip() for m in NUMBER.finditer(text) if not _is_allowed(m, allowed)]
