"""What every suite provides, and the generic evaluate loop that runs one."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel
from rich.console import Console

from evals.gates import Direction
from evals.metrics import percentile
from evals.runner import run_cases
from tools.llm.base import LanguageModel

CaseT = TypeVar("CaseT")
ResultT = TypeVar("ResultT", bound="CaseResult")

LATENCY_METRICS = ("latency_ms_p50", "latency_ms_p95")


class CaseResult(BaseModel):
    """Fields every per-case record in a report has."""

    id: str
    line: int
    error: str | None = None
    crashed: bool = False
    latency_ms: float = 0.0


@dataclass(frozen=True)
class Suite(Generic[CaseT, ResultT]):
    """A suite: dataset loader, per-case runner, crash record and summary."""

    name: str
    directions: Mapping[str, Direction]
    gated: frozenset[str]
    load: Callable[[Path], list[CaseT]]
    run: Callable[[CaseT, LanguageModel], ResultT]
    crashed: Callable[[CaseT, str], ResultT]
    summarise: Callable[[Sequence[ResultT]], dict[str, Any]]


def common_summary(results: Sequence[CaseResult]) -> dict[str, Any]:
    """The fields every summary has: case count, crashes and latency percentiles."""
    latencies = [r.latency_ms for r in results]
    p50, p95 = percentile(latencies, 50), percentile(latencies, 95)
    return {
        "cases": len(results),
        "errors": sum(r.crashed for r in results),
        "latency_ms_p50": round(p50, 3) if p50 is not None else None,
        "latency_ms_p95": round(p95, 3) if p95 is not None else None,
    }


def evaluate(
    suite: Suite[CaseT, ResultT],
    cases: Sequence[CaseT],
    llm: LanguageModel,
    *,
    concurrency: int = 4,
    console: Console | None = None,
) -> tuple[dict[str, Any], list[ResultT]]:
    """Run every case, record crashes and latency, and summarise."""
    runs = run_cases(
        cases,
        lambda case: suite.run(case, llm),
        concurrency=concurrency,
        label=suite.name,
        console=console,
    )
    results: list[ResultT] = []
    for run in runs:
        if run.result is not None:
            result = run.result
        else:
            result = suite.crashed(run.case, run.error or "unknown error")
        results.append(result.model_copy(update={"latency_ms": run.latency_ms}))
    common = common_summary(results)
    summary = {"cases": common.pop("cases"), **suite.summarise(results), **common}
    return summary, results
