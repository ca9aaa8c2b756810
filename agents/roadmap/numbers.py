"""Reject a rationale that shows a number the roadmap's facts do not hold.

As for the dashboard narrative: a number in the text matches a fact when it is the fact rounded
to the decimals shown (within half a unit of the last shown digit), provided the rounding keeps
the leading digit. Dollar amounts (optionally scaled: $1.2M, $70k) may only match facts whose
name mentions ARR; percentages only probabilities (``*_probability``, shown × 100). Strings of
the facts (item keys, titles, dates, account names) are removed before numbers are read, so
``PROJ-12`` or ``2026-12-31`` quoted verbatim are not numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from devbizops.errors import LLMOutputError
from tools.llm.numbers import Kind, flatten
from tools.llm.numbers import invented_numbers as find_invented


def _kind(key: str) -> Kind:
    leaf = key.rsplit(".", 1)[-1]
    return "rate" if leaf.endswith("probability") else "money" if "arr" in leaf else "plain"


def invented_numbers(text: str, facts: Mapping[str, Any]) -> list[str]:
    """The numbers ``text`` shows that no fact holds, in order of appearance."""
    return find_invented(text, flatten(facts), _kind)


def check_rationale_numbers(text: str, facts: Mapping[str, Any]) -> None:
    """Raise LLMOutputError when the rationale shows a number that is not a computed fact."""
    invented = invented_numbers(text, facts)
    if invented:
        raise LLMOutputError(
            f"rationale shows numbers that are not in the facts: {', '.join(invented)}",
            details={"invented_numbers": invented},
        )
