"""Roadmap suite: requirements + backlog in, agreement with a PM's order and sanity checks out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from agents.roadmap import RoadmapInput, build_roadmap
from evals.datasets import CaseModel, load_cases
from evals.gates import Direction
from evals.metrics import kendall_tau, mean, ratio, top_k_overlap
from evals.suites.base import CaseResult, Suite
from evals.suites.roadmap_checks import (
    Check,
    ForecastRow,
    forecast,
    forecast_checks,
    structure_checks,
)
from evals.suites.roadmap_forecast import (
    EVAL_START,
    agent_forecast_checks,
    constant_history,
    p_weeks,
)
from tools.llm.base import LanguageModel

TOP_K = 3


class ForecastExpected(BaseModel):
    """What a PM finds plausible for the delivery forecast."""

    model_config = ConfigDict(extra="forbid")

    total_weeks: tuple[float, float] | None = Field(default=None, description="[min, max]")
    done_by_week: dict[str, float] = Field(default_factory=dict)


class RoadmapExpected(BaseModel):
    """The order a PM would ship in (item keys, best first) and forecast expectations."""

    model_config = ConfigDict(extra="forbid")

    order: list[str] = Field(min_length=2)
    forecast: ForecastExpected | None = None

    @model_validator(mode="after")
    def _unique(self) -> RoadmapExpected:
        if len(set(self.order)) != len(self.order):
            raise ValueError("order lists a key twice")
        return self


class RoadmapCase(CaseModel):
    """One dataset line: the agent's input, the team's throughput and the expected order."""

    roadmap: RoadmapInput
    throughput: float | None = Field(
        default=None, gt=0, description="person-weeks of effort the team delivers per week"
    )
    expected: RoadmapExpected

    @model_validator(mode="after")
    def _keys_exist(self) -> RoadmapCase:
        known = {r.key for r in self.roadmap.requirements} | {b.key for b in self.roadmap.backlog}
        unknown = [k for k in self.expected.order if k not in known]
        if unknown:
            raise ValueError(f"expected.order names keys not in the input: {unknown}")
        if self.expected.forecast is not None and self.throughput is None:
            raise ValueError("expected.forecast needs a throughput")
        return self


@dataclass(frozen=True)
class LoadedRoadmapCase:
    """A validated line and where it came from."""

    line: int
    case: RoadmapCase


class RoadmapResult(CaseResult):
    """Per-case record: both orders, rank agreement, checks and forecast."""

    expected_order: list[str] = Field(default_factory=list)
    actual_order: list[str] = Field(default_factory=list)
    missing_keys: list[str] = Field(default_factory=list)
    kendall_tau: float | None = None
    top3_overlap: float | None = None
    exact_order: bool = False
    checks: list[Check] = Field(default_factory=list)
    forecast: list[ForecastRow] = Field(default_factory=list)
    rationale: str | None = None


def load(path: Path) -> list[LoadedRoadmapCase]:
    """Load and validate a roadmap dataset."""
    return [LoadedRoadmapCase(n, c) for n, c in load_cases(path, RoadmapCase)]


def run(loaded: LoadedRoadmapCase, llm: LanguageModel) -> RoadmapResult:
    """Rank the input and score it against the expected order and the sanity checks."""
    case = loaded.case
    history = None
    if case.throughput is not None:
        history = constant_history(case.throughput, case.roadmap.weights)
    roadmap = build_roadmap(case.roadmap, llm, history=history, start=EVAL_START)
    actual = [item.key for item in roadmap.items]
    expected = case.expected.order
    checks = structure_checks(case.roadmap, roadmap)
    rows: list[ForecastRow] = []
    if case.throughput is not None:
        rows = forecast(roadmap, case.throughput)
        want = case.expected.forecast
        checks += forecast_checks(
            rows, want.total_weeks if want else None, want.done_by_week if want else {}
        )
        checks += agent_forecast_checks(
            roadmap, want.total_weeks if want else None, want.done_by_week if want else {}
        )
        weeks = {key: {"p50_week": p50, "p85_week": p85} for key, p50, p85 in p_weeks(roadmap)}
        rows = [r.model_copy(update=weeks[r.key]) for r in rows]
    in_actual = [k for k in actual if k in set(expected)]
    return RoadmapResult(
        id=case.id,
        line=loaded.line,
        expected_order=expected,
        actual_order=actual,
        missing_keys=[k for k in expected if k not in actual],
        kendall_tau=kendall_tau(expected, actual),
        top3_overlap=top_k_overlap(expected, in_actual, TOP_K),
        exact_order=in_actual == expected,
        checks=checks,
        forecast=rows,
        rationale=roadmap.rationale,
    )


def crashed(loaded: LoadedRoadmapCase, error: str) -> RoadmapResult:
    """The record of a case that raised."""
    order = loaded.case.expected.order
    return RoadmapResult(
        id=loaded.case.id,
        line=loaded.line,
        error=error,
        crashed=True,
        expected_order=order,
        missing_keys=order,
    )


def summarise(results: Sequence[RoadmapResult]) -> dict[str, Any]:
    """Mean Kendall tau and top-3 overlap, exact orders and sanity-check pass rate."""
    ok = [r for r in results if not r.crashed]
    checks = [c for r in results for c in r.checks]
    return {
        "kendall_tau": mean([r.kendall_tau for r in ok]),
        "top3_overlap": mean([r.top3_overlap for r in ok]),
        "exact_order_rate": ratio(sum(r.exact_order for r in results), len(results), empty=None),
        "checks_pass_rate": ratio(sum(c.ok for c in checks), len(checks), empty=None),
        "checks_failed": sum(not c.ok for c in checks),
    }


DIRECTIONS: dict[str, Direction] = {
    "kendall_tau": "higher",
    "top3_overlap": "higher",
    "exact_order_rate": "higher",
    "checks_pass_rate": "higher",
    "checks_failed": "lower",
    "errors": "lower",
    "latency_ms_p50": "lower",
    "latency_ms_p95": "lower",
}

SUITE: Suite[LoadedRoadmapCase, RoadmapResult] = Suite(
    name="roadmap",
    directions=DIRECTIONS,
    gated=frozenset(DIRECTIONS) - {"latency_ms_p50", "latency_ms_p95"},
    load=load,
    run=run,
    crashed=crashed,
    summarise=summarise,
)
