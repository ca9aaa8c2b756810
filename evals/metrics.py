"""Pure metric functions shared by the suites (ratios, F1, percentiles, rank agreement)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import combinations


def ratio(numerator: float, denominator: float, *, empty: float | None) -> float | None:
    """``numerator / denominator``, or ``empty`` when there is nothing to divide by."""
    return numerator / denominator if denominator else empty


def f1(precision: float | None, recall: float | None) -> float | None:
    """Harmonic mean of precision and recall (0.0 when both are 0)."""
    if precision is None or recall is None:
        return None
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0


def percentile(values: Sequence[float], q: float) -> float | None:
    """The ``q``-th percentile (0-100) with linear interpolation between closest ranks."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def mean(values: Sequence[float | None]) -> float | None:
    """Arithmetic mean of the defined values (``None`` when there are none)."""
    defined = [v for v in values if v is not None]
    return sum(defined) / len(defined) if defined else None


def kendall_tau(expected: Sequence[str], actual: Sequence[str]) -> float | None:
    """Kendall's tau-a between two orders, over the keys present in both (None below 2 keys)."""
    position = {key: i for i, key in enumerate(actual)}
    common = [key for key in expected if key in position]
    if len(common) < 2:
        return None
    score = 0
    for a, b in combinations(common, 2):  # a precedes b in the expected order
        score += 1 if position[a] < position[b] else -1
    pairs = len(common) * (len(common) - 1) / 2
    return score / pairs


def top_k_overlap(expected: Sequence[str], actual: Sequence[str], k: int) -> float | None:
    """Share of the expected top ``k`` keys that are also in the actual top ``k``."""
    size = min(k, len(expected))
    if size == 0:
        return None
    return len(set(expected[:size]) & set(actual[:size])) / size


def within(actual: float, expected: float, tolerance: float) -> bool:
    """Whether ``actual`` equals ``expected`` within an absolute ``tolerance``."""
    return math.isfinite(actual) and abs(actual - expected) <= tolerance + 1e-12
