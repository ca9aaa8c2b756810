"""Quality gates: absolute thresholds (``--fail-under``) and regressions against a baseline."""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from devbizops.errors import InvalidInput

Direction = Literal["higher", "lower"]
DEFAULT_TOLERANCE = 0.02
_EPSILON = 1e-9  # float noise must not turn "exactly at the tolerance" into a failure


@dataclass(frozen=True)
class Threshold:
    """``metric`` must not be worse than ``value``."""

    metric: str
    value: float


@dataclass(frozen=True)
class GateResult:
    """The verdict of one gate, with the numbers behind it."""

    kind: Literal["threshold", "regression"]
    metric: str
    actual: float | None
    limit: float | None
    passed: bool
    detail: str


def number(value: Any) -> float | None:
    """``value`` as a float when it is a finite number (booleans and others give ``None``)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def is_worse(direction: Direction, value: float, reference: float, margin: float = 0.0) -> bool:
    """Whether ``value`` is worse than ``reference`` by more than ``margin``."""
    gap = reference - value if direction == "higher" else value - reference
    return gap > margin + _EPSILON


def parse_thresholds(specs: Sequence[str], directions: Mapping[str, Direction]) -> list[Threshold]:
    """Parse ``metric=value`` items (also comma-separated); unknown metrics are usage errors."""
    thresholds: list[Threshold] = []
    for spec in (part.strip() for item in specs for part in item.split(",")):
        if not spec:
            continue
        metric, sep, raw = spec.partition("=")
        metric = metric.strip()
        if not sep or not metric:
            raise InvalidInput(f"--fail-under {spec!r}: expected metric=value")
        if metric not in directions:
            known = ", ".join(sorted(directions))
            raise InvalidInput(f"--fail-under {spec!r}: unknown metric {metric!r} (known: {known})")
        try:
            value = float(raw)
        except ValueError:
            raise InvalidInput(f"--fail-under {spec!r}: {raw.strip()!r} is not a number") from None
        thresholds.append(Threshold(metric, value))
    return thresholds


def check_thresholds(
    summary: Mapping[str, Any],
    thresholds: Sequence[Threshold],
    directions: Mapping[str, Direction],
) -> list[GateResult]:
    """One result per threshold; an undefined metric fails its threshold."""
    results: list[GateResult] = []
    for t in thresholds:
        actual = number(summary.get(t.metric))
        direction = directions[t.metric]
        bound = "at least" if direction == "higher" else "at most"
        if actual is None:
            passed, detail = False, f"{t.metric} is undefined; needs {bound} {t.value:g}"
        else:
            passed = not is_worse(direction, actual, t.value)
            detail = f"{t.metric} = {actual:.4g}, needs {bound} {t.value:g}"
        results.append(GateResult("threshold", t.metric, actual, t.value, passed, detail))
    return results


def check_regressions(
    summary: Mapping[str, Any],
    baseline: Mapping[str, Any],
    directions: Mapping[str, Direction],
    gated: Collection[str],
    tolerance: float = DEFAULT_TOLERANCE,
) -> list[GateResult]:
    """Compare every gated metric defined in both summaries with the baseline."""
    results: list[GateResult] = []
    for metric in (m for m in directions if m in gated):  # a stable, meaningful order
        actual, reference = number(summary.get(metric)), number(baseline.get(metric))
        if actual is None or reference is None:
            continue
        worse = is_worse(directions[metric], actual, reference, tolerance)
        verb = "regressed" if worse else "holds"
        detail = (
            f"{metric} {verb}: {actual:.4g} vs baseline {reference:.4g} (tolerance {tolerance:g})"
        )
        results.append(GateResult("regression", metric, actual, reference, not worse, detail))
    return results
