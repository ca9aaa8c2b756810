"""One-to-one matching of predicted requirements to gold requirements by ``any_of`` terms.

A term *occurs* in a text when it appears case-insensitively (whitespace collapsed) starting at a
word boundary: ``encrypt`` occurs in "Encryption at rest", ``sla`` does not occur in "translate".
Only the title, user story and acceptance criteria are searched, never the evidence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from agents.techtranslator.schemas import Requirement


class GoldItem(Protocol):
    """What the matcher needs from a gold requirement."""

    @property
    def any_of(self) -> list[str]: ...


@dataclass(frozen=True)
class Pair:
    """Gold requirement ``gold`` matched prediction ``predicted`` because ``term`` occurs in it."""

    gold: int
    predicted: int
    term: str


@dataclass(frozen=True)
class Matching:
    """The pairs, plus a human reason for every gold and predicted item left unmatched."""

    pairs: list[Pair]
    gold_reasons: dict[int, str] = field(default_factory=dict)
    predicted_reasons: dict[int, str] = field(default_factory=dict)

    def by_gold(self) -> dict[int, Pair]:
        """Pairs keyed by gold index."""
        return {p.gold: p for p in self.pairs}

    def by_predicted(self) -> dict[int, Pair]:
        """Pairs keyed by predicted index."""
        return {p.predicted: p for p in self.pairs}


def _squash(text: str) -> str:
    return " ".join(text.casefold().split())


@lru_cache(maxsize=4096)
def _pattern(term: str) -> re.Pattern[str]:
    squashed = _squash(term)
    prefix = r"(?<!\w)" if squashed[:1].isalnum() else ""
    return re.compile(prefix + re.escape(squashed))


def term_occurs(term: str, text: str) -> bool:
    """Whether ``term`` occurs in ``text`` (case-insensitive, starting at a word boundary)."""
    if not term.strip():
        return False
    return _pattern(term).search(_squash(text)) is not None


def matchable_text(req: Requirement) -> str:
    """The searchable text of a prediction: title, user story and acceptance criteria."""
    return "\n".join([req.title, req.user_story, *req.acceptance_criteria])


def first_term(terms: Sequence[str], text: str) -> str | None:
    """The first of ``terms`` that occurs in ``text``."""
    return next((t for t in terms if term_occurs(t, text)), None)


def match(gold: Sequence[GoldItem], predicted: Sequence[Requirement]) -> Matching:
    """Match gold items in file order, each to the first unmatched prediction that fits."""
    texts = [matchable_text(p) for p in predicted]
    taken: dict[int, int] = {}  # predicted index -> gold index
    pairs: list[Pair] = []
    gold_reasons: dict[int, str] = {}
    for g, item in enumerate(gold):
        fits = [(i, t) for i, text in enumerate(texts) if (t := first_term(item.any_of, text))]
        free = [(i, t) for i, t in fits if i not in taken]
        if free:
            i, term = free[0]
            taken[i] = g
            pairs.append(Pair(gold=g, predicted=i, term=term))
        else:
            gold_reasons[g] = _why_gold_unmatched(item, fits, taken, predicted)
    predicted_reasons = {
        i: _why_predicted_unmatched(texts[i], gold) for i in range(len(predicted)) if i not in taken
    }
    return Matching(pairs=pairs, gold_reasons=gold_reasons, predicted_reasons=predicted_reasons)


def _why_gold_unmatched(
    item: GoldItem,
    fits: list[tuple[int, str]],
    taken: dict[int, int],
    predicted: Sequence[Requirement],
) -> str:
    if fits:
        owners = ", ".join(f"P{i + 1} (taken by G{taken[i] + 1})" for i, _ in fits)
        return f"every prediction that mentions it is already matched: {owners}"
    in_evidence = [
        i
        for i, p in enumerate(predicted)
        if first_term(item.any_of, " ".join(e.quote for e in p.evidence))
    ]
    if in_evidence:
        where = ", ".join(f"P{i + 1}" for i in in_evidence)
        return f"terms appear only in the evidence of {where} (evidence is not matched)"
    if not predicted:
        return "nothing was predicted"
    return "no prediction mentions any of: " + ", ".join(item.any_of)


def _why_predicted_unmatched(text: str, gold: Sequence[GoldItem]) -> str:
    claimed = [g for g, item in enumerate(gold) if first_term(item.any_of, text)]
    if claimed:
        owners = ", ".join(f"G{g + 1}" for g in claimed)
        return f"fits {owners}, already matched to an earlier prediction (one-to-one)"
    if not gold:
        return "the call has no gold requirements"
    return "mentions none of the gold terms (false positive)"
