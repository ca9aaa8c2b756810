"""Gates: --fail-under thresholds and regressions against a baseline."""

from __future__ import annotations

import pytest

from devbizops.errors import InvalidInput
from evals.gates import Direction, Threshold, check_regressions, check_thresholds, parse_thresholds

DIRECTIONS: dict[str, Direction] = {
    "recall": "higher",
    "f1": "higher",
    "errors": "lower",
    "latency_ms_p95": "lower",
}
GATED = {"recall", "f1", "errors"}


def test_thresholds_parse_repeated_and_comma_separated() -> None:
    parsed = parse_thresholds(["recall=0.8", "f1=0.5, errors=0"], DIRECTIONS)
    assert parsed == [Threshold("recall", 0.8), Threshold("f1", 0.5), Threshold("errors", 0.0)]


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("recall", "expected metric=value"),
        ("=0.5", "expected metric=value"),
        ("recal=0.5", "unknown metric 'recal'"),
        ("recall=high", "'high' is not a number"),
    ],
)
def test_bad_thresholds_are_usage_errors(spec: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        parse_thresholds([spec], DIRECTIONS)


def test_a_threshold_fails_when_the_metric_is_worse_in_its_direction() -> None:
    summary = {"recall": 0.75, "errors": 2, "f1": None}
    results = check_thresholds(
        summary,
        [
            Threshold("recall", 0.8),
            Threshold("recall", 0.75),
            Threshold("errors", 1),
            Threshold("f1", 0.1),
        ],
        DIRECTIONS,
    )
    assert [r.passed for r in results] == [False, True, False, False]
    assert results[0].detail == "recall = 0.75, needs at least 0.8"
    assert results[2].detail == "errors = 2, needs at most 1"
    assert "undefined" in results[3].detail


def test_a_drop_beyond_the_tolerance_is_a_regression() -> None:
    base = {"recall": 0.80, "f1": 0.70, "errors": 0, "latency_ms_p95": 10.0}
    now = {"recall": 0.77, "f1": 0.68, "errors": 0, "latency_ms_p95": 900.0}
    results = {r.metric: r for r in check_regressions(now, base, DIRECTIONS, GATED, 0.02)}
    assert not results["recall"].passed  # dropped 0.03
    assert results["f1"].passed  # dropped exactly the tolerance
    assert results["errors"].passed
    assert "latency_ms_p95" not in results  # latency is not gated by default


def test_one_more_crash_regresses_a_lower_is_better_count() -> None:
    (result,) = check_regressions({"errors": 1}, {"errors": 0}, DIRECTIONS, {"errors"}, 0.02)
    assert not result.passed
    assert result.detail == "errors regressed: 1 vs baseline 0 (tolerance 0.02)"


def test_improvements_and_metrics_missing_on_one_side_pass() -> None:
    results = check_regressions({"recall": 0.9}, {"recall": 0.5, "f1": 0.9}, DIRECTIONS, GATED)
    assert [(r.metric, r.passed) for r in results] == [("recall", True)]
