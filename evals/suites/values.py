"""Compare an expected JSON value with an actual one, numbers within an absolute tolerance."""

from __future__ import annotations

from typing import Any

from evals.metrics import within


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def mismatch(expected: Any, actual: Any, tolerance: float, path: str = "") -> str | None:
    """``None`` when ``actual`` matches ``expected``, else where and how it differs."""
    where = path or "value"
    if _is_number(expected) and _is_number(actual):
        if within(float(actual), float(expected), tolerance):
            return None
        return f"{where}: expected {expected!r} ± {tolerance:g}, got {actual!r}"
    if isinstance(expected, dict) and isinstance(actual, dict):
        if set(expected) != set(actual):
            return f"{where}: expected keys {sorted(expected)}, got {sorted(actual)}"
        for key in expected:
            found = mismatch(
                expected[key], actual[key], tolerance, f"{path}.{key}" if path else key
            )
            if found:
                return found
        return None
    if isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            return f"{where}: expected {len(expected)} items, got {len(actual)}"
        for i, (e, a) in enumerate(zip(expected, actual, strict=True)):
            found = mismatch(e, a, tolerance, f"{path}[{i}]")
            if found:
                return found
        return None
    same_kind = isinstance(expected, bool) == isinstance(actual, bool)  # True == 1 in Python
    if same_kind and expected == actual:
        return None
    return f"{where}: expected {expected!r}, got {actual!r}"
