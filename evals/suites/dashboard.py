"""Dashboard suite: sandbox snapshots in, metric values compared exactly (per-metric tolerance)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from agents.dashboard import DashboardMetrics, DashboardSnapshot, build_dashboard, compute_metrics
from devbizops.errors import LLMOutputError
from evals.datasets import CaseModel, load_cases
from evals.gates import Direction
from evals.metrics import ratio
from evals.suites.base import CaseResult, Suite
from evals.suites.values import mismatch
from tools.llm.base import LanguageModel

DEFAULT_TOLERANCE = 1e-9


class DashboardExpected(BaseModel):
    """Expected metric values (a subset of DashboardMetrics) and per-metric tolerances."""

    model_config = ConfigDict(extra="forbid")

    metrics: dict[str, Any] = Field(min_length=1)
    tolerance: dict[str, float] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _known_names(self) -> DashboardExpected:
        known = set(DashboardMetrics.model_fields)
        for name in self.metrics:
            if name not in known:
                raise ValueError(f"unknown metric {name!r}; known: {', '.join(sorted(known))}")
        for name, tol in self.tolerance.items():
            if name not in self.metrics:
                raise ValueError(f"tolerance for {name!r}, which has no expected value")
            if tol < 0:
                raise ValueError(f"tolerance for {name!r} must be >= 0")
        return self


class DashboardCase(CaseModel):
    """One dataset line: a snapshot and the metric values it must produce."""

    snapshot: DashboardSnapshot
    expected: DashboardExpected


@dataclass(frozen=True)
class LoadedDashboardCase:
    """A validated line and where it came from."""

    line: int
    case: DashboardCase


class MetricCheck(BaseModel):
    """One expected metric against what the agent computed."""

    metric: str
    expected: Any
    actual: Any
    tolerance: float
    ok: bool
    detail: str | None = None


class DashboardResult(CaseResult):
    """Per-case record: each metric check and the narrative verdict."""

    checks: list[MetricCheck] = Field(default_factory=list)
    matched: int = 0
    total: int = 0
    narrative: str | None = None
    narrative_valid: bool = False


def load(path: Path) -> list[LoadedDashboardCase]:
    """Load and validate a dashboard dataset."""
    return [LoadedDashboardCase(n, c) for n, c in load_cases(path, DashboardCase)]


def _checks(expected: DashboardExpected, actual: dict[str, Any]) -> list[MetricCheck]:
    checks = []
    for name, value in expected.metrics.items():
        tol = expected.tolerance.get(name, DEFAULT_TOLERANCE)
        detail = mismatch(value, actual.get(name), tol, name)
        checks.append(
            MetricCheck(
                metric=name,
                expected=value,
                actual=actual.get(name),
                tolerance=tol,
                ok=detail is None,
                detail=detail,
            )
        )
    return checks


def run(loaded: LoadedDashboardCase, llm: LanguageModel) -> DashboardResult:
    """Build the dashboard; compare its metrics; a narrative with invented numbers is recorded."""
    case = loaded.case
    narrative, narrative_valid, error = None, False, None
    try:
        dashboard = build_dashboard(case.snapshot, llm)
        metrics, narrative, narrative_valid = dashboard.metrics, dashboard.narrative, True
    except LLMOutputError as exc:
        metrics, error = compute_metrics(case.snapshot), f"narrative rejected: {exc.message}"
    checks = _checks(case.expected, metrics.model_dump(mode="json"))
    return DashboardResult(
        id=case.id,
        line=loaded.line,
        error=error,
        checks=checks,
        matched=sum(c.ok for c in checks),
        total=len(checks),
        narrative=narrative,
        narrative_valid=narrative_valid,
    )


def crashed(loaded: LoadedDashboardCase, error: str) -> DashboardResult:
    """The record of a case that raised: every expected metric counts as missed."""
    total = len(loaded.case.expected.metrics)
    return DashboardResult(
        id=loaded.case.id, line=loaded.line, error=error, crashed=True, total=total
    )


def summarise(results: Sequence[DashboardResult]) -> dict[str, Any]:
    """Micro-averaged exact-match rate, fully-correct cases and per-metric rates."""
    by_metric: dict[str, list[bool]] = {}
    for r in results:
        for c in r.checks:
            by_metric.setdefault(c.metric, []).append(c.ok)
    return {
        "exact_match_rate": ratio(
            sum(r.matched for r in results), sum(r.total for r in results), empty=None
        ),
        "case_pass_rate": ratio(
            sum(r.total > 0 and r.matched == r.total for r in results), len(results), empty=None
        ),
        "narrative_valid_rate": ratio(
            sum(r.narrative_valid for r in results), len(results), empty=None
        ),
        "by_metric": {name: sum(oks) / len(oks) for name, oks in sorted(by_metric.items())},
    }


DIRECTIONS: dict[str, Direction] = {
    "exact_match_rate": "higher",
    "case_pass_rate": "higher",
    "narrative_valid_rate": "higher",
    "errors": "lower",
    "latency_ms_p50": "lower",
    "latency_ms_p95": "lower",
}

SUITE: Suite[LoadedDashboardCase, DashboardResult] = Suite(
    name="dashboard",
    directions=DIRECTIONS,
    gated=frozenset({"exact_match_rate", "case_pass_rate", "narrative_valid_rate", "errors"}),
    load=load,
    run=run,
    crashed=crashed,
    summarise=summarise,
)
