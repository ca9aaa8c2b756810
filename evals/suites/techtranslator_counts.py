"""The counts behind every TechTranslator metric, and the metrics computed from them."""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel

from evals.metrics import f1, ratio

_SUMMED = (
    "gold",
    "predicted",
    "matched",
    "category_correct",
    "priority_correct",
    "quotes",
    "grounded_quotes",
    "forbidden_violations",
)


class Counts(BaseModel):
    """The raw counts every TechTranslator metric is computed from."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    category_correct: int = 0
    priority_correct: int = 0
    quotes: int = 0
    grounded_quotes: int = 0
    forbidden_violations: int = 0
    over_limit: bool = False
    schema_valid: bool = False


def rates(c: Counts) -> dict[str, float | None]:
    """Recall, precision, F1, accuracies over matched pairs, and grounding rate."""
    precision = ratio(c.matched, c.predicted, empty=1.0)
    recall = ratio(c.matched, c.gold, empty=1.0)
    return {
        "recall": recall,
        "precision": precision,
        "f1": f1(precision, recall),
        "category_accuracy": ratio(c.category_correct, c.matched, empty=None),
        "priority_accuracy": ratio(c.priority_correct, c.matched, empty=None),
        "grounding_rate": ratio(c.grounded_quotes, c.quotes, empty=None),
    }


def add_counts(counts: Iterable[Counts]) -> Counts:
    """Sum the countable fields over cases (the basis of micro-averaging)."""
    totals = dict.fromkeys(_SUMMED, 0)
    for c in counts:
        for name in _SUMMED:
            totals[name] += getattr(c, name)
    return Counts(**totals)
